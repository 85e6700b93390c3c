package io.vtp.course.support;

import io.vtp.testsupport.Person;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.TopicWriter;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Other services' events, written to the real broker as they would write them, and waits until
 * course-service's projections show them.
 */
public final class Events {

    private static TopicWriter writer;

    private Events() {
    }

    private static synchronized TopicWriter writer() {
        if (writer == null) {
            writer = new TopicWriter();
        }
        return writer;
    }

    /** Sends one CloudEvent with the given id (a fixed id makes a redelivery). */
    public static void send(String topic, String type, String id, String key, String json) {
        writer().send(topic, key, json, TopicWriter.cloudEvent(id, type, "/vtp/test-producer"));
    }

    /** auth-service announcing users; returns once course-service knows all of them. */
    public static void registered(Person... people) {
        for (Person p : people) {
            send("vtp.users", "vtp.user.registered.v1", UUID.randomUUID().toString(), p.id().toString(),
                    "{\"user_id\":\"" + p.id() + "\",\"email\":\"" + p.email() + "\",\"full_name\":\"" + p.name()
                            + "\",\"role\":\"" + p.role() + "\",\"created_at\":\"" + Instant.now() + "\"}");
        }
        Object[] ids = Arrays.stream(people).map(Person::id).toArray();
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "select count(u) from KnownUser u where u.id in ?1", java.util.List.of(ids)) == people.length);
    }

    public static void deactivated(Person p) {
        send("vtp.users", "vtp.user.deactivated.v1", UUID.randomUUID().toString(), p.id().toString(),
                "{\"user_id\":\"" + p.id() + "\",\"email\":\"" + p.email() + "\",\"deactivated_at\":\""
                        + Instant.now() + "\"}");
    }

    /** recording-service: a recording finished processing. Returns once the projection has it. */
    public static UUID recordingCompleted(Person owner, String title) {
        UUID id = UUID.randomUUID();
        send("vtp.recordings", "vtp.recording.completed.v1", UUID.randomUUID().toString(), id.toString(),
                "{\"recording_id\":\"" + id + "\",\"room_id\":null,\"course_id\":null,\"owner_id\":\"" + owner.id()
                        + "\",\"title\":\"" + title + "\",\"storage_key\":\"raw/" + id + "/recording.webm\","
                        + "\"mime_type\":\"video/webm\",\"size_bytes\":1000,\"duration_seconds\":61.5,\"width\":1280,"
                        + "\"height\":720,\"video_codec\":\"vp8\",\"audio_codec\":\"opus\",\"completed_at\":\""
                        + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "select count(r) from KnownRecording r where r.id = ?1 and r.status = 'completed'", id) == 1);
        return id;
    }

    /** streaming-service: the recording's ABR ladder is published. Returns once the projection has it. */
    public static void mediaReady(UUID recordingId) {
        send("vtp.media", "vtp.media.ready.v1", UUID.randomUUID().toString(), recordingId.toString(),
                "{\"recording_id\":\"" + recordingId + "\",\"job_id\":\"" + UUID.randomUUID() + "\","
                        + "\"master_playlist_path\":\"renditions/" + recordingId + "/master.m3u8\","
                        + "\"duration_seconds\":61.5,\"renditions\":[{\"name\":\"360p\",\"width\":640,\"height\":360,"
                        + "\"bitrate_kbps\":500}],\"ready_at\":\"" + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "select count(r) from KnownRecording r where r.id = ?1 and r.mediaReady = true", recordingId) == 1);
    }

    public static void recordingDeleted(UUID recordingId, Person by) {
        send("vtp.recordings", "vtp.recording.deleted.v1", UUID.randomUUID().toString(), recordingId.toString(),
                "{\"recording_id\":\"" + recordingId + "\",\"deleted_by\":\"" + by.id() + "\",\"deleted_at\":\""
                        + Instant.now() + "\"}");
    }
}
