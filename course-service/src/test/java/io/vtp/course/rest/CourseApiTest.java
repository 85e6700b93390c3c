package io.vtp.course.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vtp.course.support.Cast;
import io.vtp.course.support.Courses;
import io.vtp.course.support.Events;
import io.vtp.testsupport.Person;
import io.vtp.testsupport.Db;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Courses: create, list, read, replace, patch, delete, "my courses" and stats, over real HTTP. */
@QuarkusTest
class CourseApiTest {

    @Test
    void anInstructorCreatesACourseAndBecomesItsOwner() {
        Person instructor = Person.of("instructor");
        String code = Courses.code();
        String location = instructor.api().body(Map.of("code", code, "name", "Discrete Mathematics",
                        "description", "Sets, relations\nand graphs.", "department", "Mathematics", "semester", "fall",
                        "year", 2026, "max_students", 40))
                .post("/api/v1/courses").then().statusCode(201)
                .body("code", equalTo(code))
                .body("status", equalTo("draft"))
                .body("enrollment_mode", equalTo("open"))
                .body("owner_id", equalTo(instructor.id().toString()))
                .body("instructor_id", equalTo(instructor.id().toString()))
                .body("my_role", equalTo("owner"))
                .body("my_capabilities", hasItem("course:delete"))
                .body("enrolled_count", equalTo(0))
                .body("description", equalTo("Sets, relations\nand graphs."))
                .extract().header("Location");
        assertEquals(true, location.startsWith("/api/v1/courses/"), location);
        instructor.api().get(location).then().statusCode(200).body("name", equalTo("Discrete Mathematics"))
                .body("year", equalTo(2026)).body("max_students", equalTo(40))
                .body("recording_count", equalTo(0)).body("published_recording_count", equalTo(0));
    }

    @Test
    void codesAreUniqueWhateverTheirCase() {
        Person instructor = Person.of("instructor");
        String code = Courses.code();
        Courses.create(instructor, Map.of("code", code));
        long before = Db.count("select count(c) from Course c");
        problem(Person.of("instructor").api().body(Map.of("code", code.toLowerCase(), "name", "Copy"))
                .post("/api/v1/courses").then(), 409, "course-code-taken");
        assertEquals(before, Db.count("select count(c) from Course c"));
    }

    @Test
    void studentsCannotCreateCourses() {
        problem(Person.of("student").api().body(Map.of("code", Courses.code(), "name", "Mine"))
                .post("/api/v1/courses").then(), 403, "forbidden");
    }

    @Test
    void draftsAreInvisibleToOutsidersAndListsShowWhatEachCallerMaySee() {
        Person owner = Person.of("instructor");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID active = Courses.create(owner, Map.of("name", "Active " + tag, "semester", "spring", "year", 2027));
        UUID draft = Courses.create(owner, Map.of("name", "Draft " + tag, "status", "draft", "semester", "spring",
                "year", 2027));
        Person student = Person.of("student");
        Person otherInstructor = Person.of("instructor");
        Person admin = Person.of("admin");

        problem(student.api().get("/api/v1/courses/" + draft).then(), 404, "not-found");
        problem(otherInstructor.api().get("/api/v1/courses/" + draft).then(), 404, "not-found");
        admin.api().get("/api/v1/courses/" + draft).then().statusCode(200).body("my_role", nullValue())
                .body("my_capabilities", hasItem("course:delete"));
        student.api().get("/api/v1/courses/" + active).then().statusCode(200).body("my_role", nullValue())
                .body("my_capabilities", equalTo(List.of("course:view")));

        student.api().queryParam("q", tag).get("/api/v1/courses").then().statusCode(200)
                .body("total", equalTo(1)).body("courses.id", equalTo(List.of(active.toString())));
        owner.api().queryParam("q", tag).get("/api/v1/courses").then().statusCode(200)
                .body("total", equalTo(2)).body("courses.id", containsInAnyOrder(active.toString(), draft.toString()));
        admin.api().queryParam("q", tag).queryParam("status", "draft").get("/api/v1/courses").then().statusCode(200)
                .body("courses.id", equalTo(List.of(draft.toString())));
        owner.api().queryParam("instructor_id", owner.id()).queryParam("semester", "SPRING").queryParam("year", 2027)
                .get("/api/v1/courses").then().statusCode(200)
                .body("total", equalTo(2)).body("limit", equalTo(20)).body("offset", equalTo(0));
        owner.api().queryParam("q", tag).queryParam("limit", 1).queryParam("offset", 1).get("/api/v1/courses")
                .then().statusCode(200).body("total", equalTo(2)).body("courses.size()", equalTo(1));
        // a search for "%" matches nothing special
        student.api().queryParam("q", "%").queryParam("instructor_id", owner.id()).get("/api/v1/courses").then()
                .statusCode(200).body("courses", empty());
    }

