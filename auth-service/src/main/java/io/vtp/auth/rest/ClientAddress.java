package io.vtp.auth.rest;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address of the client, for login throttling. Behind the gateway or an ingress this is the
 * forwarded address, which Quarkus takes from trusted proxies only
 * ({@code quarkus.http.proxy.*}).
 */
final class ClientAddress {
    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
