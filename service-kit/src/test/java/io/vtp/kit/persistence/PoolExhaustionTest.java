package io.vtp.kit.persistence;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.vtp.kit.testapp.Problems.assertNoLeaks;
import static io.vtp.kit.testapp.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request that finds every connection of the pool taken waits {@code vtp.kit.db.acquire-timeout}
 * (1 s in the kit's tests, 10 s by default, Vert.x's own 30 s without the kit) and is then answered
 * 503 with Retry-After, not 500; once connections are free again the same request succeeds.
 */
@QuarkusTest
class PoolExhaustionTest {

    @Inject
    Pool pool;

    @Inject
    PoolConfig config;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int maxSize;

    @Test
    void aRequestThatFindsNoFreeConnectionIsAnswered503WithRetryAfter() {
        given().get("/kit-test/outbox-count").then().statusCode(200);
        List<SqlConnection> held = new ArrayList<>();
        try {
            takeAll(held);
            long started = System.nanoTime();
            Response response = given().get("/kit-test/outbox-count");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertProblem(response, 503, "unavailable");
            assertEquals("2", response.header("Retry-After"));
            assertNoLeaks(response.asString());
            assertTrue(waited.compareTo(config.acquireTimeout().minusMillis(100)) >= 0
                            && waited.compareTo(config.acquireTimeout().plusSeconds(5)) < 0,
                    "answered after the configured wait (" + config.acquireTimeout() + "), not Vert.x's 30 s: " + waited);
        } finally {
            held.forEach(c -> c.close().await().atMost(Duration.ofSeconds(10)));
        }
        given().get("/kit-test/outbox-count").then().statusCode(200);
    }

    @Test
    void recognisesBothWaysThePoolReportsTheWait() {
        assertTrue(PoolExhaustion.isCause(new RuntimeException(new io.vertx.core.impl.NoStackTraceThrowable("Timeout"))));
        assertTrue(PoolExhaustion.isCause(new io.vertx.core.VertxException("Timeout waiting for connection", true)));
        assertEquals(false, PoolExhaustion.isCause(new io.vertx.core.impl.NoStackTraceThrowable("Connection refused")));
        assertEquals(false, PoolExhaustion.isCause(new IllegalStateException("Timeout")));
    }

    /** Every connection of the pool; the outbox relay may hold one for a moment, so a timed-out take is tried again. */
    private void takeAll(List<SqlConnection> held) {
        int failures = 0;
        while (held.size() < maxSize) {
            try {
                held.add(pool.getConnection().await().atMost(Duration.ofSeconds(10)));
            } catch (RuntimeException e) {
                assertTrue(++failures < 10, "could not take the pool's connections: " + e);
            }
        }
    }
}
