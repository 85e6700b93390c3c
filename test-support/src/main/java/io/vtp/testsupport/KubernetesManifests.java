package io.vtp.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checks every service's generated Kubernetes manifest ({@code target/kubernetes/kubernetes.yml},
 * written by quarkus-kubernetes during {@code mvn package}) must pass: a Deployment with liveness
 * and readiness probes, the service's port, its secrets from the environment, no Flyway init Job and
 * no ServiceMonitor.
 */
public final class KubernetesManifests {

    private KubernetesManifests() {
    }

    /** Checks the module's manifest; returns its text for a service's own further checks. */
    public static String requireDeployable(int containerPort, String secretsName) throws IOException {
        Path manifest = Path.of("target/kubernetes/kubernetes.yml");
        require(Files.exists(manifest), "run the build first: " + manifest);
        String yaml = Files.readString(manifest);
        require(yaml.contains("kind: Deployment"), "a Deployment");
        require(yaml.contains("path: /q/health/ready"), "a readiness probe");
        require(yaml.contains("path: /q/health/live"), "a liveness probe");
        require(yaml.contains("containerPort: " + containerPort), "container port " + containerPort);
        require(yaml.contains("name: " + secretsName), "secrets from " + secretsName);
        require(!yaml.contains("kind: Job"), "the Flyway init task must stay disabled");
        require(!yaml.contains("ServiceMonitor"), "no ServiceMonitor (its CRD may be missing)");
        return yaml;
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("generated manifest: " + what);
        }
    }
}
