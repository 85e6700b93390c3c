package io.vtp.kit.json;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vtp.kit.testapp.LogCapture;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static io.vtp.kit.testapp.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile JSON bodies against the kit's strict REST mapper and problem mappers, over real HTTP:
 * each class of bad input is a 400 problem+json that names the field where there is one, and
 * never a 500, an empty body or a stack trace in the log.
 */
@QuarkusTest
class StrictJsonTest {

    private static final String NOTES = "/kit-test/notes";

    @Test
    void repeatedKeyIsRejectedNamingTheField() {
        JsonPath problem = assertProblem(post("{\"name\":\"x\",\"name\":\"y\"}"), 400, "validation-failed");
        assertEquals("name", problem.getString("errors[0].field"));
        assertTrue(problem.getString("detail").contains("'name'"), problem.prettify());
        assertTrue(problem.getString("detail").contains("more than once"), problem.prettify());
    }

    @Test
    void repeatedKeyInsideANestedObjectIsRejectedNamingItsPath() {
        JsonPath problem = assertProblem(post("{\"name\":\"x\",\"details\":{\"color_name\":\"a\",\"color_name\":\"b\"}}"),
                400, "validation-failed");
        assertEquals("details.color_name", problem.getString("errors[0].field"));
        assertTrue(problem.getString("detail").contains("details.color_name"), problem.prettify());

        problem = assertProblem(post("{\"name\":\"x\",\"attributes\":{\"list\":[{\"k\":1,\"k\":2}]}}"), 400,
                "validation-failed");
        assertEquals("attributes.list[0].k", problem.getString("errors[0].field"));
    }

    @Test
    void trailingDataAfterTheValueIsRejected() {
        for (String body : new String[] {"{\"name\":\"x\"} xyz", "{}{}", "{} []", "{\"name\":\"x\"}{\"name\":\"y\"}",
                "{\"name\":\"x\"} ]", "{\"name\":\"x\"} 1"}) {
            JsonPath problem = assertProblem(post(body), 400, "malformed-request");
            assertTrue(problem.getString("detail").startsWith("the request body"), body + " -> " + problem.prettify());
        }
    }

