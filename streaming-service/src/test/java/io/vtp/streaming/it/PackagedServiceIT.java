package io.vtp.streaming.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vtp.streaming.support.Clips;
import io.vtp.streaming.support.Playback;
import io.vtp.media.storage.MediaDirectories;
import io.vtp.testsupport.Person;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box: the packaged jar (target/quarkus-app) with its production profile, against the real
 * PostgreSQL and Kafka, running the bundled FFmpeg out of process as it does in production.
 */
@QuarkusIntegrationTest
class PackagedServiceIT {

    @Test
    void aCompletedRecordingPlaysFromThePackagedService() {
        Person owner = Person.instructor();
        UUID id = UUID.randomUUID();
        String key = "raw/" + id + "/recording.mp4";
        try (var store = new io.vtp.media.storage.FileSystemMediaStore(MediaDirectories.mediaRoot())) {
            store.put(key, Clips.silent(), "video/mp4");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        io.vtp.streaming.support.Recordings.announce(id, owner, null, key, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                owner.auth().get(Playback.streamPath(id) + "master.m3u8").statusCode() == 200);
        String master = Playback.master(owner, id);
        assertTrue(master.contains("RESOLUTION=480x270"), master);
        String playlist = Playback.fetchText(id, Playback.uriLines(master).get(0));
        assertTrue(playlist.contains("#EXT-X-ENDLIST"), playlist);
        problem(given().get(Playback.streamPath(id) + "master.m3u8").then(), 401, "unauthorized");
        problem(owner.api().body("{\"rungs\":").post("/api/v1/recordings/" + id + "/transcode/quality").then(),
                400, "malformed-request");
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
