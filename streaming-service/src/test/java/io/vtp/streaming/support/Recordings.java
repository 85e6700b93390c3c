package io.vtp.streaming.support;

import io.vtp.media.storage.MediaDirectories;
import io.vtp.media.storage.FileSystemMediaStore;
import io.vtp.testsupport.CourseEvents;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.Person;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Recordings as recording-service hands them over: the file stored under {@code raw/{id}/} in the
 * shared media store, then {@code vtp.recording.completed.v1} on the real broker.
 */
public final class Recordings {

    private Recordings() {
    }

    /** A completed recording of {@code owner} (for {@code course}, may be null) whose media is {@code clip}. */
    public static UUID completed(Person owner, UUID course, Path clip) {
        UUID id = UUID.randomUUID();
        String name = clip.getFileName().toString();
        String key = "raw/" + id + "/recording" + name.substring(name.lastIndexOf('.'));
        try (FileSystemMediaStore store = new FileSystemMediaStore(MediaDirectories.mediaRoot())) {
            store.put(key, clip, "application/octet-stream");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        announce(id, owner, course, key, UUID.randomUUID().toString());
        return id;
    }

    /** vtp.recording.completed.v1 with the given event id (the same id again is a redelivery). */
    public static void announce(UUID id, Person owner, UUID course, String key, String eventId) {
        CourseEvents.send("vtp.recordings", "vtp.recording.completed.v1", eventId, id.toString(),
                "{\"recording_id\":\"" + id + "\",\"room_id\":null,\"course_id\":" + (course == null ? "null" : "\"" + course + "\"")
                        + ",\"owner_id\":\"" + owner.id() + "\",\"title\":\"Lecture\",\"source\":\"upload\",\"storage_key\":\""
                        + key + "\",\"mime_type\":\"video/mp4\",\"size_bytes\":1,\"duration_seconds\":4,\"width\":null,"
                        + "\"height\":null,\"video_codec\":null,\"audio_codec\":null,\"completed_at\":\"" + Instant.now() + "\"}");
    }

    /** recording-service deleting a recording. */
    public static void deleted(UUID id, Person by) {
        CourseEvents.send("vtp.recordings", "vtp.recording.deleted.v1", UUID.randomUUID().toString(), id.toString(),
                "{\"recording_id\":\"" + id + "\",\"deleted_by\":\"" + by.id() + "\",\"deleted_at\":\"" + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.countSql("select count(*) from media_sources where recording_id = ?1 and deleted", id) == 1);
    }

    /** Waits until the recording's latest job has {@code status}; returns the job id. */
    public static UUID awaitJob(UUID id, String status, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            String now = Db.single("select j.status || ': ' || coalesce(j.errorMessage, '') from TranscodeJob j"
                    + " where j.recordingId = ?1 and j.createdAt = (select max(k.createdAt) from TranscodeJob k"
                    + " where k.recordingId = ?1)", String.class, id);
            if (now != null && !now.startsWith(status + ":") && !now.startsWith("queued") && !now.startsWith("running")) {
                throw new AssertionError("the job ended " + now + ", not " + status);
            }
            return now != null && now.startsWith(status + ":");
        });
        return Db.single("select j.id from TranscodeJob j where j.recordingId = ?1 and j.createdAt ="
                + " (select max(k.createdAt) from TranscodeJob k where k.recordingId = ?1)", UUID.class, id);
    }

    /** Waits until the recording has a published ladder; returns its job id. */
    public static UUID awaitReady(UUID id) {
        awaitJob(id, "completed", Duration.ofSeconds(120));
        return Db.single("select r.jobId from Rendition r where r.recordingId = ?1", UUID.class, id);
    }
}
