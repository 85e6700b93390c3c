package io.vtp.kit.inbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test application's consumers, written as a service would write them: one per record
 * ({@code kit-test-in}, topic {@value #TOPIC}) and one per batch ({@code kit-test-batch}, topic
 * {@value #BATCH_TOPIC}). Their effect increments a row of {@code kit_test_counters}, so a test
 * sees how often an event was applied.
 */
@ApplicationScoped
public class KitTestConsumer {

    public static final String TOPIC = "kit.test.events";
    public static final String BATCH_TOPIC = "kit.test.batch";
    public static final String DLQ_TOPIC = "vtp.dlq.kit-test";
    public static final String CONSUMER = "kit-test";
    public static final String BATCH_CONSUMER = "kit-test-batch";
    /** Data {@code {"counter": name}}: increments counter {@code name}. */
    public static final String COUNTED = "kit.test.counted.v1";
    /** Does nothing. */
    public static final String NOTED = "kit.test.noted.v1";
    /** Always fails (and counts its attempts in memory). */
    public static final String FAILING = "kit.test.failing.v1";

    private final AtomicInteger failingAttempts = new AtomicInteger();

    @Inject
    Inbox inbox;

    @Inject
    Pool pool;

    private final InboxHandlers handlers = InboxHandlers.builder()
            .on(COUNTED, event -> increment(event.data(Counted.class).counter()))
            .on(NOTED, event -> Uni.createFrom().voidItem())
            .on(FAILING, event -> {
                failingAttempts.incrementAndGet();
                return Uni.createFrom().failure(new IllegalStateException("effect always fails"));
            })
            .build();

    /** The data of {@link #COUNTED}. */
    public record Counted(String counter) {
    }

    @Incoming("kit-test-in")
    public Uni<Void> consume(Message<String> message) {
        return inbox.process(CONSUMER, message, handlers);
    }

    @Incoming("kit-test-batch")
    public Uni<Void> consumeBatch(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(BATCH_CONSUMER, batch, handlers);
    }

    /** The effect, inside the inbox's transaction. */
    private static Uni<Void> increment(String counter) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                insert into kit_test_counters (name, n) values (:name, 1)
                                on conflict (name) do update set n = kit_test_counters.n + 1""")
                        .setParameter("name", counter)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public int failingAttempts() {
        return failingAttempts.get();
    }

    /** The value of counter {@code name} (0 if never incremented); call from a test thread. */
    public int counter(String name) {
        return pool.preparedQuery("select n from kit_test_counters where name = $1")
                .execute(Tuple.of(name))
                .map(rows -> rows.size() == 0 ? 0 : rows.iterator().next().getInteger("n"))
                .await().atMost(Duration.ofSeconds(10));
    }
}