    @Test
    void putReplacesPatchChangesOnlyWhatIsGiven() {
        Cast cast = Cast.create();
        cast.instructor().api().body(Map.of("department", "Physics", "max_students", 80)).patch(cast.path()).then()
                .statusCode(200).body("department", equalTo("Physics")).body("max_students", equalTo(80))
                .body("name", equalTo("Linear Algebra")).body("status", equalTo("active"));
        String newCode = Courses.code();
        cast.owner().api().body(Map.of("code", newCode, "name", "Linear Algebra II")).put(cast.path()).then()
                .statusCode(200).body("code", equalTo(newCode)).body("department", nullValue())
                .body("max_students", nullValue()).body("status", equalTo("active"));
        // the TA teaches but may not edit the course
        problem(cast.ta().api().body(Map.of("name", "Hijacked")).patch(cast.path()).then(), 403, "forbidden");
        cast.owner().api().get(cast.path()).then().body("name", equalTo("Linear Algebra II"));
    }

    @Test
    void capacityCannotDropBelowTheStudentsEnrolled() {
        Cast cast = Cast.create();
        problem(cast.owner().api().body(Map.of("max_students", 0)).patch(cast.path()).then(), 400, "validation-failed");
        Person second = Person.of("student");
        second.api().post(cast.path() + "/enroll").then().statusCode(201);
        problem(cast.owner().api().body(Map.of("max_students", 1)).patch(cast.path()).then(), 409,
                "capacity-below-enrolment");
        cast.owner().api().body(Map.of("max_students", 2)).patch(cast.path()).then().statusCode(200)
                .body("max_students", equalTo(2));
    }

    @Test
    void myCoursesListsEnrolledAndTaughtCoursesWithTheRole() {
        Cast cast = Cast.create();
        cast.student().api().get("/api/v1/courses/my").then().statusCode(200)
                .body("total", equalTo(1))
                .body("courses[0].id", equalTo(cast.courseId().toString()))
                .body("courses[0].role", equalTo("student"))
                .body("courses[0].joined_at", notNullValue());
        cast.ta().api().get("/api/v1/courses/my").then().statusCode(200).body("courses[0].role", equalTo("ta"));
        cast.owner().api().get("/api/v1/courses/my").then().statusCode(200).body("courses[0].role", equalTo("owner"));
        cast.outsider().api().get("/api/v1/courses/my").then().statusCode(200).body("total", equalTo(0))
                .body("courses", empty());
    }

    @Test
    void statsCountThisServicesOwnDataAndPointToAnalytics() {
        Cast cast = Cast.create();
        UUID recording = Events.recordingCompleted(cast.owner(), "Lecture 1");
        cast.owner().api().body(Map.of("recording_id", recording.toString())).post(cast.path() + "/recordings")
                .then().statusCode(201);
        Events.deactivated(cast.student());
        org.awaitility.Awaitility.await().until(() -> Db.count(
                "select count(u) from KnownUser u where u.id = ?1 and u.active = false", cast.student().id()) == 1);
        cast.ta().api().get(cast.path() + "/stats").then().statusCode(200)
                .body("course_id", equalTo(cast.courseId().toString()))
                .body("course_name", equalTo("Linear Algebra"))
                .body("total_students", equalTo(1))
                .body("active_students", equalTo(0))
                .body("staff_count", equalTo(3))
                .body("viewer_count", equalTo(1))
                .body("total_recordings", equalTo(1))
                .body("published_recordings", equalTo(0))
                .body("viewing_analytics", equalTo("/api/v1/analytics/courses/" + cast.courseId()))
                .body("$", not(org.hamcrest.Matchers.hasKey("total_views")));
    }

    @Test
    void deletingACourseRemovesItWithItsEnrolmentsLinksAndPermissions() {
        Cast cast = Cast.create();
        problem(cast.instructor().api().delete(cast.path()).then(), 403, "forbidden");
        cast.owner().api().delete(cast.path()).then().statusCode(204);
        problem(cast.owner().api().get(cast.path()).then(), 404, "not-found");
        assertEquals(0, Db.count("select count(m) from CourseMember m where m.courseId = ?1", cast.courseId()));
        cast.student().api().get("/api/v1/courses/my").then().body("courses.id",
                everyItem(not(equalTo(cast.courseId().toString()))));
        problem(cast.owner().api().delete(cast.path()).then(), 404, "not-found");
    }
}
