package io.vtp.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void runsTheJarFromInsideQuarkusAppWithTheArchiveOptionsLast() throws Exception {
        Files.createDirectories(repo.resolve("deploy"));
        Files.writeString(repo.resolve("deploy/service-jvm.options"), "-Xmx256m\n");
        ServiceProcess.Launch launch = ServiceProcess.launch(repo, "auth", List.of("-XX:SharedArchiveFile=/a.jsa"));
        assertEquals(repo.resolve("auth-service/target/quarkus-app"), launch.directory());
        List<String> command = launch.command();
        assertEquals(List.of("-Xmx256m", "-XX:SharedArchiveFile=/a.jsa", "-jar", "quarkus-run.jar"),
                command.subList(1, command.size()));
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
