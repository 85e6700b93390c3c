package io.vtp.analytics.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vtp.analytics.support.Activity;
import io.vtp.testsupport.Person;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Black-box: the packaged jar (target/quarkus-app) with its production profile, against the real
 * PostgreSQL and Kafka: viewing events in, a lecture report out.
 */
@QuarkusIntegrationTest
class PackagedServiceIT {

    @Test
    void viewingEventsBecomeALectureReport() {
        Person admin = Person.admin();
        UUID recording = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Instant now = Instant.now();
        new Activity().mediaReady(recording, 40)
                .viewStarted(session, recording, user, null, now)
                .viewProgress(session, recording, user, null, 0, 20, "720p", 0, now)
                .viewProgress(session, recording, user, null, 10, 40, "720p", 1, now)
                .send(null, 0);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                admin.api().get("/api/v1/analytics/lectures/" + recording).then().statusCode(200)
                        .body("views", equalTo(1))
                        .body("unique_viewers", equalTo(1))
                        .body("total_watch_seconds", equalTo(50.0f))
                        .body("average_coverage", equalTo(1.0f))
                        .body("rewatch_hotspots[0].start_seconds", equalTo(10))
                        .body("stall_ratio", equalTo(0.5f)));
        problem(Person.student().api().get("/api/v1/analytics/lectures/" + recording).then(), 403, "forbidden");
        problem(given().get("/api/v1/analytics/lectures/" + recording).then(), 401, "unauthorized");
        problem(admin.api().get("/api/v1/analytics/lectures/nope").then(), 400, "validation-failed");
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
