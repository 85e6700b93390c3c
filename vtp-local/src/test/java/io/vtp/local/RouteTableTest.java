package io.vtp.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deploy/routes.yaml maps every path as DESIGN.md's "Gateway routes" table says. */
class RouteTableTest {

    private static final RouteTable ROUTES = RouteTable.load(Path.of("..", "deploy", "routes.yaml"));

    /** Sample paths, each with the service DESIGN.md gives; together they exercise every route of the file. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("/api/v1/auth/login", "auth"),
            Map.entry("/api/v1/auth", "auth"),
            Map.entry("/.well-known/jwks.json", "auth"),
            Map.entry("/socket.io/", "signalling"),
            Map.entry("/ws/signalling", "signalling"),
            Map.entry("/api/v1/signalling/health", "signalling"),
            Map.entry("/api/v1/recordings/abc/stream/master.m3u8", "streaming"),
            Map.entry("/api/v1/recordings/abc/transcode", "streaming"),
            Map.entry("/api/v1/recordings/abc/progress", "streaming"),
            Map.entry("/api/v1/recordings/abc/thumbnail", "streaming"),
            Map.entry("/api/v1/recordings/abc/analytics", "analytics"),
            Map.entry("/api/v1/analytics/at-risk", "analytics"),
            Map.entry("/api/v1/recordings/abc", "recording"),
            Map.entry("/api/v1/courses", "course"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/v1/auth/login, auth",
            "/api/v1/auth/refresh, auth",
            "/api/v1/auth, auth",
            "/.well-known/jwks.json, auth",
            "/socket.io/, signalling",
            "/socket.io, signalling",
            "/ws/signalling, signalling",
            "/api/v1/signalling/health, signalling",
            "/api/v1/signalling/rooms/r1, signalling",
            "/api/v1/recordings/abc/stream/master.m3u8, streaming",
            "/api/v1/recordings/abc/stream/720p/segment_0001.m4s, streaming",
            "/api/v1/recordings/abc/stream, streaming",
            "/api/v1/recordings/abc/transcode/progress, streaming",
            "/api/v1/recordings/abc/transcode, streaming",
            "/api/v1/recordings/abc/transcode-jobs, streaming",
            "/api/v1/recordings/abc/progress, streaming",
            "/api/v1/recordings/abc/thumbnail, streaming",
            "/api/v1/recordings/abc/analytics, analytics",
            "/api/v1/analytics/at-risk, analytics",
            "/api/v1/analytics, analytics",
            "/api/v1/recordings/abc, recording",
            "/api/v1/recordings, recording",
            "/api/v1/recordings/, recording",
            "/api/v1/recordings/abc/download, recording",
            "/api/v1/recordings/abc/download-url, recording",
            "/api/v1/recordings/abc/info, recording",
            "/api/v1/recordings/abc/streamx, recording",
            "/api/v1/recordings/abc/progress/extra, recording",
            "/api/v1/recordings/abc/analytics/extra, recording",
            "/api/v1/courses, course",
            "/api/v1/courses/c1/enrollments, course",
    })
    void routesByDesign(String path, String service) {
        assertEquals(service, ROUTES.match(path).map(RouteTable.Route::service).orElse("none"), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/", "/api/v1", "/api/v1/coursesx", "/api/v1/authentication",
            "/.well-known/jwks.json/extra", "/ws/signalling/extra", "/api/v2/courses"})
    void unroutedPathsMatchNothing(String path) {
        assertTrue(ROUTES.match(path).isEmpty(), path);
    }

    @Test
    void everyRouteOfTheFileIsExercisedByTheDesignSamples() {
        Set<RouteTable.Route> exercised = new HashSet<>();
        EXPECTED.forEach((path, service) -> {
            RouteTable.Route route = ROUTES.match(path).orElseThrow(() -> new AssertionError("no route for " + path));
            assertEquals(service, route.service(), path);
            exercised.add(route);
        });
        assertEquals(new HashSet<>(ROUTES.routes()), exercised);
    }

    @Test
    void servicesHaveTheirLocalPortsInFileOrder() {
        assertEquals(List.of("auth", "signalling", "recording", "streaming", "course", "analytics"),
                List.copyOf(ROUTES.servicePorts().keySet()));
        assertEquals(List.of(8081, 8082, 8083, 8084, 8085, 8086), List.copyOf(ROUTES.servicePorts().values()));
    }

    @Test
    void websocketRoutesAreMarked() {
        assertTrue(ROUTES.match("/socket.io/").orElseThrow().websocket());
        assertTrue(ROUTES.match("/ws/signalling").orElseThrow().websocket());
    }

    @Test
    void firstMatchWins() {
        RouteTable table = RouteTable.parse("""
                services: { a: { port: 1001 }, b: { port: 1002 } }
                routes:
                  - { path: "/x/{id}/special", service: a }
                  - { path: /x/**, service: b }
                  - { path: /x/1/special, service: b }
                """);
        assertEquals("a", table.match("/x/1/special").orElseThrow().service());
        assertEquals("b", table.match("/x/1/other").orElseThrow().service());
        assertEquals("b", table.match("/x").orElseThrow().service());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api/x", "/a/**/b", "/a/x**y", "/a/{id", "/a/{}", "/a/*"})
    void malformedPatternsAreRejected(String pattern) {
        String yaml = "services: { a: { port: 1001 } }\nroutes:\n  - { path: \"" + pattern + "\", service: a }\n";
        assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(yaml));
    }

    @Test
    void routeToAnUnknownServiceIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(
                "services: { a: { port: 1001 } }\nroutes:\n  - { path: /x, service: b }\n"));
    }

    @Test
    void serviceWithoutAValidPortIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(
                "services: { a: { port: 0 } }\nroutes: []\n"));
    }

    @Test
    void serviceNamesMustBeSimple() {
        assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(
                "services: { \"a\\\"; DROP\": { port: 1001 } }\nroutes: []\n"));
    }

    @Test
    void malformedFilesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RouteTable.parse("services: [\n"));
        assertThrows(IllegalArgumentException.class, () -> RouteTable.parse("routes: []\n"));
    }
}
