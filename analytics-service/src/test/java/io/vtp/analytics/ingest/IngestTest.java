package io.vtp.analytics.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vtp.analytics.domain.Fact;
import io.vtp.analytics.repository.RawEventStore;
import io.vtp.analytics.repository.RawEventStore.RawEvent;
import io.vtp.analytics.service.IngestService;
import io.vtp.analytics.service.IngestService.Stored;
import io.vtp.analytics.support.Activity;
import io.vtp.kit.outbox.EventIds;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.TopicReader;
import io.vtp.testsupport.TopicWriter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Records that can never be applied go to the dead-letter topic, the rest flow on; concurrent ingest loses nothing. */
@QuarkusTest
class IngestTest {

    @Inject
    IngestService ingest;

    @Test
    void unusableRecordsAreDeadLetteredAndTheOthersApplied() {
        UUID recording = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        String base = "\"session_id\":\"" + UUID.randomUUID() + "\",\"recording_id\":\"" + recording + "\",\"user_id\":\""
                + user + "\",\"course_id\":null,\"position_seconds\":10,\"playback_rate\":1,\"rendition\":null,"
                + "\"reported_at\":\"" + Instant.now() + "\"";
        Map<String, String> poison = new java.util.LinkedHashMap<>();
        poison.put("not-json", "{\"session_id\":");
        poison.put("backwards", "{" + base + ",\"from_seconds\":20,\"to_seconds\":10}");
        poison.put("beyond-48h", "{" + base + ",\"from_seconds\":0,\"to_seconds\":1e12}");
        poison.put("no-user", "{\"session_id\":\"" + UUID.randomUUID() + "\",\"recording_id\":\"" + recording
                + "\",\"from_seconds\":0,\"to_seconds\":5}");
        poison.put("bad-uuid", "{" + base.replace(user.toString(), "'; drop table raw_events; --") + ",\"from_seconds\":0,\"to_seconds\":5}");
        try (TopicWriter writer = new TopicWriter()) {
            poison.forEach((id, json) -> writer.send("vtp.viewing", recording.toString(), json,
                    TopicWriter.cloudEvent("poison-" + id + "-" + recording, "vtp.viewing.progress.v1", "/vtp/test")));
            writer.send("vtp.viewing", recording.toString(), "{}", TopicWriter.cloudEvent(null, "vtp.viewing.progress.v1", "/vtp/test"));
            // Values are read and stored as bytes: a UTF-8-encoded surrogate inside a string (which
            // PostgreSQL would refuse to store) and bytes that are not UTF-8 at all are dead-lettered.
            byte[] surrogate = "{BASE,\"from_seconds\":0,\"to_seconds\":5,\"rendition\":\"720pX\"}".replace("BASE", base.replace(",\"rendition\":null", ""))
                    .getBytes(StandardCharsets.UTF_8);
            int x = indexOf(surrogate, (byte) 'X');
            byte[] withSurrogate = new byte[surrogate.length + 2];
            System.arraycopy(surrogate, 0, withSurrogate, 0, x);
            withSurrogate[x] = (byte) 0xED;
            withSurrogate[x + 1] = (byte) 0xA0;
            withSurrogate[x + 2] = (byte) 0x80;
            System.arraycopy(surrogate, x + 1, withSurrogate, x + 3, surrogate.length - x - 1);
            writer.send("vtp.viewing", recording.toString(), withSurrogate,
                    TopicWriter.cloudEvent("poison-surrogate-" + recording, "vtp.viewing.progress.v1", "/vtp/test"));
            writer.send("vtp.viewing", recording.toString(), new byte[] {'{', (byte) 0xFF, (byte) 0xFE, '}'},
                    TopicWriter.cloudEvent("poison-not-utf8-" + recording, "vtp.viewing.progress.v1", "/vtp/test"));
        }
        Activity good = new Activity().viewProgress(UUID.randomUUID(), recording, user, null, 0, 12, "360p", 0, Instant.now());
        String goodId = good.events().get(0).id();
        good.send(null, 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.countSql("select count(*) from raw_events where event_id = ?1", goodId) == 1);
        assertEquals(0, Db.countSql("select count(*) from raw_events where event_id like ?1", "poison-%-" + recording));
        assertEquals(12.0, ((Number) Db.countSql("select count(*) * 0 + max(covered_seconds)::bigint from watch_progress where recording_id = ?1",
                recording)).doubleValue());
        try (TopicReader dlq = new TopicReader("vtp.dlq.analytics-service")) {
            List<TopicReader.Event> dead = dlq.readUntil(all -> all.stream().filter(e -> recording.toString().equals(e.key()))
                    .count() >= poison.size() + 3, Duration.ofSeconds(30)).stream()
                    .filter(e -> recording.toString().equals(e.key())).toList();
            assertEquals(poison.size() + 3, dead.size());
            dead.forEach(e -> assertEquals(false, e.header("dead-letter-reason") == null));
        }
    }

