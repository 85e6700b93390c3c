package io.vtp.auth.support;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;

/** Small helpers for driving the real HTTP API from tests. */
public final class Api {

    public static final String PASSWORD = "Correct-Horse-9";

    private Api() {
    }

    /** A fresh e-mail address, so tests never collide. */
    public static String email() {
        return "user-" + UUID.randomUUID() + "@example.org";
    }

    /** A random client address, so per-client throttling of one test does not hit another. */
    public static String clientAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    public static RequestSpecification json() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static ValidatableResponse register(Map<String, Object> body) {
        return json().body(body).post("/api/v1/auth/register").then();
    }

    /** Registers a student and returns its id. */
    public static String registerStudent(String email) {
        return register(Map.of("email", email, "password", PASSWORD, "full_name", "Test Student"))
                .statusCode(201).extract().path("user_id");
    }

    public static ValidatableResponse login(String email, String password, String clientAddress) {
        return json().header("X-Forwarded-For", clientAddress)
                .body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login").then();
    }

    /** Logs in and returns the whole token response as a map. */
    public static Map<String, Object> tokens(String email, String password) {
        return login(email, password, clientAddress()).statusCode(200).extract().as(Map.class);
    }

    public static String accessToken(String email, String password) {
        return (String) tokens(email, password).get("access_token");
    }

    /** An access token of the administrator created at start from vtp.auth.bootstrap-admin.* of the test profile. */
    public static String adminToken() {
        return accessToken("admin@vtp.test", "Admin-Test-Pass-1");
    }

    public static RequestSpecification bearer(String accessToken) {
        return json().header("Authorization", "Bearer " + accessToken);
    }
}
