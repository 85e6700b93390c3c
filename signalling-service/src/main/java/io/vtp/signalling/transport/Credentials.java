package io.vtp.signalling.transport;

import io.vtp.signalling.engineio.EngineServer;

/**
 * Where a WebSocket client may put its access token before the upgrade: an
 * {@code Authorization: Bearer} header, or (browsers cannot set headers on a WebSocket) the
 * websockets-next bearer subprotocol {@code quarkus-http-upgrade#Authorization#Bearer <token>}
 * offered beside {@code bearer-token-carrier}.
 */
public final class Credentials {

    static final String SUBPROTOCOL_PREFIX = "quarkus-http-upgrade#authorization#";

    private Credentials() {
    }

    /** The bearer token of the header or the subprotocol list, or null. */
    public static String fromHeaders(String authorization, String subprotocols) {
        String token = EngineServer.bearerOf(authorization);
        if (token != null || subprotocols == null) {
            return token;
        }
        for (String offered : subprotocols.split(",")) {
            String value = offered.trim();
            if (value.regionMatches(true, 0, SUBPROTOCOL_PREFIX, 0, SUBPROTOCOL_PREFIX.length())) {
                String header = value.substring(SUBPROTOCOL_PREFIX.length());
                token = EngineServer.bearerOf(header.replace("%20", " "));
                if (token != null) {
                    return token;
                }
            }
        }
        return null;
    }
}
