package io.vtp.local;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainedArchiveTest {

    @TempDir
    Path dir;

    private Path jar;
    private Path launcher;
    private TrainedArchive archive;

    @BeforeEach
    void builtJars() throws Exception {
        jar = dir.resolve("auth-service/target/quarkus-app/quarkus-run.jar");
        launcher = dir.resolve("vtp-local/target/vtp-local-cds-launcher.jar");
        for (Path built : List.of(jar, launcher)) {
            Files.createDirectories(built.getParent());
            Files.writeString(built, "jar");
            Files.setLastModifiedTime(built, FileTime.from(Instant.parse("2020-01-01T10:00:00Z")));
        }
        archive = TrainedArchive.of(dir.resolve("home"), "auth", jar, launcher);
    }

    @Test
    void oneArchivePerServiceAndJdkUnderTheHome() {
        assertEquals(dir.resolve("home/cds"), archive.file().getParent());
        String name = archive.file().getFileName().toString();
        assertTrue(name.startsWith("auth-jdk-" + Runtime.version().feature()), name);
        assertTrue(name.endsWith(".jsa"), name);
    }

    @Test
    void withoutAnArchiveTheStartRecordsOneAndLinksTheClassesItLogs() {
        assertEquals(recordingOptions(), archive.jvmOptions());
        assertTrue(archive.isRecording());
        assertTrue(Files.isDirectory(archive.file().getParent()));
    }

    @Test
    void aLauncherBuiltAfterTheArchiveMakesItStale() throws Exception {
        writeArchive("2020-01-01T10:05:00Z");
        Files.setLastModifiedTime(launcher, FileTime.from(Instant.parse("2020-01-01T10:10:00Z")));
        assertFalse(archive.isCurrent(), "the JVM would ignore an archive of an older class path");
        assertEquals(recordingOptions(), archive.jvmOptions());
    }

    @Test
    void anArchiveRecordedAfterTheBuildIsMapped() throws Exception {
        writeArchive("2020-01-01T10:05:00Z");
        assertTrue(archive.isCurrent());
        assertEquals(List.of("-XX:SharedArchiveFile=" + archive.file()), archive.jvmOptions());
        assertFalse(archive.isRecording());
    }

    @Test
    void anArchiveOlderThanTheBuildIsRecordedAgain() throws Exception {
        writeArchive("2020-01-01T09:55:00Z");
        assertFalse(archive.isCurrent());
        Files.writeString(recording(), "left over from an interrupted run");
        Files.writeString(classLog(), "left over");
        assertEquals(recordingOptions(), archive.jvmOptions());
        assertFalse(Files.exists(recording()), "a left-over recording is removed before the JVM writes a new one");
        assertFalse(Files.exists(classLog()), "and its class log");
    }

    @Test
    void aRecordingIsKeptWhenTheServiceStoppedOnRequest() throws Exception {
        archive.jvmOptions();
        Files.writeString(recording(), "archive");
        Files.writeString(classLog(), "io.vtp.Example source: file:/x.jar");
        archive.finish(true);
        assertEquals("archive", Files.readString(archive.file()));
        assertFalse(Files.exists(recording()));
        assertFalse(Files.exists(classLog()), "the class log is only needed while the JVM records");
        assertTrue(archive.isCurrent());
    }

    @Test
    void aRecordingOfACrashOrAForcedKillIsDeleted() throws Exception {
        writeArchive("2020-01-01T09:55:00Z");
        archive.jvmOptions();
        Files.writeString(recording(), "half written");
        archive.finish(false);
        assertFalse(Files.exists(recording()));
        assertEquals("old", Files.readString(archive.file()), "the previous archive is left alone");
    }

    @Test
    void anEmptyRecordingIsNotKept() throws Exception {
        archive.jvmOptions();
        Files.createFile(recording());
        archive.finish(true);
        assertFalse(Files.exists(archive.file()));
        assertFalse(Files.exists(recording()));
    }

    @Test
    void finishingWithoutARecordingChangesNothing() throws Exception {
        writeArchive("2020-01-01T10:05:00Z");
        archive.finish(true);
        assertEquals("old", Files.readString(archive.file()));
    }

    private List<String> recordingOptions() {
        return List.of("-XX:ArchiveClassesAtExit=" + recording(),
                "-Xlog:class+load=info:file=" + classLog() + ":none:filecount=0",
                "-Dvtp.cds.class-log=" + classLog());
    }

    private Path classLog() {
        return archive.file().resolveSibling(archive.file().getFileName() + ".classes");
    }

    private Path recording() {
        return archive.file().resolveSibling(archive.file().getFileName() + ".recording");
    }

    private void writeArchive(String modified) throws Exception {
        Files.createDirectories(archive.file().getParent());
        Files.writeString(archive.file(), "old");
        Files.setLastModifiedTime(archive.file(), FileTime.from(Instant.parse(modified)));
    }
}
