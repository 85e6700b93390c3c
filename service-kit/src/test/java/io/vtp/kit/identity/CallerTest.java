package io.vtp.kit.identity;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vtp.kit.testapp.LogCapture;
import io.vtp.testsupport.MutableClock;
import io.vtp.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.vtp.kit.testapp.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Caller} from real tokens over HTTP, and token expiry judged by the kit's clock. */
@QuarkusTest
class CallerTest {

    @Test
    void theCallerIsWhoTheTokenNames() {
        UUID id = UUID.randomUUID();
        String token = TestTokens.mint(id, "instructor", "Ada Lovelace", "ada@vtp.test", Duration.ofMinutes(15));

        JsonPath me = given().auth().oauth2(token).get("/kit-test/me").then().statusCode(200).extract().jsonPath();

        assertEquals(id.toString(), me.getString("id"));
        assertEquals("instructor", me.getString("role"));
        assertEquals("Ada Lovelace", me.getString("name"));
        assertEquals("ada@vtp.test", me.getString("email"));
        assertTrue(me.getBoolean("staff"));
    }

    @Test
    void everyRoleOfTheMinterIsUnderstood() {
        for (String role : new String[] {"student", "instructor", "admin"}) {
            JsonPath me = given().auth().oauth2(TestTokens.mint(role)).get("/kit-test/me")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(role, me.getString("role"));
            assertEquals(!role.equals("student"), me.getBoolean("staff"));
        }
    }

    @Test
    void aCachedVerificationStillEndsWhenTheTokenExpires() {
        MutableClock clock = new MutableClock(Instant.now());
        QuarkusMock.installMockForType(clock, Clock.class);
        String token = TestTokens.mint(UUID.randomUUID(), "student", "Short Lived", "short@vtp.test",
                Duration.ofMinutes(2));

        given().auth().oauth2(token).get("/kit-test/me").then().statusCode(200); // verified and remembered
        clock.advance(Duration.ofSeconds(90));
        given().auth().oauth2(token).get("/kit-test/me").then().statusCode(200); // from the cache, still valid

        // exp + the 60 s clock-skew allowance have passed on the service's clock (not yet on the
        // wall clock, which smallrye-jwt's own check would use): the remembered verification is void
        clock.advance(Duration.ofSeconds(95));
        try (LogCapture logs = LogCapture.start()) {
            assertProblem(given().auth().oauth2(token).get("/kit-test/me"), 401, "invalid-token");
            assertProblem(given().auth().oauth2(token).get("/kit-test/me"), 401, "invalid-token");
            assertEquals(List.of(), logs.stackTraces(), logs.describe());
        }
    }
}
