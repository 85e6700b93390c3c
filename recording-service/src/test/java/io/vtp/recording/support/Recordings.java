package io.vtp.recording.support;

import io.vtp.testsupport.Person;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Recordings made through the API, the way a browser or a frontend makes them. */
public final class Recordings {

    private Recordings() {
    }

    /** Starts a capture; returns its id. */
    public static UUID start(Person who, String title) {
        return start(who, Map.of("title", title));
    }

    public static UUID start(Person who, Map<String, ?> body) {
        String id = who.api().body(body).post("/api/v1/recordings/start").then().statusCode(201)
                .extract().path("recording_id");
        return UUID.fromString(id);
    }

    public static int putChunk(Person who, UUID id, int seq, byte[] bytes) {
        return who.auth().contentType("video/webm").body(bytes).put("/api/v1/recordings/" + id + "/chunks/" + seq)
                .then().extract().statusCode();
    }

    /** Sends the chunks with their sequence numbers (in the order given) and stops. */
    public static void send(Person who, UUID id, List<byte[]> chunks, List<Integer> order) {
        for (int seq : order) {
            assertEquals(201, putChunk(who, id, seq, chunks.get(seq)), "chunk " + seq);
        }
    }

    public static void stop(Person who, UUID id) {
        who.api().post("/api/v1/recordings/" + id + "/stop").then().statusCode(202);
    }

    /** Waits until processing is over; returns the recording as GET shows it. */
    public static JsonPath awaitFinished(Person who, UUID id) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = who.api().get("/api/v1/recordings/" + id).then().statusCode(200).extract().jsonPath();
            String status = last[0].getString("status");
            return "completed".equals(status) || "failed".equals(status);
        });
        return last[0];
    }

    /** A complete capture of {@code chunks}, processed; returns the finished recording. */
    public static JsonPath capture(Person who, String title, List<byte[]> chunks) {
        UUID id = start(who, title);
        for (int seq = 0; seq < chunks.size(); seq++) {
            assertEquals(201, putChunk(who, id, seq, chunks.get(seq)), "chunk " + seq);
        }
        stop(who, id);
        return awaitFinished(who, id);
    }
}
