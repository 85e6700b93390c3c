package io.vtp.analytics.service;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vtp.testsupport.PostgresResource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which ingest failures dead-letter events: failures the PostgreSQL client really raises. An
 * unreachable or vanishing database must never send good events to the dead-letter topic; events
 * PostgreSQL refuses (bad UTF-8, a constraint) still go there.
 */
class DatabaseUnavailableTest {

    private static Vertx vertx;
    private static EmbeddedPostgres server;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = PostgresResource.server();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aDatabaseThatCannotBeReachedIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Throwable failure = failureOf(closedPort, "select 1");
        assertTrue(IngestService.databaseUnavailable(failure), String.valueOf(failure));
    }

    @Test
    void aConnectionTheServerEndsIsUnavailable() throws Exception {
        Throwable failure = failureOf(server.getPort(), "select pg_terminate_backend(pg_backend_pid())");
        assertTrue(IngestService.databaseUnavailable(failure), String.valueOf(failure));
    }

    @Test
    void eventsTheDatabaseRefusesAreNot() throws Exception {
        Throwable badUtf8 = failureOf(server.getPort(), "select convert_from('\\xff'::bytea, 'UTF8')");
        assertFalse(IngestService.databaseUnavailable(badUtf8), String.valueOf(badUtf8));
        Throwable constraint = failureOf(server.getPort(),
                "create temporary table t (k int primary key); insert into t values (1), (1)");
        assertFalse(IngestService.databaseUnavailable(constraint), String.valueOf(constraint));
        assertFalse(IngestService.databaseUnavailable(new IllegalArgumentException("a fact the rollups cannot take")));
    }

    /** Runs {@code sql} on a connection to {@code port} and answers how it failed (it must fail). */
    private static Throwable failureOf(int port, String sql) throws Exception {
        PgConnectOptions options = new PgConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase("postgres")
                .setUser("postgres").setPassword("postgres").setConnectTimeout(5_000);
        Pool pool = Pool.pool(vertx, options, new PoolOptions().setMaxSize(1));
        try {
            pool.withConnection(conn -> conn.query(sql).execute()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertNotNull(e.getCause());
            return e.getCause();
        } finally {
            pool.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        throw new AssertionError("expected " + options.getPort() + " to fail");
    }
}
