package io.vtp.course.support;

import io.vtp.testsupport.Person;
import java.util.UUID;

/**
 * One course with a person in every standing the authorisation rules know: its owner, an
 * instructor and a TA of the course, an enrolled student, a student who is not enrolled, an
 * instructor of other courses, a viewer, and a platform administrator.
 */
public record Cast(UUID courseId, Person owner, Person instructor, Person ta, Person student, Person outsider,
                   Person otherInstructor, Person viewer, Person admin) {

    /** A fresh active, open course with its cast (all announced to course-service as users). */
    public static Cast create() {
        Person owner = Person.of("instructor");
        Person instructor = Person.of("instructor");
        Person ta = Person.of("student");
        Person student = Person.of("student");
        Person outsider = Person.of("student");
        Person otherInstructor = Person.of("instructor");
        Person viewer = Person.of("student");
        Person admin = Person.of("admin");
        Events.registered(owner, instructor, ta, student, outsider, otherInstructor, viewer, admin);
        UUID courseId = Courses.create(owner, java.util.Map.of("max_students", 100));
        Courses.grant(owner, courseId, instructor, "instructor");
        Courses.grant(owner, courseId, ta, "ta");
        Courses.grant(owner, courseId, viewer, "viewer");
        student.api().post("/api/v1/courses/" + courseId + "/enroll").then().statusCode(201);
        return new Cast(courseId, owner, instructor, ta, student, outsider, otherInstructor, viewer, admin);
    }

    public String path() {
        return "/api/v1/courses/" + courseId;
    }
}
