package io.vtp.course.support;

import io.vtp.testsupport.Person;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Courses made through the real API. */
public final class Courses {

    private Courses() {
    }

    /** A unique course code. */
    public static String code() {
        return "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }

    /** Creates an active, open course owned by {@code owner} with these fields on top; returns its id. */
    public static UUID create(Person owner, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("code", code(), "name", "Linear Algebra",
                "status", "active", "enrollment_mode", "open"));
        body.putAll(fields);
        String id = owner.api().body(body).post("/api/v1/courses").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    public static UUID create(Person owner) {
        return create(owner, Map.of());
    }

    /** The owner gives {@code person} a role in the course. */
    public static void grant(Person owner, UUID courseId, Person person, String role) {
        owner.api().body(Map.of("user_id", person.id().toString(), "role", role))
                .post("/api/v1/courses/" + courseId + "/permissions").then().statusCode(200);
    }
}
