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

    /**
     * A request rejected by an HTTP layer. 414 and 431 are the usual ones; any other status gets
     * {@code about:blank} and its reason phrase (RFC 9457), never the type of another status.
     */
    static Problem invalidRequest(int status) {
        return switch (status) {
            case 414 -> new Problem("https://vtp.io/problems/uri-too-long", "URI too long", 414,
                    "The request URL is longer than the server accepts (4 KiB).");
            case 431 -> new Problem("https://vtp.io/problems/headers-too-large", "Request headers too large", 431,
                    "The request headers are larger than the server accepts (8 KiB).");
            default -> new Problem("about:blank", io.netty.handler.codec.http.HttpResponseStatus.valueOf(status)
                    .reasonPhrase(), status, "The request could not be processed.");
        };
    }

    Buffer toBuffer() {
        return new JsonObject().put("type", type).put("title", title).put("status", status).put("detail", detail)
                .toBuffer();
    }
}