    @Test
    void loneSurrogatesAndNulAreRejectedNamingTheField() {
        for (String[] c : new String[][] {
                {"{\"name\":\"a\\ud800\"}", "name"},
                {"{\"name\":\"a\\udc00b\"}", "name"},
                {"{\"name\":\"x\",\"description\":\"a\\u0000b\"}", "description"},
                {"{\"name\":\"x\",\"details\":{\"tags\":[\"ok\",\"\\ud83d\"]}}", "details.tags[1]"},
                {"{\"name\":\"x\",\"attributes\":{\"k\\u0000\":1}}", "attributes"},
                {"{\"name\":\"x\",\"attributes\":{\"k\":\"\\u0000\"}}", "attributes.k"}}) {
            JsonPath problem = assertProblem(post(c[0]), 400, "validation-failed");
            assertEquals(c[1], problem.getString("errors[0].field"), c[0] + " -> " + problem.prettify());
            assertTrue(problem.getString("detail").contains(c[1]), problem.prettify());
        }
        // A correctly paired surrogate (an emoji) is fine.
        given().contentType("application/json").body("{\"name\":\"x \\ud83d\\ude00\"}").post(NOTES)
                .then().statusCode(201);
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] body = "{\"name\":\"a?b\"}".getBytes(StandardCharsets.US_ASCII);
        body[10] = (byte) 0xFF;
        JsonPath problem = assertProblem(given().contentType("application/json").body(body).post(NOTES), 400,
                "malformed-request");
        assertTrue(problem.getString("detail").contains("UTF-8"), problem.prettify());
    }

    @Test
    void controlCharactersAreRejectedInPlainTextFieldsOnly() {
        for (String[] c : new String[][] {
                {"{\"name\":\"a\\tb\"}", "name"},
                {"{\"name\":\"a\\nb\"}", "name"},
                {"{\"name\":\"a\\u001bb\"}", "name"},
                {"{\"name\":\"a\\u0085b\"}", "name"},
                {"{\"name\":\"a\\u2028b\"}", "name"},
                {"{\"name\":\"x\",\"details\":{\"tags\":[\"a\\rb\"]}}", "details.tags[0]"}}) {
            JsonPath problem = assertProblem(post(c[0]), 400, "validation-failed");
            assertEquals(c[1], problem.getString("errors[0].field"), c[0] + " -> " + problem.prettify());
            assertTrue(problem.getString("detail").contains(c[1]), problem.prettify());
        }
        given().contentType("application/json")
                .body("{\"name\":\"x\",\"description\":\"line one\\n\\tindented\\r\\nline three\"}")
                .post(NOTES)
                .then().statusCode(201)
                .body("description", org.hamcrest.Matchers.equalTo("line one\n\tindented\r\nline three"));
    }

    @Test
    void malformedJsonIsRejectedWithItsPosition() {
        for (String body : new String[] {"{\"name\":", "{\"name\":\"x\",}", "{name:\"x\"}", "{'name':'x'}",
                "{\"name\":\"x\" \"description\":\"y\"}", "nul", "{\"name\":\"x\""}) {
            JsonPath problem = assertProblem(post(body), 400, "malformed-request");
            assertTrue(problem.getString("detail").contains("not valid JSON") || problem.getString("detail")
                    .contains("could not be read"), body + " -> " + problem.prettify());
        }
        JsonPath problem = assertProblem(post("{\"name\":\"x\",\n \"description\": oops}"), 400, "malformed-request");
        assertTrue(problem.getString("detail").contains("line 2"), problem.prettify());
    }

    @Test
    void wrongTypesAreRejectedNamingTheFieldAndTheExpectedType() {
        for (String[] c : new String[][] {
                {"{\"name\":5}", "name", "string"},
                {"{\"name\":true}", "name", "string"},
                {"{\"name\":{\"a\":1}}", "name", "string"},
                {"{\"name\":\"x\",\"priority\":\"5\"}", "priority", "integer"},
                {"{\"name\":\"x\",\"priority\":1.5}", "priority", "integer"},
                {"{\"name\":\"x\",\"pinned\":1}", "pinned", "true or false"},
                {"{\"name\":\"x\",\"pinned\":\"true\"}", "pinned", "true or false"},
                {"{\"name\":\"x\",\"details\":\"red\"}", "details", "object"},
                {"{\"name\":\"x\",\"details\":{\"tags\":\"a\"}}", "details.tags", "array"},
                {"{\"name\":\"x\",\"details\":{\"tags\":[1]}}", "details.tags[0]", "string"}}) {
            JsonPath problem = assertProblem(post(c[0]), 400, "validation-failed");
            assertEquals(c[1], problem.getString("errors[0].field"), c[0] + " -> " + problem.prettify());
            assertTrue(problem.getString("detail").contains(c[2]), c[0] + " -> " + problem.prettify());
        }
        JsonPath problem = assertProblem(post("[{\"name\":\"x\"}]"), 400, "malformed-request");
        assertTrue(problem.getString("detail").contains("JSON object"), problem.prettify());
    }

    @Test
    void unknownFieldsAreRejectedNamingThem() {
        JsonPath problem = assertProblem(post("{\"name\":\"x\",\"colour\":\"red\"}"), 400, "validation-failed");
        assertEquals("colour", problem.getString("errors[0].field"));
        assertTrue(problem.getString("detail").contains("unknown field 'colour'"), problem.prettify());

        problem = assertProblem(post("{\"name\":\"x\",\"details\":{\"shade\":1}}"), 400, "validation-failed");
        assertEquals("details.shade", problem.getString("errors[0].field"));

        // camelCase is not the wire format: the REST mapper speaks snake_case only
        problem = assertProblem(post("{\"name\":\"x\",\"details\":{\"colorName\":\"red\"}}"), 400, "validation-failed");
        assertEquals("details.colorName", problem.getString("errors[0].field"));

        // an absurdly long unknown name is not echoed in full
        String longName = "k".repeat(5000);
        problem = assertProblem(post("{\"name\":\"x\",\"" + longName + "\":1}"), 400, "validation-failed");
        assertTrue(problem.getString("errors[0].field").length() < 120, problem.getString("errors[0].field"));
    }

    @Test
    void tooDeepNestingIsRejected() {
        String ok = "[".repeat(30) + "]".repeat(30); // depth 32 with the body and attributes objects
        given().contentType("application/json").body("{\"name\":\"x\",\"attributes\":{\"a\":" + ok + "}}").post(NOTES)
                .then().statusCode(201);

        String deep = "[".repeat(31) + "]".repeat(31);
        JsonPath problem = assertProblem(post("{\"name\":\"x\",\"attributes\":{\"a\":" + deep + "}}"), 400,
                "malformed-request");
        assertTrue(problem.getString("detail").contains("nested too deeply"), problem.prettify());
        assertTrue(problem.getString("detail").contains("32"), problem.prettify());

        // 20 000 levels (40 KB): refused at level 33, long before any recursion could hurt
        JsonPath absurd = assertProblem(post("{\"name\":\"x\",\"attributes\":{\"a\":" + "[".repeat(20_000)
                + "]".repeat(20_000) + "}}"), 400, "malformed-request");
        assertTrue(absurd.getString("detail").contains("nested too deeply"), absurd.prettify());
    }

    @Test
    void tooLongStringsAreRejectedNamingTheField() {
        // 70 000 characters: over the 64K-character string limit, in a body the uploads route allows
        String description = "d".repeat(70_000);
        JsonPath problem = assertProblem(given().contentType("application/json")
                .body("{\"name\":\"x\",\"description\":\"" + description + "\"}")
                .post("/kit-test/uploads/note"), 400, "validation-failed");
        assertEquals("description", problem.getString("errors[0].field"));
        assertTrue(problem.getString("detail").contains("65536 characters"), problem.prettify());

        // just under the limit is fine
        given().contentType("application/json")
                .body("{\"name\":\"x\",\"description\":\"" + "d".repeat(65_536) + "\"}")
                .post("/kit-test/uploads/note")
                .then().statusCode(201);
    }

    @Test
    void anEmptyOrNullBodyIsAValidationFailure() {
        for (String body : new String[] {"", "null"}) {
            JsonPath problem = assertProblem(post(body), 400, "validation-failed");
            assertEquals("body", problem.getString("errors[0].field"), problem.prettify());
        }
        JsonPath problem = assertProblem(post("{}"), 400, "validation-failed");
        assertEquals("name", problem.getString("errors[0].field"));
    }

    @Test
    void noBadBodyLeavesAStackTraceInTheLog() {
        try (LogCapture logs = LogCapture.start()) {
            for (String body : new String[] {"{\"name\":\"x\",\"name\":\"y\"}", "{} xyz", "{\"name\":\"\\ud800\"}",
                    "{\"name\":", "{\"name\":5}", "{\"name\":\"x\",\"z\":1}",
                    "{\"name\":\"x\",\"attributes\":{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}}"}) {
                assertEquals(400, post(body).statusCode(), body);
            }
            assertEquals(java.util.List.of(), logs.stackTraces(), logs.describe());
            assertEquals(java.util.List.of(), logs.warnings(), logs.describe());
        }
    }

    private static Response post(String body) {
        return given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8)).post(NOTES);
    }
}
