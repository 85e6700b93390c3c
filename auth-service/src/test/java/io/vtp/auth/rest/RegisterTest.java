package io.vtp.auth.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.vtp.auth.support.Api.PASSWORD;
import static io.vtp.auth.support.Api.email;
import static io.vtp.auth.support.Api.register;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class RegisterTest {

    private static Map<String, Object> body(String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("password", PASSWORD);
        body.put("full_name", "Ada Lovelace");
        return body;
    }

    @Test
    void registersAStudentByDefault() {
        String email = email();
        Map<String, Object> body = body(email);
        body.put("phone", "+44 20 7946 0958");
        register(body).statusCode(201)
                .header("Location", matchesPattern("/api/v1/auth/users/[0-9a-f-]{36}"))
                .body("user_id", matchesPattern("[0-9a-f-]{36}"))
                .body("email", equalTo(email))
                .body("full_name", equalTo("Ada Lovelace"))
                .body("phone", equalTo("+44 20 7946 0958"))
                .body("role", equalTo("student"))
                .body("created_at", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"))
                .body("password", nullValue())
                .body("password_hash", nullValue());
    }

    @Test
    void acceptsInstructorAndTeacherAlias() {
        Map<String, Object> instructor = body(email());
        instructor.put("role", "instructor");
        register(instructor).statusCode(201).body("role", equalTo("instructor"));
        Map<String, Object> teacher = body(email());
        teacher.put("role", "Teacher");
        register(teacher).statusCode(201).body("role", equalTo("instructor"));
    }

    @Test
    void nobodySelfRegistersAsAdmin() {
        Map<String, Object> body = body(email());
        body.put("role", "admin");
        problem(register(body), 400, "validation-failed").body("errors.field", hasItem("role"));
        Map<String, Object> unknown = body(email());
        unknown.put("role", "superuser");
        problem(register(unknown), 400, "validation-failed").body("errors.field", hasItem("role"));
    }

    @Test
    void emailIsUniqueRegardlessOfCase() {
        String email = email();
        register(body(email)).statusCode(201);
        problem(register(body(email.toUpperCase())), 409, "email-taken");
    }

    @Test
    void enforcesThePasswordPolicy() {
        for (String weak : new String[]{"Short1a", "alllowercase1", "ALLUPPERCASE1", "NoDigitsHere",
                "A1a" + "x".repeat(70)}) {
            Map<String, Object> body = body(email());
            body.put("password", weak);
            problem(register(body), 400, "validation-failed")
                    .body("errors.field", hasItem("password"));
        }
    }

    @Test
    void reportsEveryInvalidField() {
        Map<String, Object> body = new HashMap<>();
        body.put("email", "not-an-email");
        body.put("password", "weak");
        body.put("full_name", " ");
        body.put("phone", "call me maybe");
        problem(register(body), 400, "validation-failed")
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("password"))
                .body("errors.field", hasItem("full_name"))
                .body("errors.field", hasItem("phone"));
    }

    @Test
    void rejectsMissingFields() {
        problem(register(Map.of("email", email())), 400, "validation-failed")
                .body("errors.field", hasItem("password"))
                .body("errors.field", hasItem("full_name"));
    }

    @Test
    void rejectsOversizedFields() {
        Map<String, Object> body = body("a".repeat(250) + "@example.org");
        body.put("full_name", "n".repeat(201));
        problem(register(body), 400, "validation-failed")
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("full_name"));
    }

    @Test
    void rejectsAnOversizedBody() {
        problem(given().contentType("application/json").body("{\"email\":\"" + "x".repeat(70_000) + "\"}")
                .post("/api/v1/auth/register").then(), 413, "payload-too-large");
    }

    @Test
    void rejectsUnknownFields() {
        Map<String, Object> body = body(email());
        body.put("is_admin", true);
        problem(register(body), 400, "validation-failed").body("errors[0].field", equalTo("is_admin"));
    }

    @Test
    void rejectsWrongTypes() {
        Map<String, Object> body = body(email());
        body.put("full_name", Map.of("first", "Ada"));
        problem(register(body), 400, "validation-failed").body("errors[0].field", equalTo("full_name"));
    }

    @Test
    void rejectsMalformedJson() {
        problem(given().contentType("application/json").body("{\"email\": \"a@b.c\",")
                .post("/api/v1/auth/register").then(), 400, "malformed-request");
        problem(given().contentType("application/json").body("[1,2,3]")
                .post("/api/v1/auth/register").then(), 400, "malformed-request");
        problem(given().contentType("application/json").body("")
                .post("/api/v1/auth/register").then(), 400, "validation-failed");
    }

    @Test
    void rejectsTheWrongContentType() {
        problem(given().contentType("text/plain").body("email=a@b.c")
                .post("/api/v1/auth/register").then(), 415, "unsupported-media-type");
        problem(given().contentType("application/x-www-form-urlencoded").formParam("email", "a@b.c")
                .post("/api/v1/auth/register").then(), 415, "unsupported-media-type");
    }

    @Test
    void theLocationIsAPathWhateverHostTheClientNames() {
        given().contentType("application/json").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https").body(body(email()))
                .post("/api/v1/auth/register").then().statusCode(201)
                .header("Location", matchesPattern("/api/v1/auth/users/[0-9a-f-]{36}"));
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        problem(given().get("/api/v1/auth/nothing-here").then(), 404, "not-found");
        problem(given().get("/api/v1/auth/register").then(), 405, "method-not-allowed")
                .header("Allow", org.hamcrest.Matchers.containsString("POST"));
    }

    @Test
    void registrationDoesNotLogYouIn() {
        register(body(email())).statusCode(201).body("access_token", nullValue()).body("user_id", notNullValue());
    }
}
