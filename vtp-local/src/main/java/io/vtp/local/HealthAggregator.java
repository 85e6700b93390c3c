package io.vtp.local;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks every started service's {@code /q/health/ready} concurrently and folds the answers into one
 * document: {@code {"status":"UP","services":{"auth":{"status":"UP","url":"http://127.0.0.1:8081"}}}}.
 */
final class HealthAggregator {

    static final String READY_PATH = "/q/health/ready";
    private static final long TIMEOUT_MS = 2_000;

    private final HttpClient client;
    private final Map<String, Integer> servicePorts;

    HealthAggregator(Vertx vertx, Map<String, Integer> servicePorts) {
        this.client = vertx.createHttpClient();
        this.servicePorts = servicePorts;
    }

    /** Completes with the aggregated document; its "status" is "UP" only if every service is ready. */
    Future<JsonObject> check() {
        List<String> names = new ArrayList<>(servicePorts.keySet());
        List<Future<Boolean>> checks = names.stream().map(name -> isReady(servicePorts.get(name))).toList();
        return Future.all(checks).map(ignored -> {
            JsonObject services = new JsonObject();
            boolean allUp = true;
            for (int i = 0; i < names.size(); i++) {
                boolean up = checks.get(i).result();
                allUp &= up;
                services.put(names.get(i), new JsonObject()
                        .put("status", up ? "UP" : "DOWN")
                        .put("url", "http://127.0.0.1:" + servicePorts.get(names.get(i))));
            }
            return new JsonObject().put("status", allUp ? "UP" : "DOWN").put("services", services);
        });
    }

    private Future<Boolean> isReady(int port) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                .setURI(READY_PATH).setConnectTimeout(TIMEOUT_MS).setIdleTimeout(TIMEOUT_MS);
        return client.request(request)
                .compose(HttpClientRequest::send)
                .compose(response -> response.body().map(body -> response.statusCode() == 200))
                .otherwise(false);
    }
}
