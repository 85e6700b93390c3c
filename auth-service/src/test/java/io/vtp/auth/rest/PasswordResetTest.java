package io.vtp.auth.rest;

import io.vtp.testsupport.Db;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusMock;
import io.vtp.testsupport.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.vtp.auth.security.OpaqueTokens;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.vtp.auth.support.Api.PASSWORD;
import static io.vtp.auth.support.Api.clientAddress;
import static io.vtp.auth.support.Api.email;
import static io.vtp.auth.support.Api.json;
import static io.vtp.auth.support.Api.login;
import static io.vtp.auth.support.Api.registerStudent;
import static io.vtp.auth.support.Api.tokens;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PasswordResetTest {

    private static final String NEW_PASSWORD = "Brand-New-Pass-3";

    @Inject
    MockMailbox mailbox;


    @BeforeEach
    void clearMailbox() {
        mailbox.clear();
    }

    @Test
    void aMailedTokenResetsThePasswordOnceAndEndsEverySession() {
        String email = email();
        registerStudent(email);
        Map<String, Object> session = tokens(email, PASSWORD);

        forgot(email).statusCode(202).body(emptyString());
        String token = tokenFromMail(email);

        json().body(Map.of("token", token, "new_password", NEW_PASSWORD)).post("/api/v1/auth/reset-password")
                .then().statusCode(204);
        login(email, NEW_PASSWORD, clientAddress()).statusCode(200);
        login(email, PASSWORD, clientAddress()).statusCode(401);
        problem(json().body(Map.of("refresh_token", session.get("refresh_token"))).post("/api/v1/auth/refresh")
                .then(), 401, "invalid-token");
        // Single use.
        problem(json().body(Map.of("token", token, "new_password", "Third-Password-4"))
                .post("/api/v1/auth/reset-password").then(), 400, "validation-failed")
                .body("errors.field", hasItem("token"));
        login(email, NEW_PASSWORD, clientAddress()).statusCode(200);
    }

    @Test
    void neverRevealsWhetherAnAddressHasAnAccount() {
        String unknown = email();
        String body = forgot(unknown).statusCode(202).extract().asString();
        assertEquals("", body);
        // A known address sent afterwards gets its mail; the unknown one never got any.
        String known = email();
        registerStudent(known);
        forgot(known).statusCode(202);
        tokenFromMail(known);
        assertTrue(mailbox.getMailsSentTo(unknown) == null || mailbox.getMailsSentTo(unknown).isEmpty());
        problem(forgot("not-an-address"), 400, "validation-failed");
        problem(json().body(Map.of()).post("/api/v1/auth/forgot-password").then(), 400, "validation-failed");
    }

    @Test
    void atMostThreeResetMailsPerHourReachAnAccount() {
        String email = email();
        registerStudent(email);
        // Concurrent requests, as a script flooding someone's mailbox would send them.
        java.util.stream.IntStream.range(0, 8).parallel().forEach(i -> forgot(email).statusCode(202));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> mailbox.getMailsSentTo(email) != null && mailbox.getMailsSentTo(email).size() >= 3);
        org.awaitility.Awaitility.await().during(java.time.Duration.ofSeconds(1)).atMost(java.time.Duration.ofSeconds(3))
                .until(() -> mailbox.getMailsSentTo(email).size() == 3);
    }

    @Test
    void storesOnlyAHashOfTheToken() {
        String email = email();
        registerStudent(email);
        forgot(email).statusCode(202);
        String token = tokenFromMail(email);
        long stored = Db.count("select count(t) from PasswordResetToken t where t.tokenHash = ?1", OpaqueTokens.hash(token));
        long plain = Db.count("select count(t) from PasswordResetToken t where t.tokenHash = ?1", token);
        assertEquals(1, stored);
        assertEquals(0, plain);
    }

    @Test
    void anExpiredTokenIsRejected() {
        String email = email();
        registerStudent(email);
        forgot(email).statusCode(202);
        String token = tokenFromMail(email);
        // 31 minutes later (tokens live 30): the service's own clock says so, no row is edited.
        QuarkusMock.installMockForType(MutableClock.startingNow().advance(Duration.ofMinutes(31)), Clock.class);
        problem(json().body(Map.of("token", token, "new_password", NEW_PASSWORD)).post("/api/v1/auth/reset-password")
                .then(), 400, "validation-failed");
        login(email, PASSWORD, clientAddress()).statusCode(200);
    }

    @Test
    void validatesTheNewPasswordAndTheToken() {
        String email = email();
        registerStudent(email);
        forgot(email).statusCode(202);
        String token = tokenFromMail(email);
        problem(json().body(Map.of("token", token, "new_password", "weak")).post("/api/v1/auth/reset-password")
                .then(), 400, "validation-failed").body("errors.field", hasItem("new_password"));
        problem(json().body(Map.of("token", "forged", "new_password", NEW_PASSWORD))
                .post("/api/v1/auth/reset-password").then(), 400, "validation-failed");
        // The weak attempt did not use the token up.
        json().body(Map.of("token", token, "new_password", NEW_PASSWORD)).post("/api/v1/auth/reset-password")
                .then().statusCode(204);
    }

    private static io.restassured.response.ValidatableResponse forgot(String email) {
        return json().body(Map.of("email", email)).post("/api/v1/auth/forgot-password").then();
    }

    private String tokenFromMail(String email) {
        // The mail is sent after the 202, in the background.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> mailbox.getMailsSentTo(email) != null && !mailbox.getMailsSentTo(email).isEmpty());
        List<Mail> mails = mailbox.getMailsSentTo(email);
        assertEquals(1, mails.size(), "one reset mail for " + email);
        // VTP_AUTH_MAIL_FROM (set for this test JVM in the pom) decides the sender.
        assertEquals("reset-sender@vtp.test", mails.get(0).getFrom());
        Matcher m = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(mails.get(0).getText());
        assertTrue(m.find(), mails.get(0).getText());
        return m.group(1);
    }
}
