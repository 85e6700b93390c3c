package io.vtp.local;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local gateway: {@code GET /health} aggregates the services' readiness, every other request is
 * reverse-proxied (HTTP and WebSocket upgrades) to the service that the route table names.
 */
public final class Gateway implements AutoCloseable {

    static final String BIND_HOST = "127.0.0.1";

    private final Vertx vertx;
    private final HttpServer server;

    private Gateway(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts the gateway on {@code port} (0 picks a free one) and routes to the {@code running} services. */
    public static Gateway start(RouteTable routes, Set<String> running, int port) {
        Vertx vertx = Vertx.vertx();
        try {
            Map<String, Integer> runningPorts = new LinkedHashMap<>();
            routes.servicePorts().forEach((name, servicePort) -> {
                if (running.contains(name)) {
                    runningPorts.put(name, servicePort);
                }
            });
            Router router = router(vertx, routes, runningPorts);
            // No h2c upgrade: on that path Vert.x answers oversized requests itself, with an empty body.
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                    .requestHandler(router)
                    .invalidRequestHandler(Gateway::invalidRequest)
                    .listen(port, BIND_HOST)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new Gateway(vertx, server);
        } catch (Exception e) {
            vertx.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot start the gateway on port " + port + ": " + cause.getMessage(), cause);
        }
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("vtp: the gateway did not stop cleanly: " + e.getMessage());
        }
    }

    private static Router router(Vertx vertx, RouteTable routes, Map<String, Integer> runningPorts) {
        HealthAggregator health = new HealthAggregator(vertx, runningPorts);
        // Browsers keep several long requests open per service (SSE progress, HLS segments, uploads):
        // allow more than Vert.x's default of 5 connections per service.
        HttpClient client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(64));
        Map<String, HttpProxy> proxies = new LinkedHashMap<>();
        runningPorts.forEach((name, port) -> proxies.put(name, HttpProxy.reverseProxy(client)
                .origin(context -> context.client().request(new RequestOptions().setHost(BIND_HOST).setPort(port)))
                .addInterceptor(problemWhenUnanswered(name))));

        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> health.check().onSuccess(doc -> ctx.response()
                .setStatusCode("UP".equals(doc.getString("status")) ? 200 : 503)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(doc.toBuffer())));
        router.route().handler(ctx -> forward(ctx, routes, proxies));
        return router;
    }

    private static void forward(RoutingContext ctx, RouteTable routes, Map<String, HttpProxy> proxies) {
        String path = ctx.normalizedPath();
        RouteTable.Route route = routes.match(path).orElse(null);
        if (route == null) {
            sendProblem(ctx, Problem.routeNotFound(path));
            return;
        }
        HttpProxy proxy = proxies.get(route.service());
        if (proxy == null) {
            sendProblem(ctx, Problem.serviceNotRunning(route.service()));
            return;
        }
        addForwardedHeaders(ctx.request());
        proxy.handle(ctx.request());
    }

    /** X-Forwarded-For/Proto/Host as a reverse proxy at the edge sets them; the proxy copies them on. */
    private static void addForwardedHeaders(HttpServerRequest request) {
        MultiMap headers = request.headers();
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String earlier = headers.get("X-Forwarded-For");
        headers.set("X-Forwarded-For", earlier == null ? client : earlier + ", " + client);
        headers.set("X-Forwarded-Proto", request.scheme());
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
    }

    /**
     * A request the HTTP layer could not even decode (a URL over 4 KiB, headers over 8 KiB, a broken
     * request line) gets the same problem+json as everything else, not a bare status line.
     */
    private static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = cause instanceof io.netty.handler.codec.http.TooLongHttpLineException ? 414
                : cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException ? 431 : 400;
        Problem problem = Problem.invalidRequest(status);
        request.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem.toBuffer());
    }

    /**
     * Turns "could not reach the service" into a 502 problem document instead of an empty 502, and
     * gives an error a service answered without any body (its HTTP layer's 414, 431 or 400) a
     * problem document too.
     */
    private static ProxyInterceptor problemWhenUnanswered(String service) {
        return new ProxyInterceptor() {
            @Override
            public Future<Void> handleProxyResponse(ProxyContext context) {
                ProxyResponse response = context.response();
                boolean bodiless = response.headers().get(HttpHeaders.CONTENT_TYPE) == null
                        && (response.getBody() == null || response.getBody().length() == 0);
                if (response.getStatusCode() >= 400 && bodiless) {
                    Problem problem = Problem.invalidRequest(response.getStatusCode());
                    response.headers().remove(HttpHeaders.CONTENT_LENGTH).remove(HttpHeaders.TRANSFER_ENCODING);
                    response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                            .setBody(Body.body(problem.toBuffer()));
                }
                return context.sendResponse();
            }

            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                return context.sendRequest().recover(failure -> {
                    Problem problem = Problem.serviceNotAnswering(service);
                    return Future.succeededFuture(context.request().release().response()
                            .setStatusCode(problem.status())
                            .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                            .setBody(Body.body(problem.toBuffer())));
                });
            }
        };
    }

    private static void sendProblem(RoutingContext ctx, Problem problem) {
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(problem.toBuffer());
    }
}
