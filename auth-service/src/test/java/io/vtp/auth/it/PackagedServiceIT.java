package io.vtp.auth.it;

import io.vtp.auth.support.Api;
import io.vtp.auth.support.ProvidedSigningKey;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.vtp.auth.support.Api.PASSWORD;
import static io.vtp.auth.support.Api.bearer;
import static io.vtp.auth.support.Api.email;
import static io.vtp.auth.support.Api.registerStudent;
import static org.hamcrest.Matchers.equalTo;

/**
 * Black-box: the packaged jar (target/quarkus-app) with its production profile, against the real
 * PostgreSQL and Kafka, with a signing key provided as a file the way a Secret mount provides it.
 */
@QuarkusIntegrationTest
@WithTestResource(ProvidedSigningKey.class)
class PackagedServiceIT {

    @Test
    void registerLoginAndReadTheProfile() {
        String email = email();
        String id = registerStudent(email);
        String token = Api.accessToken(email, PASSWORD);
        bearer(token).get("/api/v1/auth/profile").then().statusCode(200).body("user_id", equalTo(id));
        Api.json().body(Map.of("email", "broken")).post("/api/v1/auth/register").then().statusCode(400)
                .contentType("application/problem+json");
        Api.json().get("/.well-known/jwks.json").then().statusCode(200);
        Api.json().get("/q/health/ready").then().statusCode(200);
    }
}
