package io.vtp.testsupport;

import io.restassured.response.ValidatableResponse;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/** Checks that an error answer is a proper RFC 9457 problem that leaks nothing. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static ValidatableResponse problem(ValidatableResponse response, int status, String typeSlug) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", equalTo("https://vtp.io/problems/" + typeSlug))
                .body("title", not(equalTo(null)))
                .body("detail", not(equalTo(null)))
                .body(not(containsString("Exception")))
                .body(not(containsString("io.vtp")))
                .body(not(containsString("SQL")));
    }
}
