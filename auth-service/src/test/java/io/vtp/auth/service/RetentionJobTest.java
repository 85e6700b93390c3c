package io.vtp.auth.service;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vtp.auth.support.Api;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.MutableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.vtp.auth.support.Api.PASSWORD;
import static io.vtp.auth.support.Api.email;
import static io.vtp.auth.support.Api.json;
import static io.vtp.auth.support.Api.registerStudent;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The one retention job: dead session families, expired tokens and old login failures go once
 * they are past the grace period, live ones stay. Time moves with the service's own clock; no row
 * is edited by hand.
 */
@QuarkusTest
class RetentionJobTest {

    @Inject
    RetentionJob retention;

    @Test
    void purgesWhatCanNeverMatterAgainAndKeepsLiveSessions() throws Throwable {
        String email = email();
        UUID userId = UUID.fromString(registerStudent(email));
        Api.tokens(email, PASSWORD);                                           // a live session
        String ended = (String) Api.tokens(email, PASSWORD).get("refresh_token");
        json().body(Map.of("refresh_token", ended)).post("/api/v1/auth/logout").then().statusCode(204);
        Api.login(email, "Wrong-Password-1", Api.clientAddress()).statusCode(401);   // a login failure
        assertEquals(2, families(userId));
        assertEquals(1, Db.count("select count(f) from LoginFailure f where f.email = ?1", email));

        MutableClock clock = MutableClock.startingNow();
        QuarkusMock.installMockForType(clock, Clock.class);

        clock.advance(Duration.ofHours(2));                       // within the grace of the logout
        purge();
        assertEquals(2, families(userId));
        assertEquals(0, Db.count("select count(f) from LoginFailure f where f.email = ?1", email),
                "failures leave with the throttling window (15 min)");

        clock.advance(Duration.ofDays(2));                        // the logged-out family is dead for a day
        purge();
        assertEquals(1, families(userId), "the revoked family goes, the live one stays");

        clock.set(Instant.now().plus(Duration.ofDays(32)));       // the live session's token expired 1 d ago
        purge();
        assertEquals(0, families(userId));
        assertEquals(0, Db.count("select count(t) from RefreshToken t where t.familyId in"
                + " (select f.id from RefreshTokenFamily f where f.userId = ?1)", userId));
    }

    private void purge() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> retention.purge());
    }

    private static long families(UUID userId) {
        return Db.count("select count(f) from RefreshTokenFamily f where f.userId = ?1", userId);
    }
}
