package io.vtp.analytics.it;

import io.vtp.testsupport.KubernetesManifests;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manifest quarkus-kubernetes generates during the build (failsafe runs this after
 * packaging in {@code mvn verify}): probes, port, secrets from the environment, no Flyway init Job;
 * the ingest JVM shape (a heap whose young generation holds the batches in flight) and a memory
 * limit above that heap.
 */
class KubernetesManifestIT {

    @Test
    void generatedManifestIsDeployable() throws Exception {
        String manifest = KubernetesManifests.requireDeployable(8086, "analytics-service-secrets");
        assertTrue(manifest.contains("name: JAVA_TOOL_OPTIONS"), manifest);
        assertTrue(manifest.contains("-Xmx1200m -Xmn1000m -XX:SurvivorRatio=3"), manifest);
        assertTrue(manifest.contains("-XX:TargetSurvivorRatio=90"), manifest);
        assertTrue(manifest.contains("memory: 1536Mi"), manifest);
    }
}
