package io.vtp.testsupport;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** A platform user with a valid access token ({@link TestTokens}), as auth-service would issue it. */
public record Person(UUID id, String role, String email, String name, String token) {

    public static Person of(String role) {
        UUID id = UUID.randomUUID();
        String email = role + "-" + id + "@example.org";
        String name = "Test " + role + " " + id.toString().substring(0, 8);
        return new Person(id, role, email, name, TestTokens.mint(id, role, name, email, Duration.ofMinutes(30)));
    }

    public static Person instructor() {
        return of("instructor");
    }

    public static Person student() {
        return of("student");
    }

    public static Person admin() {
        return of("admin");
    }

    /** A JSON request carrying this person's token. */
    public RequestSpecification api() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    /** A request carrying this person's token and no body type. */
    public RequestSpecification auth() {
        return given().header("Authorization", "Bearer " + token);
    }
}
