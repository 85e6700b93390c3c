package io.vtp.auth.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manifest quarkus-kubernetes generates during the build (failsafe runs this after
 * packaging in {@code mvn verify}): probes, the signing-key Secret mount, and no Flyway init Job.
 */
class KubernetesManifestIT {

    @Test
    void generatedManifestIsDeployable() throws Exception {
        Path manifest = Path.of("target/kubernetes/kubernetes.yml");
        assertTrue(Files.exists(manifest), "run the build first: " + manifest);
        String yaml = Files.readString(manifest);
        assertTrue(yaml.contains("kind: Deployment"));
        assertTrue(yaml.contains("path: /q/health/ready"));
        assertTrue(yaml.contains("path: /q/health/live"));
        assertTrue(yaml.contains("secretName: auth-service-signing-key"));
        assertTrue(yaml.contains("mountPath: /etc/vtp/keys"));
        assertTrue(yaml.contains("containerPort: 8081"));
        assertFalse(yaml.contains("kind: Job"), "the Flyway init task must stay disabled");
        assertFalse(yaml.contains("ServiceMonitor"));
    }
}
