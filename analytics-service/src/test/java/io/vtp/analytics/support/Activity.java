package io.vtp.analytics.support;

import io.vtp.testsupport.KafkaResource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The events other services publish (streaming's viewing, signalling's rooms, recording's and
 * media's, auth's users), written to the real broker with a plain producer as binary-mode
 * CloudEvents. Events are collected first, then {@link #send} writes them, optionally shuffled and
 * with some sent twice (same {@code ce_id}), as an at-least-once producer might.
 */
public final class Activity {

    /** One event as a producer writes it. */
    public record Event(String topic, String key, String id, String type, String json) {
    }

    private final List<Event> events = new ArrayList<>();

    public List<Event> events() {
        return events;
    }

    public Activity add(String topic, String key, String type, String json) {
        events.add(new Event(topic, key, UUID.randomUUID().toString(), type, json));
        return this;
    }

    public Activity userRegistered(UUID user, String name, String role) {
        return add("vtp.users", user.toString(), "vtp.user.registered.v1", "{\"user_id\":\"" + user + "\",\"email\":\""
                + user + "@example.org\",\"full_name\":\"" + name + "\",\"role\":\"" + role + "\",\"created_at\":\""
                + Instant.now() + "\"}");
    }

    public Activity recordingCompleted(UUID recording, UUID owner, String title, double duration) {
        return add("vtp.recordings", recording.toString(), "vtp.recording.completed.v1", "{\"recording_id\":\"" + recording
                + "\",\"room_id\":null,\"course_id\":null,\"owner_id\":\"" + owner + "\",\"title\":\"" + title
                + "\",\"storage_key\":\"raw/" + recording + "/recording.webm\",\"mime_type\":\"video/webm\",\"size_bytes\":1000,"
                + "\"duration_seconds\":" + duration + ",\"width\":1280,\"height\":720,\"video_codec\":\"vp8\","
                + "\"audio_codec\":\"opus\",\"completed_at\":\"" + Instant.now() + "\"}");
    }

    /** The ladder is ready: 360p at 500 kb/s and 720p at 2000 kb/s. */
    public Activity mediaReady(UUID recording, double duration) {
        return add("vtp.media", recording.toString(), "vtp.media.ready.v1", "{\"recording_id\":\"" + recording
                + "\",\"job_id\":\"" + UUID.randomUUID() + "\",\"master_playlist_path\":\"renditions/" + recording
                + "/master.m3u8\",\"duration_seconds\":" + duration + ",\"renditions\":[{\"name\":\"360p\",\"width\":640,"
                + "\"height\":360,\"bitrate_kbps\":500},{\"name\":\"720p\",\"width\":1280,\"height\":720,\"bitrate_kbps\":2000}],"
                + "\"ready_at\":\"" + Instant.now() + "\"}");
    }

    public Activity viewStarted(UUID session, UUID recording, UUID user, UUID course, Instant at) {
        return add("vtp.viewing", recording.toString(), "vtp.viewing.started.v1", "{\"session_id\":\"" + session
                + "\",\"recording_id\":\"" + recording + "\",\"user_id\":\"" + user + "\",\"course_id\":" + quoted(course)
                + ",\"position_seconds\":0,\"rendition\":null,\"started_at\":\"" + at + "\"}");
    }

    public Activity viewProgress(UUID session, UUID recording, UUID user, UUID course, double from, double to,
                                 String rendition, int stalls, Instant at) {
        return add("vtp.viewing", recording.toString(), "vtp.viewing.progress.v1", "{\"session_id\":\"" + session
                + "\",\"recording_id\":\"" + recording + "\",\"user_id\":\"" + user + "\",\"course_id\":" + quoted(course)
                + ",\"from_seconds\":" + from + ",\"to_seconds\":" + to + ",\"position_seconds\":" + to
                + ",\"playback_rate\":1,\"rendition\":" + quoted(rendition) + ",\"reported_at\":\"" + at
                + "\",\"event\":\"heartbeat\",\"stalls\":" + stalls + "}");
    }

    public Activity viewEnded(UUID session, UUID recording, UUID user, UUID course, double position, Instant at) {
        return add("vtp.viewing", recording.toString(), "vtp.viewing.ended.v1", "{\"session_id\":\"" + session
                + "\",\"recording_id\":\"" + recording + "\",\"user_id\":\"" + user + "\",\"course_id\":" + quoted(course)
                + ",\"position_seconds\":" + position + ",\"reason\":\"closed\",\"ended_at\":\"" + at + "\"}");
    }

    public Activity roomCreated(UUID room, UUID course, String name, UUID by, Instant at) {
        return add("vtp.rooms", room.toString(), "vtp.room.created.v1", "{\"room_id\":\"" + room + "\",\"name\":\"" + name
                + "\",\"course_id\":" + quoted(course) + ",\"created_by\":\"" + by + "\",\"created_at\":\"" + at + "\"}");
    }

    public Activity roomDeleted(UUID room, UUID course, Instant at) {
        return add("vtp.rooms", room.toString(), "vtp.room.deleted.v1", "{\"room_id\":\"" + room + "\",\"course_id\":"
                + quoted(course) + ",\"deleted_by\":null,\"deleted_at\":\"" + at + "\"}");
    }

    /** A presence: joined and left events with one participant session id. */
    public Activity presence(UUID room, UUID course, UUID user, Instant joined, Instant left) {
        UUID presence = UUID.randomUUID();
        add("vtp.rooms", room.toString(), "vtp.room.participant_joined.v1", "{\"room_id\":\"" + room + "\",\"course_id\":"
                + quoted(course) + ",\"participant_session_id\":\"" + presence + "\",\"user_id\":\"" + user
                + "\",\"role\":\"student\",\"is_producer\":false,\"joined_at\":\"" + joined + "\"}");
        return add("vtp.rooms", room.toString(), "vtp.room.participant_left.v1", "{\"room_id\":\"" + room + "\",\"course_id\":"
                + quoted(course) + ",\"participant_session_id\":\"" + presence + "\",\"user_id\":\"" + user
                + "\",\"reason\":\"left\",\"joined_at\":\"" + joined + "\",\"left_at\":\"" + left + "\",\"duration_seconds\":"
                + (left.toEpochMilli() - joined.toEpochMilli()) / 1000.0 + "}");
    }

    /**
     * Sends every event; with {@code random} non-null, in shuffled order and with a share
     * {@code duplicates} of them sent twice. Returns the number of records written.
     */
    public int send(Random random, double duplicates) {
        List<Event> out = new ArrayList<>(events);
        if (random != null) {
            for (Event e : events) {
                if (random.nextDouble() < duplicates) {
                    out.add(e);
                }
            }
            Collections.shuffle(out, random);
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<?>> sent = new ArrayList<>();
            for (Event e : out) {
                ProducerRecord<String, String> record = new ProducerRecord<>(e.topic(), e.key(), e.json());
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", e.id());
                header(record, "ce_type", e.type());
                header(record, "ce_source", "/vtp/test-producer");
                header(record, "content-type", "application/json");
                sent.add(producer.send(record));
            }
            for (Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send the activity", e);
        }
        events.clear();
        return out.size();
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(Object value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
