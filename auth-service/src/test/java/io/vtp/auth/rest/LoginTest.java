package io.vtp.auth.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vtp.auth.support.Api.PASSWORD;
import static io.vtp.auth.support.Api.clientAddress;
import static io.vtp.auth.support.Api.email;
import static io.vtp.auth.support.Api.json;
import static io.vtp.auth.support.Api.login;
import static io.vtp.auth.support.Api.registerStudent;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LoginTest {

    @Test
    void returnsTokensAndTheUser() {
        String email = email();
        String id = registerStudent(email);
        login(email.toUpperCase(), PASSWORD, clientAddress()).statusCode(200)
                .body("access_token", matchesPattern("[\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .body("refresh_token", not(emptyOrNullString()))
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .body("user.user_id", equalTo(id))
                .body("user.email", equalTo(email))
                .body("user.role", equalTo("student"));
    }

    @Test
    void wrongPasswordAndUnknownEmailAreIndistinguishable() {
        String email = email();
        registerStudent(email);
        String wrongPassword = login(email, "Wrong-Password-1", clientAddress()).statusCode(401)
                .extract().asString();
        String unknownEmail = login(email(), "Wrong-Password-1", clientAddress()).statusCode(401)
                .extract().asString();
        problem(login(email, "Wrong-Password-1", clientAddress()), 401, "invalid-credentials");
        // Same body except for nothing at all: no hint which part was wrong.
        assertEquals(wrongPassword.replaceAll("\"instance\":\"[^\"]*\"", ""),
                unknownEmail.replaceAll("\"instance\":\"[^\"]*\"", ""));
    }

    @Test
    void locksAnAccountAfterFiveFailuresEvenForTheRightPassword() {
        String email = email();
        registerStudent(email);
        for (int i = 0; i < 5; i++) {
            login(email, "Wrong-Password-" + i, clientAddress()).statusCode(401);
        }
        String retryAfter = problem(login(email, PASSWORD, clientAddress()), 429, "too-many-attempts")
                .extract().header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds > 14 * 60 && seconds <= 15 * 60 + 1, "Retry-After " + seconds);
        // Another account from the same addresses is not affected.
        String other = email();
        registerStudent(other);
        login(other, PASSWORD, clientAddress()).statusCode(200);
    }

    @Test
    void locksAClientAddressAfterTwentyFailures() {
        String client = clientAddress();
        for (int i = 0; i < 20; i++) {
            login(email(), "Wrong-Password-1", client).statusCode(401);
        }
        String email = email();
        registerStudent(email);
        problem(login(email, PASSWORD, client), 429, "too-many-attempts");
        login(email, PASSWORD, clientAddress()).statusCode(200);
    }

    @Test
    void parallelGuessesCannotOutrunTheLimit() throws Exception {
        String email = email();
        registerStudent(email);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                answers.add(pool.submit(() -> login(email, "Wrong-Password-" + n, clientAddress())
                        .extract().statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(5, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
            assertEquals(15, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        problem(login(email, PASSWORD, clientAddress()), 429, "too-many-attempts");
    }

    @Test
    void aClassroomBehindOneAddressLogsInAtOnce() throws Exception {
        String school = clientAddress();
        List<String> students = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            students.add(email());
            registerStudent(students.get(i));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(25);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (String student : students) {
                answers.add(pool.submit(() -> login(student, PASSWORD, school).extract().statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertEquals(200, answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyTheNearestUntrustedForwardedAddressCounts() {
        // The client controls everything left of what the trusted proxy appended: rotating it does not help.
        String client = clientAddress();
        for (int i = 0; i < 20; i++) {
            login(email(), "Wrong-Password-1", clientAddress() + ", " + client).statusCode(401);
        }
        String email = email();
        registerStudent(email);
        problem(login(email, PASSWORD, "203.0.113.9, " + client), 429, "too-many-attempts");
    }

    @Test
    void garbageInForwardedForFallsBackToThePeer() {
        String email = email();
        registerStudent(email);
        problem(login(email, "Wrong-Password-1", "not-an-address"), 401, "invalid-credentials");
        problem(login(email, "Wrong-Password-1", "::::1::, x"), 401, "invalid-credentials");
        login(email, PASSWORD, "example.org").statusCode(200);
    }

    @Test
    void controlCharactersAreRejectedNotStored() {
        problem(json().body(Map.of("email", "a\u0000@example.org", "password", PASSWORD))
                .post("/api/v1/auth/login").then(), 400, "validation-failed")
                .body("errors[0].field", equalTo("email"));
    }

    @Test
    void aSuccessfulLoginClearsTheAccountsFailures() {
        String email = email();
        registerStudent(email);
        for (int i = 0; i < 4; i++) {
            login(email, "Wrong-Password-1", clientAddress()).statusCode(401);
        }
        login(email, PASSWORD, clientAddress()).statusCode(200);
        for (int i = 0; i < 4; i++) {
            login(email, "Wrong-Password-1", clientAddress()).statusCode(401);
        }
        login(email, PASSWORD, clientAddress()).statusCode(200);
    }

    @Test
    void validatesTheRequest() {
        problem(json().body(Map.of("email", "")).post("/api/v1/auth/login").then(), 400, "validation-failed")
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("password"));
        problem(json().body(Map.of("email", email(), "password", "p".repeat(129)))
                .post("/api/v1/auth/login").then(), 400, "validation-failed")
                .body("errors.field", hasItem("password"));
        problem(json().body("{\"email\":").post("/api/v1/auth/login").then(), 400, "malformed-request");
        problem(json().body(Map.of("email", email(), "password", PASSWORD, "remember_me", true))
                .post("/api/v1/auth/login").then(), 400, "validation-failed");
    }
}
