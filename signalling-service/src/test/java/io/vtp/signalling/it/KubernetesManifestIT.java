package io.vtp.signalling.it;

import io.vtp.testsupport.KubernetesManifests;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manifest quarkus-kubernetes generates during the build (failsafe runs this after packaging
 * in {@code mvn verify}): probes, port, secrets from the environment, one replica (live rooms are
 * held in the instance's memory), no Flyway init Job.
 */
class KubernetesManifestIT {

    @Test
    void generatedManifestIsDeployable() throws Exception {
        String yaml = KubernetesManifests.requireDeployable(8082, "signalling-service-secrets");
        assertTrue(yaml.contains("replicas: 1"), "live rooms live in one instance's memory");
    }
}
