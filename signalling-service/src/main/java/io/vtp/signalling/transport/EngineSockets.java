package io.vtp.signalling.transport;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import io.vtp.signalling.engineio.EngineError;
import io.vtp.signalling.engineio.EngineServer;
import io.vtp.signalling.engineio.EngineSession;
import org.jboss.logging.Logger;

/**
 * The WebSocket transport of one Engine.IO server, on the Vert.x route of its path (the same route
 * as its long-polling requests): a bad upgrade (broken Engine.IO query, unknown session) is refused
 * with its HTTP status and problem+json body before the socket exists; an accepted socket's frames go straight to the
 * session from the connection's event loop. Subprotocols, frame and message size limits and
 * per-message compression are the HTTP server's WebSocket options, which websockets-next's
 * configuration sets for every WebSocket of the service (application.properties).
 */
final class EngineSockets {

    private static final Logger LOG = Logger.getLogger(EngineSockets.class);

    private final EngineServer server;

    EngineSockets(EngineServer server) {
        this.server = server;
    }

    static boolean isUpgrade(HttpServerRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
    }

    /** Answers a WebSocket upgrade request on this server's path. */
    void upgrade(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        EngineError error = request.getHeader("Sec-WebSocket-Key") == null
                || !"13".equals(request.getHeader("Sec-WebSocket-Version"))
                ? EngineError.BAD_REQUEST // Vert.x would answer these itself, without a body
                : server.checkUpgrade(request.uri());
        if (error != null) {
            server.respondError(ctx.response(), error); // the same problem+json as a poll gets
            return;
        }
        String token = Credentials.fromHeaders(request.getHeader(HttpHeaders.AUTHORIZATION),
                request.getHeader("Sec-WebSocket-Protocol"));
        String uri = request.uri();
        request.toWebSocket().onSuccess(socket -> open(socket, uri, token)).onFailure(failure -> {
            // a handshake Vert.x cannot complete (no key, a wrong version): answered unless Vert.x already did
            LOG.debugf("a WebSocket upgrade failed: %s", failure.getMessage());
            server.respondError(ctx.response(), EngineError.BAD_REQUEST);
        });
    }

    private void open(ServerWebSocket socket, String uri, String token) {
        WebSocketChannel channel = new WebSocketChannel(socket);
        EngineSession session = server.openWebSocket(channel, uri, token);
        if (session == null) {
            channel.close();
            return;
        }
        // frames arrive on this connection's event loop, after this method returns
        socket.textMessageHandler(text -> server.onText(session, channel, text));
        socket.binaryMessageHandler(data -> server.onBinary(session, channel, data.getBytes()));
        socket.exceptionHandler(failure -> LOG.debugf("WebSocket error (the client is gone): %s", failure.getMessage()));
        socket.closeHandler(closed -> server.onWebSocketClosed(session, channel));
    }
}
