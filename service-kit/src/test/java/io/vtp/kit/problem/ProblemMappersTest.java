package io.vtp.kit.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vtp.kit.testapp.LogCapture;
import io.vtp.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static io.restassured.RestAssured.given;
import static io.vtp.kit.testapp.Problems.assertNoLeaks;
import static io.vtp.kit.testapp.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every status the HTTP and REST layers decide, and every failure a service raises, comes out as
 * problem+json with the kit's type (or about:blank), the headers the status requires, and no
 * more log than it deserves.
 */
@QuarkusTest
class ProblemMappersTest {

    @Test
    void missingTokenIs401WithAChallenge() {
        Response response = given().get("/kit-test/me");
        assertProblem(response, 401, "unauthorized");
        assertEquals("Bearer", response.header("WWW-Authenticate"));
    }

    @Test
    void everyBadTokenIs401InvalidTokenWithAChallengeAndNoStackTrace() {
        String[] tokens = {"garbage", "a.b.c", TestTokens.expired("student"), TestTokens.signedByForeignKey("student"),
                TestTokens.withIssuer("https://evil.example/auth", "student"),
                tampered(TestTokens.mint("student"))};
        try (LogCapture logs = LogCapture.start()) {
            for (String token : tokens) {
                Response response = given().auth().oauth2(token).get("/kit-test/me");
                assertProblem(response, 401, "invalid-token");
                assertTrue(response.header("WWW-Authenticate").startsWith("Bearer"), response.header("WWW-Authenticate"));
                assertTrue(response.header("WWW-Authenticate").contains("invalid_token"));
            }
            assertEquals(List.of(), logs.stackTraces(), logs.describe());
            assertTrue(logs.records().size() <= tokens.length, logs.describe()); // one line each at most
        }
    }

    /** The token with one character in the middle of its signature changed. */
    private static String tampered(String token) {
        int at = token.lastIndexOf('.') + (token.length() - token.lastIndexOf('.')) / 2;
        char replacement = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + replacement + token.substring(at + 1);
    }

    @Test
    void aValidTokenOfTheWrongRoleIs403() {
        assertProblem(given().auth().oauth2(TestTokens.mint("student")).get("/kit-test/admin"), 403, "forbidden");
        assertProblem(given().auth().oauth2(TestTokens.mint("instructor")).get("/kit-test/admin"), 403, "forbidden");
        given().auth().oauth2(TestTokens.mint("admin")).get("/kit-test/admin").then().statusCode(200);
        // no token at all on a role-restricted endpoint: authentication first
        assertProblem(given().get("/kit-test/admin"), 401, "unauthorized");
    }

    @Test
    void unknownPathsAre404() {
        for (String path : new String[] {"/kit-test/nope", "/nothing-here", "/q/nothing-here", "/kit-test/notes/not-a-uuid/x",
                "/kit-test/notes/" + UUID.randomUUID() + "/extra"}) {
            JsonPath problem = assertProblem(given().get(path), 404, "not-found");
            assertEquals(path, problem.getString("instance"));
        }
        // a resource that does not exist, reported by the service itself
        assertProblem(given().get("/kit-test/notes/" + UUID.randomUUID()), 404, "not-found");
    }

    @Test
    void wrongMethodIs405WithTheAllowedMethods() {
        Response response = given().delete("/kit-test/notes");
        assertProblem(response, 405, "method-not-allowed");
        assertEquals("OPTIONS, POST", response.header("Allow"));

        response = given().contentType("application/json").body("{}").put("/kit-test/notes/" + UUID.randomUUID());
        assertProblem(response, 405, "method-not-allowed");
        assertEquals("DELETE, GET, HEAD, OPTIONS", response.header("Allow"));

        response = given().post("/kit-test/me");
        assertProblem(response, 405, "method-not-allowed");
        assertEquals("GET, HEAD, OPTIONS", response.header("Allow"));

        // what OPTIONS itself lists agrees
        String options = given().options("/kit-test/notes/" + UUID.randomUUID()).header("Allow");
        assertNotNull(options);
        for (String method : new String[] {"GET", "DELETE"}) {
            assertTrue(options.contains(method), options);
        }
    }

