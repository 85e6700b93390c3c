package io.vtp.course.messaging;

import io.quarkus.test.junit.QuarkusTest;
import io.vtp.course.support.Cast;
import io.vtp.course.support.Events;
import io.vtp.testsupport.Person;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The projections of other services' events, fed through the real broker: the same event twice
 * changes nothing, an older event never overwrites a newer one, a poison record goes to the
 * dead-letter topic and the next one is still applied.
 */
@QuarkusTest
class ProjectionTest {

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() {
        Person user = Person.of("student");
        Events.registered(user);
        String eventId = UUID.randomUUID().toString();
        Instant at = Instant.now().plusSeconds(5);
        Events.send("vtp.users", "vtp.user.updated.v1", eventId, user.id().toString(), updated(user, "First Name", true, at));
        await().until(() -> "First Name".equals(name(user)));
        // redelivered with the same ce_id (the relay may send again): ignored even though it says otherwise
        Events.send("vtp.users", "vtp.user.updated.v1", eventId, user.id().toString(),
                updated(user, "Second Name", false, at.plusSeconds(5)));
        String marker = UUID.randomUUID().toString();
        Events.send("vtp.users", "vtp.user.updated.v1", marker, user.id().toString(),
                updated(user, "First Name", true, at.plusSeconds(1)));
        await().until(() -> Db.countSql("select count(*) from inbox_events where event_id = ?1", marker) == 1);
        assertEquals("First Name", name(user));
        assertEquals(1, Db.countSql("select count(*) from inbox_events where event_id = ?1", eventId));
        assertEquals(1, Db.count("select count(u) from KnownUser u where u.id = ?1 and u.active = true", user.id()));
    }

    @Test
    void anOlderEventNeverOverwritesANewerOne() {
        Person user = Person.of("student");
        Events.registered(user);
        Instant now = Instant.now().plusSeconds(10);
        Events.send("vtp.users", "vtp.user.updated.v1", UUID.randomUUID().toString(), user.id().toString(),
                updated(user, "Newest", true, now));
        await().until(() -> "Newest".equals(name(user)));
        String late = UUID.randomUUID().toString();
        Events.send("vtp.users", "vtp.user.updated.v1", late, user.id().toString(),
                updated(user, "Stale", false, now.minusSeconds(60)));
        await().until(() -> Db.countSql("select count(*) from inbox_events where event_id = ?1", late) == 1);
        assertEquals("Newest", name(user));
    }

    @Test
    void aDeactivationShowsInTheRoster() {
        Cast cast = Cast.create();
        cast.owner().api().get(cast.path() + "/enrollments").then().body("enrollments[0].active", equalTo(true));
        Events.deactivated(cast.student());
        await().untilAsserted(() -> cast.owner().api().get(cast.path() + "/enrollments").then()
                .body("enrollments[0].active", equalTo(false))
                .body("enrollments[0].email", equalTo(cast.student().email())));
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheNextOneApplied() {
        String poison = UUID.randomUUID().toString();
        UUID recording = UUID.randomUUID();
        Events.send("vtp.recordings", "vtp.recording.completed.v1", poison, recording.toString(), "{not json");
        Person owner = Person.of("instructor");
        UUID next = Events.recordingCompleted(owner, "After the poison");
        assertEquals(1, Db.count("select count(r) from KnownRecording r where r.id = ?1", next));
        try (TopicReader dlq = new TopicReader("vtp.dlq.course-service")) {
            var events = dlq.readUntil(list -> list.stream().anyMatch(e -> poison.equals(e.header("ce_id"))),
                    Duration.ofSeconds(30));
            var dead = events.stream().filter(e -> poison.equals(e.header("ce_id"))).findFirst().orElseThrow();
            assertEquals("{not json", dead.value());
        }
        assertEquals(0, Db.count("select count(r) from KnownRecording r where r.id = ?1", recording));
    }

    private static String name(Person user) {
        return Db.single("select u.fullName from KnownUser u where u.id = ?1", String.class, user.id());
    }

    private static String updated(Person user, String name, boolean active, Instant at) {
        return "{\"user_id\":\"" + user.id() + "\",\"email\":\"" + user.email() + "\",\"full_name\":\"" + name
                + "\",\"role\":\"student\",\"active\":" + active + ",\"updated_at\":\"" + at + "\"}";
    }
}
