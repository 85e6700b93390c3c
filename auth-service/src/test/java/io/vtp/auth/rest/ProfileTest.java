package io.vtp.auth.rest;

import io.vtp.auth.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.vtp.auth.support.Api.PASSWORD;
import static io.vtp.auth.support.Api.bearer;
import static io.vtp.auth.support.Api.clientAddress;
import static io.vtp.auth.support.Api.email;
import static io.vtp.auth.support.Api.json;
import static io.vtp.auth.support.Api.login;
import static io.vtp.auth.support.Api.registerStudent;
import static io.vtp.auth.support.Api.tokens;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ProfileTest {

    @Test
    void showsTheCallersOwnAccount() {
        String email = email();
        String id = registerStudent(email);
        bearer(Api.accessToken(email, PASSWORD)).get("/api/v1/auth/profile").then().statusCode(200)
                .body("user_id", equalTo(id))
                .body("email", equalTo(email))
                .body("full_name", equalTo("Test Student"))
                .body("role", equalTo("student"));
    }

    @Test
    void updatesNameAndPhone() {
        String email = email();
        registerStudent(email);
        String token = Api.accessToken(email, PASSWORD);
        bearer(token).body(Map.of("full_name", "Grace Hopper", "phone", "+1 555 0100"))
                .patch("/api/v1/auth/profile").then().statusCode(200)
                .body("full_name", equalTo("Grace Hopper"))
                .body("phone", equalTo("+1 555 0100"));
        // Absent fields stay; an empty phone removes it.
        bearer(token).body(Map.of("phone", "")).patch("/api/v1/auth/profile").then().statusCode(200)
                .body("full_name", equalTo("Grace Hopper"))
                .body("phone", nullValue());
        bearer(token).get("/api/v1/auth/profile").then().body("full_name", equalTo("Grace Hopper"));
    }

    @Test
    void profileUpdatesAreValidatedAndCannotTouchOtherFields() {
        String email = email();
        registerStudent(email);
        String token = Api.accessToken(email, PASSWORD);
        problem(bearer(token).body(Map.of("full_name", "   ")).patch("/api/v1/auth/profile").then(),
                400, "validation-failed").body("errors.field", hasItem("full_name"));
        problem(bearer(token).body(Map.of("full_name", "x".repeat(201))).patch("/api/v1/auth/profile").then(),
                400, "validation-failed");
        problem(bearer(token).body(Map.of("full_name", "Bad\u0000Name")).patch("/api/v1/auth/profile").then(),
                400, "validation-failed").body("errors[0].field", equalTo("full_name"));
        problem(bearer(token).body(Map.of("phone", "<script>")).patch("/api/v1/auth/profile").then(),
                400, "validation-failed").body("errors.field", hasItem("phone"));
        problem(bearer(token).body(Map.of("role", "admin")).patch("/api/v1/auth/profile").then(),
                400, "validation-failed").body("errors[0].field", equalTo("role"));
        problem(bearer(token).body(Map.of("email", "new@example.org")).patch("/api/v1/auth/profile").then(),
                400, "validation-failed");
        bearer(token).get("/api/v1/auth/profile").then().body("role", equalTo("student")).body("email", equalTo(email));
        problem(given().contentType("application/json").body(Map.of("full_name", "X"))
                .patch("/api/v1/auth/profile").then(), 401, "unauthorized");
    }

    @Test
    void wrongCurrentPasswordsCountLikeFailedLogins() {
        String email = email();
        registerStudent(email);
        String token = Api.accessToken(email, PASSWORD);
        for (int i = 0; i < 5; i++) {
            problem(bearer(token).header("X-Forwarded-For", clientAddress())
                    .body(Map.of("current_password", "Wrong-Password-" + i, "new_password", "Another-Secret-7"))
                    .post("/api/v1/auth/change-password").then(), 400, "validation-failed");
        }
        problem(bearer(token).body(Map.of("current_password", PASSWORD, "new_password", "Another-Secret-7"))
                .post("/api/v1/auth/change-password").then(), 429, "too-many-attempts");
        problem(login(email, PASSWORD, clientAddress()), 429, "too-many-attempts");
    }

    @Test
    void changingThePasswordEndsEverySession() {
        String email = email();
        registerStudent(email);
        Map<String, Object> session1 = tokens(email, PASSWORD);
        Map<String, Object> session2 = tokens(email, PASSWORD);
        String newPassword = "Another-Secret-7";
        bearer((String) session1.get("access_token"))
                .body(Map.of("current_password", PASSWORD, "new_password", newPassword))
                .post("/api/v1/auth/change-password").then().statusCode(204);
        for (Map<String, Object> session : new Map[]{session1, session2}) {
            problem(json().body(Map.of("refresh_token", session.get("refresh_token")))
                    .post("/api/v1/auth/refresh").then(), 401, "invalid-token");
        }
        login(email, PASSWORD, clientAddress()).statusCode(401);
        login(email, newPassword, clientAddress()).statusCode(200);
    }

    @Test
    void changePasswordChecksTheCurrentPasswordAndThePolicy() {
        String email = email();
        registerStudent(email);
        String token = Api.accessToken(email, PASSWORD);
        problem(bearer(token).body(Map.of("current_password", "Wrong-Password-1", "new_password", "Another-Secret-7"))
                .post("/api/v1/auth/change-password").then(), 400, "validation-failed")
                .body("errors.field", hasItem("current_password"));
        problem(bearer(token).body(Map.of("current_password", PASSWORD, "new_password", "weak"))
                .post("/api/v1/auth/change-password").then(), 400, "validation-failed")
                .body("errors.field", hasItem("new_password"));
        Map<String, Object> missing = new HashMap<>();
        missing.put("current_password", PASSWORD);
        problem(bearer(token).body(missing).post("/api/v1/auth/change-password").then(), 400, "validation-failed");
        problem(json().body(Map.of("current_password", PASSWORD, "new_password", "Another-Secret-7"))
                .post("/api/v1/auth/change-password").then(), 401, "unauthorized");
        // Nothing changed.
        login(email, PASSWORD, clientAddress()).statusCode(200);
    }
}
