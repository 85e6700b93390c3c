package io.vtp.streaming.it;

import io.vtp.testsupport.KubernetesManifests;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manifest quarkus-kubernetes generates during the build (failsafe runs this after
 * packaging in {@code mvn verify}): probes, port, secrets from the environment, a scratch volume
 * for the ladder being encoded, no Flyway init Job.
 */
class KubernetesManifestIT {

    @Test
    void generatedManifestIsDeployable() throws Exception {
        String yaml = KubernetesManifests.requireDeployable(8084, "streaming-service-secrets");
        assertTrue(yaml.contains("emptyDir"), "scratch space for the ladder being encoded");
        assertTrue(yaml.contains("mountPath: /work"));
        assertTrue(yaml.contains("VTP_STREAMING_WORK_DIR"));
    }
}
