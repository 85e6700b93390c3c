package io.vtp.kit.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vtp.kit.inbox.KitTestConsumer;
import io.vtp.kit.json.EventJson;
import io.vtp.testsupport.TopicReader;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requirement 6: passes running at the same time (three extra "relays" hammering
 * {@link OutboxRelay#relayOnce()} besides the relay's own loop) publish each aggregate's events
 * exactly in write order, none missing, none twice.
 */
@QuarkusTest
class OutboxOrderTest {

    static final String TOPIC = "kit.test.order";
    static final int KEYS = 3;
    static final int PER_KEY = 100;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    Pool pool;

    @Test
    void concurrentPassesKeepWriteOrderPerAggregate() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = IntStream.range(0, KEYS).mapToObj(k -> run + "-" + k).toList();
        AtomicBoolean appending = new AtomicBoolean(true);
        AtomicInteger passes = new AtomicInteger();
        AtomicInteger lockedOut = new AtomicInteger();
        ExecutorService relays = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            running.add(relays.submit(() -> {
                while (appending.get() || pending() > 0) {
                    OutboxRelay.Pass pass = relay.relayOnce().await().atMost(Duration.ofSeconds(30));
                    passes.incrementAndGet();
                    if (!pass.lockAcquired()) {
                        lockedOut.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        // 30 transactions of 10 events, the keys interleaved
        int[] next = new int[KEYS];
        for (int tx = 0; tx < KEYS * PER_KEY / 10; tx++) {
            List<String> txKeys = new ArrayList<>();
            List<Object> data = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int k = (tx * 10 + i) % KEYS;
                txKeys.add(keys.get(k));
                data.add(Map.of("n", next[k]++));
            }
            OutboxTesting.appendCommitted(outbox, TOPIC, KitTestConsumer.NOTED, txKeys, data);
        }
        appending.set(false);
        for (Future<?> f : running) {
            f.get(60, TimeUnit.SECONDS);
        }
        relays.shutdown();

        try (TopicReader reader = new TopicReader(TOPIC)) {
            reader.readUntil(all -> ofRun(all, run).size() >= KEYS * PER_KEY, Duration.ofSeconds(30));
            List<TopicReader.Event> events = ofRun(reader.readUntil(all -> false, Duration.ofSeconds(1)), run);
            Map<String, List<Integer>> byKey = new HashMap<>();
            for (TopicReader.Event e : events) {
                JsonNode data = EventJson.mapper().readTree(e.value());
                byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(data.get("n").asInt());
            }
            List<Integer> expected = IntStream.range(0, PER_KEY).boxed().toList();
            for (String key : keys) {
                assertEquals(expected, byKey.get(key), "order of " + key);
            }
            assertEquals(KEYS * PER_KEY, events.size());
        }
        System.out.printf("outbox order: %d concurrent passes, %d found the relay lock taken%n",
                passes.get(), lockedOut.get());
        assertTrue(lockedOut.get() > 0, "the passes never overlapped");
    }

    private long pending() {
        return OutboxTesting.rows(pool,
                "select count(*) as n from outbox_events where topic = $1 and published_at is null", TOPIC)
                .get(0).getLong("n");
    }

    private static List<TopicReader.Event> ofRun(List<TopicReader.Event> events, String run) {
        return events.stream().filter(e -> e.key() != null && e.key().startsWith(run + "-")).toList();
    }
}
