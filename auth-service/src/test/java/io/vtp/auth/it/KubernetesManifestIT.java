package io.vtp.auth.it;

import io.vtp.testsupport.KubernetesManifests;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manifest quarkus-kubernetes generates during the build (failsafe runs this after
 * packaging in {@code mvn verify}): probes, the signing-key Secret mount, and no Flyway init Job.
 */
class KubernetesManifestIT {

    @Test
    void generatedManifestIsDeployable() throws Exception {
        String yaml = KubernetesManifests.requireDeployable(8081, "auth-service-secrets");
        assertTrue(yaml.contains("secretName: auth-service-signing-key"));
        assertTrue(yaml.contains("mountPath: /etc/vtp/keys"));
    }
}
