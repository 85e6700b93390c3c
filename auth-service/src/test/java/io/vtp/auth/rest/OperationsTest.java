package io.vtp.auth.rest;

import io.vtp.auth.support.Api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** What a platform team probes: health, metrics, the OpenAPI document. */
@QuarkusTest
class OperationsTest {

    @Test
    void healthEndpointsAnswer() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void exposesPrometheusMetrics() {
        Api.json().get("/api/v1/auth/profile");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void publishesTheOpenApiDocument() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("VTP auth-service"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/auth/login"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/auth/users/{id}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/.well-known/jwks.json"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
