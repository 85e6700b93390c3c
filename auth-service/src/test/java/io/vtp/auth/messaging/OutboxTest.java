package io.vtp.auth.messaging;

import io.vtp.testsupport.Db;

import io.quarkus.test.junit.QuarkusTest;
import io.vtp.testsupport.KafkaResource;
import io.vtp.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.vtp.auth.support.Api.email;
import static io.vtp.auth.support.Api.registerStudent;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Events written while Kafka is down arrive once it is back, exactly once each. */
@QuarkusTest
class OutboxTest {

    @Test
    void eventsWaitForTheBrokerAndArriveOnceEach() {
        List<String> ids = new ArrayList<>();
        KafkaResource.stopBroker();
        try {
            for (int i = 0; i < 5; i++) {
                ids.add(registerStudent(email()));   // the API keeps working while Kafka is down
            }
            // The relay keeps trying; the events stay pending in the outbox meanwhile.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> pendingFor(ids) == ids.size());
        } finally {
            KafkaResource.startBroker();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> pendingFor(ids) == 0);

        List<TopicReader.Event> events;
        try (TopicReader reader = new TopicReader("vtp.users")) {
            reader.readUntil(all -> countFor(all, ids) >= ids.size(), Duration.ofSeconds(30));
            // Read on for a while to catch any duplicate.
            events = reader.readUntil(all -> false, Duration.ofSeconds(3));
        }
        Map<String, Long> perUser = events.stream()
                .filter(e -> ids.contains(e.key()) && "vtp.user.registered.v1".equals(e.header("ce_type")))
                .collect(Collectors.groupingBy(TopicReader.Event::key, Collectors.counting()));
        assertEquals(ids.stream().collect(Collectors.toMap(Function.identity(), id -> 1L)), perUser);
    }

    private long pendingFor(List<String> ids) {
        return Db.count("select count(e) from OutboxEvent e where e.publishedAt is null and e.aggregateId in ?1", ids);
    }

    private static long countFor(List<TopicReader.Event> events, List<String> ids) {
        return events.stream().filter(e -> ids.contains(e.key())).count();
    }
}
