package io.vtp.recording.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import io.vtp.recording.support.Fixtures;
import io.vtp.testsupport.Person;
import io.vtp.recording.support.Recordings;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Black-box: the packaged jar (target/quarkus-app) with its production profile, against the real
 * PostgreSQL and Kafka, running the bundled FFmpeg out of process as it does in production.
 */
@QuarkusIntegrationTest
class PackagedServiceIT {

    @Test
    void captureProcessAndDownloadThroughThePackagedService() {
        Person teacher = Person.instructor();
        Fixtures.Capture capture = Fixtures.audioOnly();
        JsonPath done = Recordings.capture(teacher, "Packaged", capture.chunks());
        assertEquals("completed", done.getString("status"), done.prettify());
        teacher.auth().get("/api/v1/recordings/" + done.getString("id") + "/download").then().statusCode(200)
                .header("Content-Type", "audio/webm");
        problem(teacher.api().body("{\"title\":").post("/api/v1/recordings/start").then(), 400, "malformed-request");
        problem(given().get("/api/v1/recordings").then(), 401, "unauthorized");
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
