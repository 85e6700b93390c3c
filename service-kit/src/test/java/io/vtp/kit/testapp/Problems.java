package io.vtp.kit.testapp;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on RFC 9457 problem+json answers of the kit. */
public final class Problems {

    public static final String BASE = "https://vtp.io/problems/";

    private Problems() {
    }

    /** Asserts a problem+json of {@code status} whose type is the kit's {@code slug}; returns its body. */
    public static JsonPath assertProblem(Response response, int status, String slug) {
        return assertProblem(response.statusCode(), response.contentType(), response.asString(), status,
                slug == null ? "about:blank" : BASE + slug);
    }

    public static JsonPath assertProblem(HttpResponse<String> response, int status, String slug) {
        return assertProblem(response.statusCode(), response.headers().firstValue("content-type").orElse(null),
                response.body(), status, slug == null ? "about:blank" : BASE + slug);
    }

    public static JsonPath assertProblem(int actualStatus, String contentType, String body, int status, String type) {
        String context = "HTTP " + actualStatus + " " + contentType + ": " + body;
        assertEquals(status, actualStatus, context);
        assertNotNull(contentType, context);
        assertTrue(contentType.startsWith("application/problem+json"), context);
        assertFalse(body == null || body.isBlank(), context);
        JsonPath json = JsonPath.from(body);
        assertEquals(type, json.getString("type"), context);
        assertEquals(status, json.getInt("status"), context);
        assertFalse(json.getString("title") == null || json.getString("title").isBlank(), context);
        assertFalse(json.getString("detail") == null || json.getString("detail").isBlank(), context);
        assertNoLeaks(body);
        return json;
    }

    /** Bodies never carry stack traces or class names. */
    public static void assertNoLeaks(String body) {
        for (String leak : new String[] {"Exception", "at io.", "at java.", "com.fasterxml", "jakarta.", "io.vtp.",
                "org.jboss", "io.quarkus", "io.vertx", "StreamReadConstraints", "\tat "}) {
            assertFalse(body.contains(leak), "leaks '" + leak + "': " + body);
        }
    }
}
