package io.vtp.kit.outbox;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vtp.kit.inbox.KitTestConsumer;
import io.vtp.testsupport.TopicReader;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requirement 2: the relay is woken at commit by LISTEN/NOTIFY, not by its poll. The test
 * application polls only every 5 s, so polling alone would give a median of about 2.5 s.
 */
@QuarkusTest
class OutboxLatencyTest {

    static final String TOPIC = "kit.test.latency";

    @Inject
    Outbox outbox;

    @Inject
    Pool pool;

    @ConfigProperty(name = "vtp.kit.outbox.poll-interval")
    Duration pollInterval;

    @Test
    void commitToBrokerLatencyIsFarBelowThePollInterval() {
        try (TopicReader reader = new TopicReader(TOPIC)) {
            appendAndMeasure(reader, "warm-up"); // creates the topic, fills the producer's metadata
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                latencies.add(appendAndMeasure(reader, "latency-" + (i % 5)));
            }
            Collections.sort(latencies);
            long median = latencies.get(latencies.size() / 2);
            long p95 = latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1);
            System.out.printf("outbox latency median %d ms, p95 %d ms, max %d ms over %d events (fallback poll %s)%n",
                    median, p95, latencies.get(latencies.size() - 1), latencies.size(), pollInterval);
            assertTrue(median < 1000, "median " + median + " ms: the relay was not woken at commit");
        }
    }

    @Test
    void listenerReconnectsWhenItsConnectionIsKilled() {
        Set<Integer> killed = listeners();
        assertFalse(killed.isEmpty(), "no LISTEN connection");
        OutboxTesting.rows(pool, "select pg_terminate_backend(pid) from pg_stat_activity where pid = any($1)",
                (Object) killed.toArray(new Integer[0]));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> listeners().stream().anyMatch(pid -> !killed.contains(pid)));
        try (TopicReader reader = new TopicReader(TOPIC)) {
            long latency = appendAndMeasure(reader, "after-reconnect");
            System.out.printf("outbox latency after LISTEN reconnect %d ms%n", latency);
            assertTrue(latency < pollInterval.toMillis() / 2, latency + " ms: not woken after the reconnect");
        }
    }

    private long appendAndMeasure(TopicReader reader, String key) {
        OutboxEvent event = OutboxTesting.appendCommitted(outbox, TOPIC, KitTestConsumer.NOTED, key, Map.of("k", key));
        long committed = System.nanoTime();
        return OutboxTesting.awaitArrival(reader, event.id, committed, Duration.ofSeconds(20));
    }

    /** Backends whose last statement was a LISTEN: the relay's wake-up connection. */
    private Set<Integer> listeners() {
        return OutboxTesting.rows(pool, "select pid from pg_stat_activity where query ilike 'listen%'").stream()
                .map((Row r) -> r.getInteger("pid")).collect(Collectors.toSet());
    }
}
