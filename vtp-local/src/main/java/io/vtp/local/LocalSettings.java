package io.vtp.local;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** Where local mode keeps its data and which ports it uses, from the environment (see README.md). */
record LocalSettings(Path repo, Path home, int gatewayPort, int pgPort, int kafkaPort, Duration readyTimeout) {

    static LocalSettings fromEnvironment(Map<String, String> env) {
        Path repo = Path.of(env.getOrDefault("VTP_REPO", System.getProperty("user.dir"))).toAbsolutePath().normalize();
        Path home = env.containsKey("VTP_HOME") ? Path.of(env.get("VTP_HOME")).toAbsolutePath().normalize() : repo.resolve(".vtp");
        return new LocalSettings(repo, home,
                port(env, "VTP_GATEWAY_PORT", 8080),
                port(env, "VTP_PG_PORT", 15432),
                port(env, "VTP_KAFKA_PORT", 9092),
                Duration.ofSeconds(number(env, "VTP_READY_TIMEOUT", 90)));
    }

    Path routesFile() {
        return repo.resolve("deploy").resolve("routes.yaml");
    }

    Path logs() {
        return home.resolve("logs");
    }

    /** The directory of this launcher's dependency jars (target/lib beside target/vtp-local.jar or target/classes). */
    static Path libDirectory() {
        return besideLauncher("lib", Files::isDirectory);
    }

    /**
     * The jar of {@link io.vtp.local.cds.LinkingMain}, the main class local mode starts every service
     * with (target/vtp-local-cds-launcher.jar beside target/vtp-local.jar or target/classes).
     */
    static Path cdsLauncherJar() {
        return besideLauncher("vtp-local-cds-launcher.jar", Files::isRegularFile);
    }

    /** {@code name} in the directory of this launcher's jar (or classes), which must pass {@code exists}. */
    private static Path besideLauncher(String name, Predicate<Path> exists) {
        try {
            Path location = Path.of(VtpLocal.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path path = location.getParent().resolve(name);
            if (!exists.test(path)) {
                throw new IllegalStateException("no " + path + ": build vtp-local with `mvn -pl vtp-local -am install`");
            }
            return path;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the launcher's jars", e);
        }
    }

    /** The java executable that runs this launcher, used for every child JVM. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int port(Map<String, String> env, String name, int defaultValue) {
        int port = number(env, name, defaultValue);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be a port number (1-65535), not " + port);
        }
        return port;
    }

    private static int number(Map<String, String> env, String name, int defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
        }
    }
}