    @Test
    void unacceptableMediaTypeIs406() {
        Response response = given().accept("application/xml").get("/kit-test/notes/" + UUID.randomUUID());
        assertProblem(response, 406, "not-acceptable");
    }

    @Test
    void unsupportedContentTypeIs415() {
        assertProblem(given().contentType("text/plain").body("{\"name\":\"x\"}").post("/kit-test/notes"), 415,
                "unsupported-media-type");
        assertProblem(given().contentType("application/xml").body("<note/>").post("/kit-test/notes"), 415,
                "unsupported-media-type");
    }

    @Test
    void aStatusWithoutAKindIsAboutBlankWithItsReasonPhrase() {
        JsonPath teapot = assertProblem(given().get("/kit-test/fail/teapot"), 418, null);
        assertEquals("I'm a teapot", teapot.getString("title"));
        JsonPath conflict = assertProblem(given().get("/kit-test/fail/conflict"), 409, null);
        assertEquals("Conflict", conflict.getString("title"));
    }

    @Test
    void aDeliberate503KeepsItsRetryAfter() {
        Response response = given().get("/kit-test/fail/unavailable");
        assertProblem(response, 503, "unavailable");
        assertEquals("7", response.header("Retry-After"));
    }

    @Test
    void aServiceDeclaredKindRendersWithItsOwnTypeTitleAndStatus() {
        try (LogCapture logs = LogCapture.start()) {
            JsonPath locked = assertProblem(given().get("/kit-test/fail/locked"), 423, "note-locked");
            assertEquals("Note is locked", locked.getString("title"));
            assertEquals("note 42 is locked by its author", locked.getString("detail"));
            assertEquals("/kit-test/fail/locked", locked.getString("instance"));
            // an expected client error: one line at most, never a stack trace
            assertEquals(List.of(), logs.stackTraces(), logs.describe());
            assertTrue(logs.records().size() <= 1, logs.describe());
        }
    }

    @Test
    void extensionMembersGoBesideTheStandardOnes() {
        JsonPath problem = assertProblem(given().get("/kit-test/fail/not-yet"), 423, "note-locked");
        assertEquals(42.5f, problem.getFloat("progress.percent"));
        assertEquals("writing", problem.getString("progress.stage"));
        assertEquals("note 42 is still being written", problem.getString("detail"));
    }

    @Test
    void retryLaterSetsRetryAfter() {
        Response response = given().get("/kit-test/fail/throttled");
        JsonPath problem = assertProblem(response, 429, "notes-throttled");
        assertEquals("Too many notes", problem.getString("title"));
        assertEquals("30", response.header("Retry-After"));
    }

    @Test
    void anUnexpectedFailureIs500WithAnErrorIdLoggedOnceWithItsStackTrace() {
        for (String path : new String[] {"/kit-test/fail/bug", "/kit-test/fail/blocking-bug"}) {
            try (LogCapture logs = LogCapture.start()) {
                Response response = given().get(path);
                JsonPath problem = assertProblem(response, 500, "internal-error");
                String body = response.asString();
                assertFalse(body.contains("secret-internal-state"), body);
                assertFalse(body.contains("IllegalStateException"), body);
                assertNoLeaks(body);
                String detail = problem.getString("detail");
                java.util.regex.Matcher id = java.util.regex.Pattern
                        .compile("error id ([0-9a-f-]{36})").matcher(detail);
                assertTrue(id.find(), detail);

                List<LogRecord> logged = logs.mentioning(id.group(1));
                assertEquals(1, logged.size(), logs.describe());
                assertTrue(logged.get(0).getLevel().intValue() >= Level.SEVERE.intValue(), logs.describe());
                assertNotNull(logged.get(0).getThrown());
                assertTrue(logged.get(0).getThrown().getMessage().contains("secret-internal-state"));
                // and nothing else logged the failure again
                assertEquals(1, logs.stackTraces().size(), logs.describe());
                assertEquals(1, logs.mentioning("secret-internal-state").size(), logs.describe());
            }
        }
    }
}
