package io.vtp.auth.rest;

import io.vtp.auth.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static io.restassured.RestAssured.given;
import static io.vtp.auth.support.Api.PASSWORD;
import static io.vtp.auth.support.Api.email;
import static io.vtp.auth.support.Api.registerStudent;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.equalTo;

/**
 * The same bad requests sent to every endpoint that takes a JSON body: each answers with a clear
 * problem+json 4xx, and none of them changes anything (the account still logs in unchanged).
 */
@QuarkusTest
class BadInputTest {

    /** An endpoint with a JSON body; {@code auth} is "none", "user" or "admin". */
    record Endpoint(String method, String path, String auth) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static String email;
    static String userId;

    /** The account the requests act on, registered on first use (the application is up by then). */
    static synchronized void account() {
        if (email == null) {
            email = email();
            userId = registerStudent(email);
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", "/api/v1/auth/register", "none"),
                new Endpoint("POST", "/api/v1/auth/login", "none"),
                new Endpoint("POST", "/api/v1/auth/refresh", "none"),
                new Endpoint("POST", "/api/v1/auth/logout", "none"),
                new Endpoint("POST", "/api/v1/auth/forgot-password", "none"),
                new Endpoint("POST", "/api/v1/auth/reset-password", "none"),
                new Endpoint("PATCH", "/api/v1/auth/profile", "user"),
                new Endpoint("POST", "/api/v1/auth/change-password", "user"),
                new Endpoint("PATCH", "/api/v1/auth/users/{id}", "admin"));
    }

    private static RequestSpecification as(Endpoint endpoint) {
        account();
        RequestSpecification request = given().header("X-Forwarded-For", Api.clientAddress());
        return switch (endpoint.auth()) {
            case "user" -> request.header("Authorization", "Bearer " + Api.accessToken(email, PASSWORD));
            case "admin" -> request.header("Authorization", "Bearer " + Api.adminToken());
            default -> request;
        };
    }

    private static io.restassured.response.ValidatableResponse send(Endpoint endpoint, RequestSpecification request) {
        return request.request(endpoint.method(), endpoint.path().replace("{id}", userId)).then();
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void wrongContentType(Endpoint endpoint) {
        problem(send(endpoint, as(endpoint).contentType("text/plain").body("hello")), 415, "unsupported-media-type");
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void malformedJson(Endpoint endpoint) {
        problem(send(endpoint, as(endpoint).contentType("application/json").body("{\"a\": ")), 400,
                "malformed-request");
        problem(send(endpoint, as(endpoint).contentType("application/json").body("[]")), 400, "malformed-request");
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void missingBody(Endpoint endpoint) {
        problem(send(endpoint, as(endpoint).contentType("application/json")), 400, "validation-failed");
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void unknownField(Endpoint endpoint) {
        problem(send(endpoint, as(endpoint).contentType("application/json").body("{\"bogus\": 1}")), 400,
                "validation-failed").body("errors[0].field", equalTo("bogus"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void oversizedBody(Endpoint endpoint) {
        problem(send(endpoint, as(endpoint).contentType("application/json")
                .body("{\"email\": \"" + "x".repeat(80_000) + "\"}")), 413, "payload-too-large");
    }

    /** The first field each endpoint reads, to repeat it: the last value must never silently win. */
    private static String firstField(Endpoint endpoint) {
        return switch (endpoint.path()) {
            case "/api/v1/auth/refresh", "/api/v1/auth/logout" -> "refresh_token";
            case "/api/v1/auth/reset-password" -> "token";
            case "/api/v1/auth/profile" -> "full_name";
            case "/api/v1/auth/change-password" -> "current_password";
            case "/api/v1/auth/users/{id}" -> "role";
            default -> "email";
        };
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void repeatedKey(Endpoint endpoint) {
        String field = firstField(endpoint);
        problem(send(endpoint, as(endpoint).contentType("application/json")
                .body("{\"" + field + "\": \"x\", \"" + field + "\": \"y\"}")), 400, "validation-failed")
                .body("errors[0].field", equalTo(field));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void trailingData(Endpoint endpoint) {
        for (String body : List.of("{} xyz", "{}{}", "{} []")) {
            problem(send(endpoint, as(endpoint).contentType("application/json").body(body)), 400, "malformed-request");
        }
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void loneSurrogate(Endpoint endpoint) {
        String field = firstField(endpoint);
        problem(send(endpoint, as(endpoint).contentType("application/json")
                .body("{\"" + field + "\": \"a\\ud800b\"}")), 400, "validation-failed")
                .body("errors[0].field", equalTo(field));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void chunkedBodyOverTheLimit(Endpoint endpoint) throws Exception {
        account();
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                                + endpoint.path().replace("{id}", userId)))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", Api.clientAddress())
                // an InputStream publisher has no known length: the body goes chunked, no Content-Length
                .method(endpoint.method(), java.net.http.HttpRequest.BodyPublishers.ofInputStream(() ->
                        new java.io.ByteArrayInputStream(("{\"email\": \"" + "x".repeat(80_000) + "\"}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        if (!"none".equals(endpoint.auth())) {
            request.header("Authorization", "Bearer " + ("user".equals(endpoint.auth())
                    ? Api.accessToken(email, PASSWORD) : Api.adminToken()));
        }
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertEquals(413, response.statusCode(), response.body());
        org.junit.jupiter.api.Assertions.assertTrue(response.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json"), response.headers().toString());
        org.junit.jupiter.api.Assertions.assertTrue(response.body().contains("/payload-too-large"), response.body());
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void notAcceptable(Endpoint endpoint) {
        problem(send(endpoint, as(endpoint).contentType("application/json").accept("text/csv").body("{}")), 406,
                "not-acceptable");
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void nothingChanged(Endpoint endpoint) {
        account();
        Api.login(email, PASSWORD, Api.clientAddress()).statusCode(200)
                .body("user.full_name", equalTo("Test Student"))
                .body("user.role", equalTo("student"));
    }
}
