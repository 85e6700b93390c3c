package io.vtp.streaming.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Segments leave through Netty's native epoll transport on Linux (16 % less CPU per segment than
 * NIO in bench/streaming-bench.sh; docs/performance.md). Fails when the native library
 * goes missing from the build or the setting is dropped, which would otherwise only show as a
 * slower benchmark.
 */
@QuarkusTest
class NativeTransportTest {

    @Inject
    Vertx vertx;

    @Test
    void theHttpServerRunsOnNettysNativeTransport() {
        String arch = System.getProperty("os.arch");
        boolean linuxWithALibrary = System.getProperty("os.name").startsWith("Linux")
                && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"));
        if (linuxWithALibrary) {
            assertTrue(vertx.isNativeTransportEnabled(),
                    "Vert.x fell back to NIO: " + io.netty.channel.epoll.Epoll.unavailabilityCause());
        }
        // and the server on it answers
        given().get("/q/health/live").then().statusCode(200);
    }
}
