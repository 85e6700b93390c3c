package io.vtp.local.cds;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real JVMs record real dynamic archives of {@link LoadsWithoutLinking}, with and without the linking. */
class LinkingMainTest {

    private static final String CLASS = "io/vtp/local/cds/LoadsWithoutLinking$OnlyLoaded: Not linked";
    private static final String INTERFACE = "io/vtp/local/cds/LoadsWithoutLinking$OnlyLoadedInterface: Not linked";

    @TempDir
    Path dir;

    @Test
    void withoutTheClassLogTheJvmLeavesLoadedButUnlinkedClassesOutOfTheArchive() throws Exception {
        String output = record(false);
        assertTrue(output.contains("loaded 2 by its own loader: true"), "the program ran with its arguments: " + output);
        assertTrue(output.contains(CLASS), output);
        assertTrue(output.contains(INTERFACE), output);
        assertFalse(output.contains("vtp-cds: linked"), output);
    }

    @Test
    void withTheClassLogEveryLoadedClassIsLinkedBeforeTheArchiveIsWritten() throws Exception {
        String output = record(true);
        assertTrue(output.contains("loaded 2 by its own loader: true"), "the program ran with its arguments: " + output);
        assertFalse(output.contains(CLASS), output);
        assertFalse(output.contains(INTERFACE), output);
        assertTrue(output.matches("(?s).*vtp-cds: linked \\d+ loaded classes.*"), output);
    }

    @Test
    void logLinesNameClassesTheBaseArchiveAndHiddenClassesExcepted() {
        assertEquals("org.example.Type", LoadedClassLinker.className("org.example.Type source: file:/app/lib/x.jar"));
        assertEquals(null, LoadedClassLinker.className("java.lang.Object source: shared objects file"));
        assertEquals(null, LoadedClassLinker.className("java.lang.invoke.LambdaForm$MH/0x0000000800c0 source: __JVM__"));
        assertEquals(null, LoadedClassLinker.className(""));
    }

    private String record(boolean link) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ArchiveClassesAtExit=" + dir.resolve("archive.jsa"), "-Xlog:cds=warning"));
        if (link) {
            Path log = dir.resolve("classes.log");
            command.add("-Xlog:class+load=info:file=" + log + ":none:filecount=0");
            command.add("-D" + LinkingMain.CLASS_LOG + "=" + log);
        }
        command.addAll(List.of("-cp", programJar().toString(),
                LinkingMain.class.getName(), LoadsWithoutLinking.class.getName(), "a", "b"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    /** CDS archives classes from jars only: the launcher's and the program's classes in one jar. */
    private Path programJar() throws Exception {
        Path jar = dir.resolve("program.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> type : List.of(LinkingMain.class, LoadsWithoutLinking.class)) {
                Path classes = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
                Path pkg = classes.resolve(type.getPackageName().replace('.', '/'));
                try (Stream<Path> files = Files.list(pkg)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                        out.write(Files.readAllBytes(file));
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }
}
