package io.vtp.recording.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manifest quarkus-kubernetes generates during the build (failsafe runs this after
 * packaging in {@code mvn verify}): probes, port, secrets from the environment, a scratch volume
 * for FFmpeg and tus staging, no Flyway init Job.
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
        assertTrue(yaml.contains("containerPort: 8083"));
        assertTrue(yaml.contains("name: recording-service-secrets"));
        assertTrue(yaml.contains("emptyDir"), "scratch space for FFmpeg and tus uploads");
        assertTrue(yaml.contains("mountPath: /work"));
        assertTrue(yaml.contains("VTP_RECORDING_WORK_DIR"));
        assertFalse(yaml.contains("kind: Job"), "the Flyway init task must stay disabled");
        assertFalse(yaml.contains("ServiceMonitor"));
    }
}
