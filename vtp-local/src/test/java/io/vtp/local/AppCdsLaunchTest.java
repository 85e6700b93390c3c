package io.vtp.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every packaged service of this repository (the reactor packages them before this module) is
 * launched the way {@code ./vtp up} launches it, with {@code -XX:+PrintSharedArchiveAndExit}: the JVM
 * then checks the AppCDS archive against the class path and exits. A JVM started from the wrong
 * directory ignores the archive without a word, so only this check notices.
 */
class AppCdsLaunchTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyPackagedServiceStartsWithItsAppCdsArchive() throws Exception {
        List<String> services = packagedServices();
        assertFalse(services.isEmpty(), "no <name>-service/target/quarkus-app/quarkus-run.jar under " + REPO
                + ": run `mvn verify` from the repository root, which packages the services before vtp-local");
        for (String name : services) {
            ServiceProcess.Launch launch = ServiceProcess.launch(REPO, name);
            assertTrue(Files.exists(ServiceProcess.runnableJar(REPO, name).resolveSibling("app-cds.jsa")),
                    name + "-service has no AppCDS archive: set quarkus.package.jar.appcds.enabled=true");
            List<String> command = new ArrayList<>(launch.command());
            command.add(1, "-XX:+PrintSharedArchiveAndExit");
            Process process = new ProcessBuilder(command).directory(launch.directory().toFile())
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), name + ": the JVM did not exit");
            String tail = output.substring(Math.max(0, output.length() - 2000));
            assertEquals(0, process.exitValue(), name + ": the JVM rejected the AppCDS archive:\n" + tail);
            assertTrue(output.contains("archive is valid"), name + ": " + tail);
        }
    }

    private static List<String> packagedServices() throws IOException {
        try (Stream<Path> modules = Files.list(REPO)) {
            return modules.map(module -> module.getFileName().toString())
                    .filter(dir -> dir.endsWith("-service"))
                    .map(dir -> dir.substring(0, dir.length() - "-service".length()))
                    .filter(name -> Files.isRegularFile(ServiceProcess.runnableJar(REPO, name)))
                    .sorted()
                    .toList();
        }
    }
}
