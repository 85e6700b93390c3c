package io.vtp.analytics.service;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vtp.analytics.support.Activity;
import io.vtp.events.EventType;
import io.vtp.events.EventValidator;
import io.vtp.testsupport.CourseEvents;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.MutableClock;
import io.vtp.testsupport.Person;
import io.vtp.testsupport.TopicReader;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At-risk alerts through the real broker: a student who has done nothing for eight days after
 * enrolling is flagged once (with reasons in words, valid against the published schema), a
 * recomputation publishes nothing, and watching the lecture clears the flag with the same alert id.
 */
@QuarkusTest
class AlertsTest {

    @Inject
    AlertService alerts;

    @Test
    void raisedOnceThenClearedWithTheSameAlertId() throws Throwable {
        MutableClock clock = MutableClock.startingNow();
        QuarkusMock.installMockForType(clock, Clock.class);
        UUID course = UUID.randomUUID();
        UUID lecture = UUID.randomUUID();
        Person owner = Person.instructor();
        Person student = Person.student();
        CourseEvents.granted(course, owner, "owner");
        CourseEvents.enrolled(course, student);
        CourseEvents.lecture(course, lecture, owner, true);
        clock.advance(Duration.ofDays(8));

        // any event of the course gets it evaluated
        send(new Activity().mediaReady(lecture, 60)
                .roomCreated(UUID.randomUUID(), course, "Office hour", owner.id(), clock.instant()));
        EventValidator validator = new EventValidator();
        try (TopicReader reader = new TopicReader("vtp.analytics.alerts")) {
            List<TopicReader.Event> raised = awaitAlerts(reader, course, student, EventType.ANALYTICS_STUDENT_AT_RISK, 1);
            TopicReader.Event event = raised.get(0);
            validator.requireValid(EventType.ANALYTICS_STUDENT_AT_RISK.type(), event.value());
            assertEquals(course.toString(), event.key());
            assertEquals(course.toString(), event.header("ce_subject"));
            JsonObject data = new JsonObject(event.value());
            assertTrue(data.getJsonArray("rule_ids").contains("inactive"), data.encode());
            assertTrue(data.getJsonArray("explanations").encode().matches(".*No activity in the course since enrolling [78] days ago.*"), data.encode());
            String alertId = data.getString("alert_id");

            // recomputing without a change publishes nothing
            AlertService.Outcome again = VertxContextSupport.subscribeAndAwait(() -> alerts.evaluate(course));
            assertEquals(0, again.raised() + again.cleared());

            // the student watches the whole lecture: the flag clears
            UUID session = UUID.randomUUID();
            send(new Activity().viewStarted(session, lecture, student.id(), course, clock.instant())
                    .viewProgress(session, lecture, student.id(), course, 0, 60, "720p", 0, clock.instant()));
            List<TopicReader.Event> cleared = awaitAlerts(reader, course, student, EventType.ANALYTICS_STUDENT_AT_RISK_CLEARED, 1);
            validator.requireValid(EventType.ANALYTICS_STUDENT_AT_RISK_CLEARED.type(), cleared.get(0).value());
            assertEquals(alertId, new JsonObject(cleared.get(0).value()).getString("alert_id"));
            assertEquals(1, matching(reader.readUntil(x -> false, Duration.ofMillis(500)), course, student,
                    EventType.ANALYTICS_STUDENT_AT_RISK).size(), "raised once");
            assertEquals(1, Db.countSql("select count(*) from risk_alerts where course_id = ?1 and not at_risk", course));
        }
    }

    private static void send(Activity activity) {
        List<String> ids = activity.events().stream().map(Activity.Event::id).toList();
        activity.send(null, 0);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Db.countSql("select count(*) from raw_events where event_id in (?1)", ids) == ids.size());
    }

    private static List<TopicReader.Event> awaitAlerts(TopicReader reader, UUID course, Person student, EventType type, int n) {
        List<TopicReader.Event> events = matching(reader.readUntil(all -> matching(all, course, student, type).size() >= n,
                Duration.ofSeconds(30)), course, student, type);
        assertEquals(n, events.size(), type.type() + " events for the student");
        return events;
    }

    private static List<TopicReader.Event> matching(List<TopicReader.Event> all, UUID course, Person student, EventType type) {
        return all.stream().filter(e -> type.type().equals(e.header("ce_type")) && course.toString().equals(e.key())
                && e.value().contains(student.id().toString())).toList();
    }
}
