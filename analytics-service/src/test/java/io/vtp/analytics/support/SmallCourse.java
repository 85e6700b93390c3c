package io.vtp.analytics.support;

import io.vtp.testsupport.CourseEvents;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.Person;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * A course as course-service and the others describe it through their events: an owner, a TA, two
 * students, one published lecture that the first student watched part of, one live class.
 */
public record SmallCourse(UUID id, Person owner, Person ta, Person student, Person otherStudent, UUID lecture, UUID room) {

    public static SmallCourse create() {
        SmallCourse c = new SmallCourse(UUID.randomUUID(), Person.instructor(), Person.instructor(), Person.student(),
                Person.student(), UUID.randomUUID(), UUID.randomUUID());
        CourseEvents.granted(c.id, c.owner, "owner");
        CourseEvents.granted(c.id, c.ta, "ta");
        CourseEvents.enrolled(c.id, c.student);
        CourseEvents.enrolled(c.id, c.otherStudent);
        CourseEvents.lecture(c.id, c.lecture, c.owner, true);
        Instant now = Instant.now();
        UUID session = UUID.randomUUID();
        Activity activity = new Activity()
                .userRegistered(c.student.id(), "=cmd|calc Student", "student")
                .recordingCompleted(c.lecture, c.owner.id(), "Week 1", 100)
                .mediaReady(c.lecture, 100)
                .viewStarted(session, c.lecture, c.student.id(), c.id, now)
                .viewProgress(session, c.lecture, c.student.id(), c.id, 0, 30, "720p", 0, now)
                .roomCreated(c.room, c.id, "Live 1", c.owner.id(), now.minus(Duration.ofHours(2)))
                .presence(c.room, c.id, c.student.id(), now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)))
                .roomDeleted(c.room, c.id, now.minus(Duration.ofHours(1)));
        List<String> ids = activity.events().stream().map(Activity.Event::id).toList();
        activity.send(null, 0);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Db.countSql("select count(*) from raw_events where event_id in (?1)", ids) == ids.size());
        return c;
    }
}
