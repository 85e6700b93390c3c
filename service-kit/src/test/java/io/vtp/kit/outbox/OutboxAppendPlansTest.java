package io.vtp.kit.outbox;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every write of every service appends to the outbox, so an append must not leave a new query plan
 * behind: its wake-up is a NOTIFY statement, planned once, where a native select would be planned
 * again at each append (io.vtp.kit.persistence.NativeQueryPlansTest).
 */
@QuarkusTest
class OutboxAppendPlansTest {

    private static final int APPENDS = 20;
    private static final String TOPIC = "kit.test.plans";

    @Inject
    Outbox outbox;

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void appendsAfterTheFirstPlanNothingNew() {
        OutboxTesting.appendCommitted(outbox, TOPIC, "kit.test.plans.v1", "first", Map.of());
        Statistics statistics = sessions.getStatistics();
        statistics.setStatisticsEnabled(true);
        try {
            long before = statistics.getQueryPlanCacheMissCount();
            for (int i = 0; i < APPENDS; i++) {
                OutboxTesting.appendCommitted(outbox, TOPIC, "kit.test.plans.v1", "k" + i, Map.of("i", i));
            }
            long misses = statistics.getQueryPlanCacheMissCount() - before;
            // Counted for the whole factory: leave room for a background query or two.
            assertTrue(misses <= APPENDS / 4, misses + " plan cache misses in " + APPENDS + " appends");
        } finally {
            statistics.setStatisticsEnabled(false);
        }
    }
}
