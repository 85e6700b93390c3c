package io.vtp.local;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** An RFC 9457 problem document, as the gateway answers when it cannot forward a request. */
record Problem(String type, String title, int status, String detail) {

    static final String MEDIA_TYPE = "application/problem+json";

    static Problem routeNotFound(String path) {
        return new Problem("https://vtp.io/problems/route-not-found", "No route", 404,
                "No VTP service serves " + path + " (see deploy/routes.yaml).");
    }

    static Problem serviceNotRunning(String service) {
        return new Problem("https://vtp.io/problems/service-unavailable", "Service unavailable", 502,
                "The " + service + " service is not running in local mode.");
    }

    static Problem serviceNotAnswering(String service) {
        return new Problem("https://vtp.io/problems/service-unavailable", "Service unavailable", 502,
                "The " + service + " service did not answer.");
    }

    Buffer toBuffer() {
        return new JsonObject().put("type", type).put("title", title).put("status", status).put("detail", detail)
                .toBuffer();
    }
}