    /**
     * Two ingest transactions (as two instances on their own partitions would run) merging
     * intervals into the same students' lectures at the same time: every interval counts, every
     * bucket's viewer is counted once.
     */
    @Test
    void concurrentIngestOfTheSameKeysLosesNothing() throws Throwable {
        UUID recording = UUID.randomUUID();
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(UUID.randomUUID());
        }
        for (int round = 0; round < 5; round++) {
            List<Stored> a = new ArrayList<>();
            List<Stored> b = new ArrayList<>();
            for (UUID user : users) {
                a.add(progress(recording, user, round * 20, round * 20 + 10));
                b.add(progress(recording, user, round * 20 + 10, round * 20 + 20));
            }
            List<Stored> first = List.copyOf(a);
            List<Stored> second = List.copyOf(b);
            VertxContextSupport.subscribeAndAwait(() -> Uni.combine().all()
                    .unis(ingest.apply(first), ingest.apply(second)).discardItems());
        }
        assertEquals(20, Db.countSql("select count(*) from watch_progress where recording_id = ?1 and covered_seconds = 100"
                + " and watched_seconds = 100 and intervals = '{0,100}'", recording));
        assertEquals(10, Db.countSql("select count(*) from lecture_buckets where recording_id = ?1 and viewers = 20"
                + " and rewatch_seconds = 0", recording));
        assertEquals(200, Db.countSql("select sum(intervals) from viewing_sessions where recording_id = ?1", recording));
    }

    /**
     * raw_events is keyed by raw_event_key(event_id): a canonical UUID id (what the services
     * publish) by itself, any other form (an upper-case UUID too) by its MD5, as RawEventStore.key
     * computes it; a redelivered batch, and an id twice in one batch, change nothing.
     */
    @Test
    void eventIdsOfAnyFormAreStoredOnceUnderTheirKey() throws Throwable {
        UUID recording = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        String ordered = EventIds.timeOrdered(System.currentTimeMillis()).toString();
        String upper = UUID.randomUUID().toString().toUpperCase();
        List<String> ids = List.of(ordered, upper, "order-42-" + recording,
                "\u00e9v\u00e9nement-\u00fc-\ud83d\ude00-" + recording, "x".repeat(163) + recording);
        List<Stored> batch = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Fact.ViewProgress fact = new Fact.ViewProgress(UUID.randomUUID(), recording, user, null, i * 10, i * 10 + 10, "720p", 0,
                    Instant.now());
            batch.add(new Stored(new RawEvent(ids.get(i), "vtp.viewing.progress.v1", "vtp.viewing", recording.toString(), fact.at(),
                    "{\"n\": " + i + "}"), fact));
        }
        VertxContextSupport.subscribeAndAwait(() -> ingest.apply(batch));
        List<Stored> redelivered = new ArrayList<>(batch);
        redelivered.add(batch.get(2));
        VertxContextSupport.subscribeAndAwait(() -> ingest.apply(redelivered));

        assertEquals(5, Db.countSql("select count(*) from raw_events where event_id in (?1)", ids));
        assertEquals(5, Db.countSql("select count(*) from raw_events where event_id in (?1) and event_key = raw_event_key(event_id)"
                + " and (data->>'n')::int between 0 and 4", ids));
        assertEquals(1, Db.countSql("select count(*) from raw_events where event_id = ?1 and event_key = cast(?1 as uuid)", ordered));
        assertEquals(1, Db.countSql("select count(*) from raw_events where event_id = ?1 and event_key = md5(?1)::uuid", upper));
        for (String id : ids) {
            assertEquals(1, Db.countSql("select count(*) from raw_events where event_id = ?1 and event_key = cast(?2 as uuid)",
                    id, RawEventStore.key(id).toString()), id);
        }
        assertEquals(50, Db.countSql("select watched_seconds::bigint from watch_progress where recording_id = ?1", recording));
    }

    private static Stored progress(UUID recording, UUID user, double from, double to) {
        Fact.ViewProgress fact = new Fact.ViewProgress(UUID.randomUUID(), recording, user, null, from, to, "720p", 0, Instant.now());
        return new Stored(new RawEvent(UUID.randomUUID().toString(), "vtp.viewing.progress.v1", "vtp.viewing",
                recording.toString(), fact.at(), "{}"), fact);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + (char) b);
    }
}
