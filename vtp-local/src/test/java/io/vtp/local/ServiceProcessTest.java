package io.vtp.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceProcessTest {

    @TempDir
    Path repo;

    @Test
    void jvmOptionsComeFromTheSharedFileWithoutComments() throws Exception {
        Files.createDirectories(repo.resolve("deploy"));
        Files.writeString(repo.resolve("deploy/service-jvm.options"),
                "# comment\n-Xmx256m   -Xss512k\n\n-XX:+UseSerialGC # trailing comment\n");
        assertEquals(List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC"), ServiceProcess.jvmOptions(repo));
    }

    @Test
    void runsTheJarsMainClassThroughTheLinkingLauncherFromInsideQuarkusApp() throws Exception {
        Files.createDirectories(repo.resolve("deploy"));
        Files.writeString(repo.resolve("deploy/service-jvm.options"), "-Xmx256m\n");
        Path jar = repo.resolve("auth-service/target/quarkus-app/quarkus-run.jar");
        writeRunnableJar(jar, "io.quarkus.bootstrap.runner.QuarkusEntryPoint");
        Path launcher = repo.resolve("vtp-local/target/vtp-local-cds-launcher.jar");
        ServiceProcess.Launch launch = ServiceProcess.launch(repo, "auth", List.of("-XX:SharedArchiveFile=/a.jsa"), launcher);
        assertEquals(jar.getParent(), launch.directory());
        List<String> command = launch.command();
        assertEquals(List.of("-Xmx256m", "-XX:SharedArchiveFile=/a.jsa",
                        "-cp", "quarkus-run.jar" + File.pathSeparator + launcher,
                        "io.vtp.local.cds.LinkingMain", "io.quarkus.bootstrap.runner.QuarkusEntryPoint"),
                command.subList(1, command.size()));
    }

    @Test
    void aJarWithoutMainClassCannotBeLaunched() throws Exception {
        Path jar = repo.resolve("quarkus-run.jar");
        writeRunnableJar(jar, null);
        IOException error = assertThrows(IOException.class, () -> ServiceProcess.mainClass(jar));
        assertTrue(error.getMessage().contains("no Main-Class"), error.getMessage());
    }

    private static void writeRunnableJar(Path jar, String mainClass) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
    }

    @Test
    void noFileMeansJvmDefaults() throws Exception {
        assertEquals(List.of(), ServiceProcess.jvmOptions(repo));
    }

    @Test
    void oneServiceGetsExtraOptionsFromItsOwnVariable() {
        assertEquals(List.of("-XX:TieredStopAtLevel=4", "-Xmx1g"), ServiceProcess.extraJvmOptions("analytics",
                java.util.Map.of("VTP_JVM_OPTIONS_ANALYTICS", " -XX:TieredStopAtLevel=4  -Xmx1g ")));
        assertEquals(List.of(), ServiceProcess.extraJvmOptions("course",
                java.util.Map.of("VTP_JVM_OPTIONS_ANALYTICS", "-Xmx1g")));
    }
}
