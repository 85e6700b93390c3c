package io.vtp.auth.rest;

import io.vtp.auth.support.Api;
import io.vtp.auth.support.Keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.vtp.auth.support.Api.PASSWORD;
import static io.vtp.auth.support.Api.bearer;
import static io.vtp.auth.support.Api.email;
import static io.vtp.auth.support.Api.json;
import static io.vtp.auth.support.Api.registerStudent;
import static io.vtp.auth.support.Api.tokens;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class TokenTest {

    private static final String ISSUER = "https://vtp.local/auth";

    @Test
    void accessTokenVerifiesWithAnIndependentJoseLibraryAgainstTheJwks() throws Exception {
        String email = email();
        String id = registerStudent(email);
        String token = (String) tokens(email, PASSWORD).get("access_token");

        String jwks = given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].use", equalTo("sig"))
                .body("keys[0].kid", not(equalTo(null)))
                .extract().asString();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                new ImmutableJWKSet<>(JWKSet.parse(jwks))));
        JWTClaimsSet claims = processor.process(token, null);

        assertEquals(ISSUER, claims.getIssuer());
        assertEquals(id, claims.getSubject());
        assertEquals(email, claims.getStringClaim("upn"));
        assertEquals(List.of("student"), claims.getStringListClaim("groups"));
        assertEquals("Test Student", claims.getStringClaim("name"));
        assertNotNull(claims.getJWTID());
        long lifetime = claims.getExpirationTime().toInstant().getEpochSecond()
                - claims.getIssueTime().toInstant().getEpochSecond();
        assertEquals(900, lifetime);
    }

    @Test
    void refreshRotatesBothTokens() {
        String email = email();
        registerStudent(email);
        Map<String, Object> first = tokens(email, PASSWORD);
        Map<String, Object> second = refresh((String) first.get("refresh_token")).statusCode(200)
                .body("token_type", equalTo("Bearer")).body("user.email", equalTo(email))
                .extract().as(Map.class);
        assertNotEquals(first.get("refresh_token"), second.get("refresh_token"));
        assertNotEquals(first.get("access_token"), second.get("access_token"));
        bearer((String) second.get("access_token")).get("/api/v1/auth/profile").then().statusCode(200);
        refresh((String) second.get("refresh_token")).statusCode(200);
    }

    @Test
    void reusingARefreshTokenRevokesTheWholeFamily() {
        String email = email();
        registerStudent(email);
        String stolen = (String) tokens(email, PASSWORD).get("refresh_token");
        String legit = refresh(stolen).statusCode(200).extract().path("refresh_token");
        problem(refresh(stolen), 401, "invalid-token");
        // The reuse killed the family: the legitimate successor is dead too.
        problem(refresh(legit), 401, "invalid-token");
        // Other sessions of the same user live on.
        String other = (String) tokens(email, PASSWORD).get("refresh_token");
        refresh(other).statusCode(200);
    }

    @Test
    void twoRefreshesWithOneTokenLeaveOneWinnerAndEndTheFamily() throws Exception {
        String email = email();
        registerStudent(email);
        String token = (String) tokens(email, PASSWORD).get("refresh_token");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> refresh(token).extract().response());
            var second = pool.submit(() -> refresh(token).extract().response());
            List<io.restassured.response.Response> answers = List.of(first.get(), second.get());
            assertEquals(1, answers.stream().filter(r -> r.statusCode() == 200).count());
            assertEquals(1, answers.stream().filter(r -> r.statusCode() == 401).count());
            String winner = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow()
                    .path("refresh_token");
            // The loser looked like a replay, so the family is revoked: a stolen token cannot race its owner.
            problem(refresh(winner), 401, "invalid-token");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void acceptsTheCamelCaseFieldOlderClientsSend() {
        String email = email();
        registerStudent(email);
        String refreshToken = (String) tokens(email, PASSWORD).get("refresh_token");
        json().body(Map.of("refreshToken", refreshToken)).post("/api/v1/auth/refresh").then().statusCode(200)
                .header("Cache-Control", "no-store");
    }

    @Test
    void bothNamesOfTheRefreshTokenAtOnceAreA400AndChangeNothing() {
        String email = email();
        registerStudent(email);
        String refreshToken = (String) tokens(email, PASSWORD).get("refresh_token");
        io.vtp.testsupport.ProblemAssertions.problem(json().body(Map.of("refresh_token", refreshToken, "refreshToken", "other"))
                .post("/api/v1/auth/refresh").then(), 400, "validation-failed")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("refresh_token"));
        // the token was not used up by the rejected request
        json().body(Map.of("refresh_token", refreshToken)).post("/api/v1/auth/refresh").then().statusCode(200);
    }

    @Test
    void tokenResponsesAreNeverStored() {
        String email = email();
        registerStudent(email);
        Api.login(email, PASSWORD, Api.clientAddress()).statusCode(200)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    @Test
    void logoutRevokesTheFamily() {
        String email = email();
        registerStudent(email);
        String refreshToken = (String) tokens(email, PASSWORD).get("refresh_token");
        String next = refresh(refreshToken).statusCode(200).extract().path("refresh_token");
        json().body(Map.of("refresh_token", next)).post("/api/v1/auth/logout").then().statusCode(204);
        problem(refresh(next), 401, "invalid-token");
        // Logging out an unknown token is not an error (RFC 7009 style) and reveals nothing.
        json().body(Map.of("refresh_token", "unknown")).post("/api/v1/auth/logout").then().statusCode(204);
        problem(json().body(Map.of()).post("/api/v1/auth/logout").then(), 400, "validation-failed");
    }

    @Test
    void rejectsUnknownAndMalformedRefreshTokens() {
        problem(refresh("not-a-token"), 401, "invalid-token");
        problem(refresh("x".repeat(513)), 400, "validation-failed");
        problem(json().body(Map.of("refresh_token", 42)).post("/api/v1/auth/refresh").then(), 400,
                "validation-failed");
    }

    @Test
    void profileNeedsAToken() {
        problem(given().get("/api/v1/auth/profile").then(), 401, "unauthorized")
                .header("WWW-Authenticate", equalTo("Bearer"));
        problem(given().header("Authorization", "Bearer").get("/api/v1/auth/profile").then(), 401, "unauthorized");
        problem(given().header("Authorization", "Bearer not.a.jwt").get("/api/v1/auth/profile").then(),
                401, "invalid-token");
    }

    @Test
    void rejectsAlgNone() {
        String id = registerStudent(email());
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long now = Instant.now().getEpochSecond();
        String payload = b64("{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + id + "\",\"groups\":[\"admin\"],\"iat\":"
                + now + ",\"exp\":" + (now + 600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
        assertRejected(header + "." + payload + ".");
    }

    @Test
    void rejectsATokenSignedByAnotherKey() throws Exception {
        String id = registerStudent(email());
        String kid = given().get("/.well-known/jwks.json").then().extract().path("keys[0].kid");
        String forged = claims(id, ISSUER, Instant.now().plusSeconds(600)).jws().keyId(kid)
                .sign(KeyUtils.generateKeyPair(2048).getPrivate());
        assertRejected(forged);
    }

    @Test
    void rejectsAWrongIssuerAndAnExpiredToken() throws Exception {
        String id = registerStudent(email());
        String kid = given().get("/.well-known/jwks.json").then().extract().path("keys[0].kid");
        // Signed with the service's real key: only the claims are wrong.
        String valid = claims(id, ISSUER, Instant.now().plusSeconds(600)).jws().keyId(kid)
                .sign(Keys.serviceSigningKey());
        bearer(valid).get("/api/v1/auth/profile").then().statusCode(200);
        assertRejected(claims(id, "https://evil.example", Instant.now().plusSeconds(600)).jws().keyId(kid)
                .sign(Keys.serviceSigningKey()));
        assertRejected(claims(id, ISSUER, Instant.now().minusSeconds(120)).jws().keyId(kid)
                .sign(Keys.serviceSigningKey()));
    }

    @Test
    void rejectsATamperedPayload() {
        String email = email();
        registerStudent(email);
        String[] parts = ((String) tokens(email, PASSWORD).get("access_token")).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"student\"", "\"admin\"");
        assertTrue(payload.contains("\"admin\""));
        String tampered = parts[0] + "." + b64(payload) + "." + parts[2];
        assertRejected(tampered);
        problem(bearer(tampered).get("/api/v1/auth/users").then(), 401, "invalid-token");
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder claims(String subject, String issuer, Instant expires) {
        return Jwt.issuer(issuer).subject(subject).upn("someone@example.org").groups(Set.of("student"))
                .issuedAt(expires.minusSeconds(900)).expiresAt(expires).claim("jti", UUID.randomUUID().toString());
    }

    private static void assertRejected(String token) {
        problem(bearer(token).get("/api/v1/auth/profile").then(), 401, "invalid-token");
    }

    private static io.restassured.response.ValidatableResponse refresh(String refreshToken) {
        return json().body(Map.of("refresh_token", refreshToken)).post("/api/v1/auth/refresh").then();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
