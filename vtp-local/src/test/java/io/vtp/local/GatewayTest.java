package io.vtp.local;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway against two real backend HTTP servers, with a real HTTP and WebSocket client. */
class GatewayTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicBoolean BETA_READY = new AtomicBoolean(true);

    private static Vertx vertx;
    private static int alphaPort;
    private static int betaPort;
    private static int deadPort;
    private static Gateway gateway;
    private static Gateway gatewayWithDeadBackend;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        alphaPort = backend("alpha", () -> true);
        betaPort = backend("beta", BETA_READY::get);
        deadPort = freePort();
        RouteTable routes = RouteTable.parse("""
                services:
                  alpha: { port: %d }
                  beta: { port: %d }
                  dead: { port: %d }
                  ghost: { port: %d }
                routes:
                  - { path: /api/alpha/**, service: alpha, websocket: true }
                  - { path: "/api/beta/{id}/thing**", service: beta }
                  - { path: /api/dead/**, service: dead }
                  - { path: /api/ghost/**, service: ghost }
                """.formatted(alphaPort, betaPort, deadPort, freePort()));
        gateway = Gateway.start(routes, Set.of("alpha", "beta"), 0);
        gatewayWithDeadBackend = Gateway.start(routes, Set.of("alpha", "dead"), 0);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        gatewayWithDeadBackend.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void proxiesMethodPathQueryBodyAndHeaders() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gatewayUri(gateway, "/api/alpha/items?x=1&y=two"))
                .POST(HttpRequest.BodyPublishers.ofString("hello"))
                .header("X-Test", "yes")
                .header("Content-Type", "text/plain"));

        assertEquals(201, response.statusCode());
        assertEquals("alpha", response.headers().firstValue("X-Backend").orElseThrow());
        JsonObject echo = new JsonObject(response.body());
        assertEquals("alpha", echo.getString("backend"));
        assertEquals("POST", echo.getString("method"));
        assertEquals("/api/alpha/items?x=1&y=two", echo.getString("uri"));
        assertEquals("hello", echo.getString("body"));
        assertEquals("yes", echo.getString("x-test"));
        assertEquals("text/plain", echo.getString("content-type"));
        assertEquals("127.0.0.1", echo.getString("x-forwarded-for"));
        assertEquals("http", echo.getString("x-forwarded-proto"));
        assertEquals("127.0.0.1:" + gateway.port(), echo.getString("x-forwarded-host"));
    }

    @Test
    void appendsToAnExistingForwardedFor() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gatewayUri(gateway, "/api/alpha"))
                .header("X-Forwarded-For", "203.0.113.7").DELETE());

        assertEquals(200, response.statusCode());
        JsonObject echo = new JsonObject(response.body());
        assertEquals("DELETE", echo.getString("method"));
        assertEquals("203.0.113.7, 127.0.0.1", echo.getString("x-forwarded-for"));
    }

    @Test
    void routesByTheTable() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gatewayUri(gateway, "/api/beta/42/thingamajig")));

        assertEquals(200, response.statusCode());
        JsonObject echo = new JsonObject(response.body());
        assertEquals("beta", echo.getString("backend"));
        assertEquals("GET", echo.getString("method"));
        assertEquals("/api/beta/42/thingamajig", echo.getString("uri"));
    }

    @Test
    void webSocketUpgradeIsProxied() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = CLIENT.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + gateway.port() + "/api/alpha/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        socket.sendText("ping", true).get(10, TimeUnit.SECONDS);

        assertEquals("alpha echoes ping (forwarded for 127.0.0.1)", reply.get(10, TimeUnit.SECONDS));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void unmatchedPathIsAProblem404() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gatewayUri(gateway, "/nope?x=1")));

        assertProblem(response, 404, "https://vtp.io/problems/route-not-found");
    }

    @Test
    void serviceThatIsNotRunningIsAProblem502() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gatewayUri(gateway, "/api/ghost/x")));

        assertProblem(response, 502, "https://vtp.io/problems/service-unavailable");
    }

    @Test
    void backendThatDoesNotAnswerIsAProblem502() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gatewayUri(gatewayWithDeadBackend, "/api/dead/x"))
                .POST(HttpRequest.BodyPublishers.ofString("lost")));

        assertProblem(response, 502, "https://vtp.io/problems/service-unavailable");
    }

    @Test
    void aUrlTooLongForTheHttpLayerIsAProblem414() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                gatewayUri(gateway, "/api/alpha/x?q=" + "a".repeat(8_000))));

        assertProblem(response, 414, "https://vtp.io/problems/uri-too-long");
    }

    @Test
    void headersTooLargeForTheHttpLayerAreAProblem431() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gatewayUri(gateway, "/api/alpha/x"))
                .header("X-Big", "b".repeat(10_000)));

        assertProblem(response, 431, "https://vtp.io/problems/headers-too-large");
    }

    @Test
    void anErrorTheServiceAnsweredWithoutABodyBecomesAProblem() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(gatewayUri(gateway, "/api/alpha/bare-409")));

        assertProblem(response, 409, "about:blank");
        assertEquals("Conflict", new JsonObject(response.body()).getString("title"));
    }

    @Test
    void healthAggregatesTheReadinessOfTheRunningServices() throws Exception {
        HttpResponse<String> up = send(HttpRequest.newBuilder(gatewayUri(gateway, "/health")));
        assertEquals(200, up.statusCode());
        assertEquals("application/json", up.headers().firstValue("Content-Type").orElseThrow());
        JsonObject upDoc = new JsonObject(up.body());
        assertEquals("UP", upDoc.getString("status"));
        assertEquals(Set.of("alpha", "beta"), upDoc.getJsonObject("services").fieldNames());
        assertEquals(new JsonObject().put("status", "UP").put("url", "http://127.0.0.1:" + alphaPort),
                upDoc.getJsonObject("services").getJsonObject("alpha"));

        BETA_READY.set(false);
        try {
            HttpResponse<String> down = send(HttpRequest.newBuilder(gatewayUri(gateway, "/health")));
            assertEquals(503, down.statusCode());
            JsonObject downDoc = new JsonObject(down.body());
            assertEquals("DOWN", downDoc.getString("status"));
            assertEquals("UP", downDoc.getJsonObject("services").getJsonObject("alpha").getString("status"));
            assertEquals("DOWN", downDoc.getJsonObject("services").getJsonObject("beta").getString("status"));
        } finally {
            BETA_READY.set(true);
        }

        HttpResponse<String> deadDown = send(HttpRequest.newBuilder(gatewayUri(gatewayWithDeadBackend, "/health")));
        assertEquals(503, deadDown.statusCode());
        assertEquals("DOWN", new JsonObject(deadDown.body()).getJsonObject("services").getJsonObject("dead").getString("status"));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonObject problem = new JsonObject(response.body());
        assertEquals(type, problem.getString("type"));
        assertEquals(status, problem.getInteger("status"));
        assertTrue(!problem.getString("title").isBlank() && !problem.getString("detail").isBlank(), response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI gatewayUri(Gateway target, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + target.port() + pathAndQuery);
    }

    /** A backend that echoes each request as JSON, answers its readiness probe and echoes WebSocket text. */
    private static int backend(String name, java.util.function.BooleanSupplier ready) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .webSocketHandler(ws -> {
                    String forwardedFor = ws.headers().get("X-Forwarded-For");
                    ws.textMessageHandler(text -> ws.writeTextMessage(
                            name + " echoes " + text + " (forwarded for " + forwardedFor + ")"));
                })
                .requestHandler(request -> {
                    if (request.path().endsWith("/bare-409")) {
                        request.response().setStatusCode(409).end(); // an error without a body
                    } else if (request.path().equals(HealthAggregator.READY_PATH)) {
                        request.response().setStatusCode(ready.getAsBoolean() ? 200 : 503).end();
                    } else {
                        request.body().onSuccess(body -> request.response()
                                .setStatusCode(request.method().name().equals("POST") ? 201 : 200)
                                .putHeader("X-Backend", name)
                                .putHeader("Content-Type", "application/json")
                                .end(echo(name, request, body.toString()).toBuffer()));
                    }
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private static JsonObject echo(String name, HttpServerRequest request, String body) {
        JsonObject echo = new JsonObject().put("backend", name).put("method", request.method().name())
                .put("uri", request.uri()).put("body", body);
        for (String header : new String[] {"x-test", "content-type", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"}) {
            echo.put(header, request.getHeader(header));
        }
        return echo;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
