package io.vtp.signalling.support;

import io.vtp.testsupport.Person;

import java.util.UUID;

/** Rooms made through the REST API, as a frontend makes them. */
public final class Rooms {

    private Rooms() {
    }

    public static UUID create(Person owner, UUID courseId, Integer maxParticipants) {
        String body = "{\"room_name\":\"Live class\""
                + (courseId == null ? "" : ",\"course_id\":\"" + courseId + "\"")
                + (maxParticipants == null ? "" : ",\"max_participants\":" + maxParticipants) + "}";
        String id = owner.api().body(body).post("/api/v1/signalling/room/create")
                .then().statusCode(201).extract().path("room_id");
        return UUID.fromString(id);
    }
}
