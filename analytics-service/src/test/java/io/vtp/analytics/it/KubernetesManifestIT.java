package io.vtp.analytics.it;

import io.vtp.testsupport.KubernetesManifests;
import org.junit.jupiter.api.Test;

/**
 * The manifest quarkus-kubernetes generates during the build (failsafe runs this after
 * packaging in {@code mvn verify}): probes, port, secrets from the environment, no Flyway init Job.
 */
class KubernetesManifestIT {

    @Test
    void generatedManifestIsDeployable() throws Exception {
        KubernetesManifests.requireDeployable(8086, "analytics-service-secrets");
    }
}
