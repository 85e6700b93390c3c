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
    private TrainedArchive archive;

    @BeforeEach
    void builtJar() throws Exception {
        jar = dir.resolve("auth-service/target/quarkus-app/quarkus-run.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2020-01-01T10:00:00Z")));
        archive = TrainedArchive.of(dir.resolve("home"), "auth", jar);
    }

    @Test
    void oneArchivePerServiceAndJdkUnderTheHome() {
        assertEquals(dir.resolve("home/cds"), archive.file().getParent());
        String name = archive.file().getFileName().toString();
        assertTrue(name.startsWith("auth-jdk-" + Runtime.version().feature()), name);
        assertTrue(name.endsWith(".jsa"), name);
    }

    @Test
    void withoutAnArchiveTheStartRecordsOne() {
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + recording()), archive.jvmOptions());
        assertTrue(archive.isRecording());
        assertTrue(Files.isDirectory(archive.file().getParent()));
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
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + recording()), archive.jvmOptions());
        assertFalse(Files.exists(recording()), "a left-over recording is removed before the JVM writes a new one");
    }

    @Test
    void aRecordingIsKeptWhenTheServiceStoppedOnRequest() throws Exception {
        archive.jvmOptions();
        Files.writeString(recording(), "archive");
        archive.finish(true);
        assertEquals("archive", Files.readString(archive.file()));
        assertFalse(Files.exists(recording()));
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

    private Path recording() {
        return archive.file().resolveSibling(archive.file().getFileName() + ".recording");
    }

    private void writeArchive(String modified) throws Exception {
        Files.createDirectories(archive.file().getParent());
        Files.writeString(archive.file(), "old");
        Files.setLastModifiedTime(archive.file(), FileTime.from(Instant.parse(modified)));
    }
}
