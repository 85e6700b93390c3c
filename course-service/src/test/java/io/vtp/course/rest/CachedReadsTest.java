package io.vtp.course.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vtp.course.support.Cast;
import io.vtp.course.support.Courses;
import io.vtp.course.support.Events;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.Person;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * "My courses" and roster pages come from a short-lived read cache (CourseReads). Every change made
 * through this service shows in the very next read; a change made elsewhere (another replica,
 * simulated by SQL behind the service's back) shows within the cache's 2 s, and at once for a
 * request with {@code Cache-Control: no-cache}.
 */
@QuarkusTest
class CachedReadsTest {

    private static final String MY = "/api/v1/courses/my";

    @Test
    void everyChangeMadeThroughTheServiceShowsInTheNextRead() {
        Cast cast = Cast.create();
        String course = cast.courseId().toString();
        Person student = cast.student();
        student.api().get(MY).then().statusCode(200).body("courses.id", hasItem(course));
        cast.ta().api().get(cast.path() + "/enrollments").then().statusCode(200).body("total", equalTo(1));

        // the student leaves and comes back
        student.api().delete(cast.path() + "/enroll/" + student.id()).then().statusCode(204);
        student.api().get(MY).then().body("courses.id", not(hasItem(course)));
        cast.ta().api().get(cast.path() + "/enrollments").then().body("total", equalTo(0));
        student.api().post(cast.path() + "/enroll").then().statusCode(201);
        student.api().get(MY).then().body("courses.id", hasItem(course));

        // staff enrol someone who had read their (empty) list before
        Person newcomer = Person.of("student");
        Events.registered(newcomer);
        newcomer.api().get(MY).then().statusCode(200).body("total", equalTo(0));
        cast.owner().api().body(Map.of("student_id", newcomer.id().toString())).post(cast.path() + "/enroll").then()
                .statusCode(201);
        newcomer.api().get(MY).then().body("total", equalTo(1)).body("courses[0].id", equalTo(course));
        cast.ta().api().get(cast.path() + "/enrollments").then().body("total", equalTo(2));

        // a roster import reaches the lists of the users it enrolled
        Person imported = Person.of("student");
        Events.registered(imported);
        await().until(() -> Db.count("select count(u) from KnownUser u where u.id = ?1", imported.id()) == 1);
        imported.api().get(MY).then().body("total", equalTo(0));
        cast.owner().api().urlEncodingEnabled(false).contentType("text/csv").body(imported.email() + "\n")
                .post(cast.path() + "/enrollments:import").then().statusCode(200)
                .body("results[0].outcome", equalTo("enrolled"));
        imported.api().get(MY).then().body("total", equalTo(1));

        // a rename shows in every member's list, the enrolled count with it
        cast.owner().api().body(Map.of("name", "Renamed Algebra")).patch(cast.path()).then().statusCode(200);
        student.api().get(MY).then().body("courses.find { it.id == '" + course + "' }.name", equalTo("Renamed Algebra"))
                .body("courses.find { it.id == '" + course + "' }.enrolled_count", equalTo(3));

        // a TA whose role is taken away loses the roster at once
        cast.owner().api().delete(cast.path() + "/permissions/" + cast.ta().id()).then().statusCode(204);
        problem(cast.ta().api().get(cast.path() + "/enrollments").then(), 403, "forbidden");

        // a new course is in its owner's list at once
        cast.owner().api().get(MY).then().statusCode(200);
        UUID created = Courses.create(cast.owner());
        cast.owner().api().get(MY).then().body("courses.id", hasItem(created.toString()));
    }

    @Test
    void aChangeMadeElsewhereShowsAtOnceWithNoCacheAndWithinTheTtlWithout() {
        Cast cast = Cast.create();
        String course = cast.courseId().toString();
        String name = "courses.find { it.id == '" + course + "' }.name";
        cast.student().api().get(MY).then().body(name, equalTo("Linear Algebra"));
        cast.ta().api().get(cast.path() + "/enrollments").then().body("enrollments[0].full_name",
                equalTo(cast.student().name()));

        Db.update("update courses set name = ?1 where id = ?2", "Renamed Elsewhere", cast.courseId());
        Db.update("update known_users set full_name = ?1 where id = ?2", "Someone Else", cast.student().id());
        cast.student().api().header("Cache-Control", "no-cache").get(MY).then().body(name, equalTo("Renamed Elsewhere"));
        cast.ta().api().header("Cache-Control", "max-age=0").get(cast.path() + "/enrollments").then()
                .body("enrollments[0].full_name", equalTo("Someone Else"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            cast.student().api().get(MY).then().body(name, equalTo("Renamed Elsewhere"));
            cast.ta().api().get(cast.path() + "/enrollments").then().body("enrollments[0].full_name", equalTo("Someone Else"));
        });

        // access too: a TA removed elsewhere is refused at once when the request asks for fresh data
        Db.update("delete from course_members where course_id = ?1 and user_id = ?2", cast.courseId(), cast.ta().id());
        problem(cast.ta().api().header("Cache-Control", "no-cache").get(cast.path() + "/enrollments").then(),
                403, "forbidden");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                cast.ta().api().get(cast.path() + "/enrollments").then().statusCode(403));
    }

    @Test
    void csvExportsAndSearchesAreAlwaysReadFromTheDatabase() {
        Cast cast = Cast.create();
        cast.ta().api().get(cast.path() + "/enrollments").then().body("enrollments[0].full_name", equalTo(cast.student().name()));
        cast.ta().api().queryParam("q", cast.student().email()).get(cast.path() + "/enrollments").then()
                .body("total", equalTo(1));
        Db.update("update known_users set full_name = ?1, email = ?2 where id = ?3", "Renamed Student",
                "renamed-" + cast.student().email(), cast.student().id());
        String csv = cast.ta().api().accept("text/csv").get(cast.path() + "/enrollments").then().statusCode(200)
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains("Renamed Student"), csv);
        cast.ta().api().queryParam("q", "renamed-").get(cast.path() + "/enrollments").then()
                .body("total", equalTo(1)).body("enrollments[0].full_name", equalTo("Renamed Student"));
    }
}
