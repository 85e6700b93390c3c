package io.vtp.signalling.engineio;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An Engine.IO v4 server on one path: the long-polling requests (GET and POST, through
 * {@link #handle(RoutingContext)}) and the WebSockets (through {@link #openWebSocket}), the
 * handshake, upgrades from polling to WebSocket, and the heartbeat. The layer above is an
 * {@link EngineHandler}. The session table lives in this instance's memory.
 */
public final class EngineServer {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PROBLEMS = "https://vtp.io/problems/";

    private final Vertx vertx;
    private final EngineHandler handler;
    private final Duration pingInterval;
    private final Duration pingTimeout;
    private final int maxPayload;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();

    public EngineServer(Vertx vertx, EngineHandler handler, Duration pingInterval, Duration pingTimeout, int maxPayload) {
        this.vertx = vertx;
        this.handler = handler;
        this.pingInterval = pingInterval;
        this.pingTimeout = pingTimeout;
        this.maxPayload = maxPayload;
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** A long-polling request (any method) on the server's path. */
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Map<String, String> query = query(request.uri());
        EngineError invalid = validate(query, false);
        if (invalid != null) {
            respondError(request.response(), invalid);
            return;
        }
        String sid = query.get("sid");
        if (sid == null) {
            if (request.method() != HttpMethod.GET) {
                respondError(request.response(), EngineError.BAD_HANDSHAKE_METHOD);
                return;
            }
            handshake(request, query);
            return;
        }
        EngineSession session = sessions.get(sid);
        if (session == null) {
            respondError(request.response(), EngineError.UNKNOWN_SID);
        } else if (request.method() == HttpMethod.GET) {
            session.onPoll(request.response());
        } else if (request.method() == HttpMethod.POST) {
            readBody(ctx, body -> receivePayload(request.response(), session, body));
        } else {
            respondError(request.response(), EngineError.BAD_REQUEST);
        }
    }

    /**
     * Whether a WebSocket upgrade with this query may proceed (null) or why not. Checked before
     * the upgrade, so a refused client gets an HTTP error instead of a socket that closes.
     */
    public EngineError checkUpgrade(String uri) {
        Map<String, String> query = query(uri);
        EngineError invalid = validate(query, true);
        if (invalid != null) {
            return invalid;
        }
        String sid = query.get("sid");
        if (sid != null && !sessions.containsKey(sid)) {
            return EngineError.UNKNOWN_SID;
        }
        // a second WebSocket for a session that upgraded (or is upgrading) is accepted and closed at once,
        // as the reference server does: clients see a closed socket, not a failed handshake
        return null;
    }

    /**
     * A WebSocket was opened: a new session (no sid) or the probe of an upgrade. Returns the
     * session, or null when the socket must be closed.
     */
    public EngineSession openWebSocket(Channel channel, String uri, String bearerToken) {
        Map<String, String> query = query(uri);
        if (validate(query, true) != null) {
            return null;
        }
        String sid = query.get("sid");
        if (sid != null) {
            EngineSession session = sessions.get(sid);
            if (session == null) {
                return null;
            }
            return session.offerProbe(channel) ? session : null;
        }
        EngineSession session = new EngineSession(newId(), this, new Handshake(query, bearerToken),
                EngineSession.Transport.WEBSOCKET, channel);
        sessions.put(session.id(), session);
        channel.sendText(EnginePacket.Type.OPEN.digit() + openPayload(session, List.of()));
        session.schedulePing();
        handler.onOpen(session);
        return session;
    }

    /** A text frame on a session's WebSocket. */
    public void onText(EngineSession session, Channel channel, String text) {
        EnginePacket packet;
        try {
            packet = EngineCodec.decode(text);
        } catch (EngineProtocolException e) {
            protocolError(session, channel);
            return;
        }
        try {
            session.onFrame(channel, packet);
        } catch (EngineProtocolException e) {
            protocolError(session, channel);
        }
    }

    /** A binary frame: a binary message. */
    public void onBinary(EngineSession session, Channel channel, byte[] data) {
        session.onFrame(channel, EnginePacket.message(data));
    }

    /** A session's WebSocket closed (the client left, or the network dropped it). */
    public void onWebSocketClosed(EngineSession session, Channel channel) {
        session.onChannelClosed(channel);
    }

    /** Ends every session (the service is stopping). */
    public void closeAll(String reason) {
        sessions.values().forEach(session -> session.close(reason));
    }

    // --- for EngineSession ----------------------------------------------------------------------

    Vertx vertx() {
        return vertx;
    }

    EngineHandler handler() {
        return handler;
    }

    Duration pingInterval() {
        return pingInterval;
    }

    Duration pingTimeout() {
        return pingTimeout;
    }

    public int maxPayload() {
        return maxPayload;
    }

    void forget(EngineSession session) {
        sessions.remove(session.id(), session);
    }

    void respondPayload(HttpServerResponse response, List<EnginePacket> packets) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.putHeader("Content-Type", "text/plain; charset=UTF-8")
                .putHeader("Cache-Control", "no-store")
                .end(EngineCodec.encodePayload(packets));
    }

    /** An Engine.IO error as problem+json with the protocol's {@code code} and {@code message}. */
    public void respondError(HttpServerResponse response, EngineError error) {
        if (response.ended() || response.closed()) {
            return;
        }
        String slug = "engine-io-" + error.name().toLowerCase().replace('_', '-');
        String body = "{\"type\":\"" + PROBLEMS + slug + "\",\"title\":\"" + error.message() + "\",\"status\":"
                + error.status() + ",\"detail\":\"Engine.IO error " + error.code() + ": " + error.message()
                + "\",\"code\":" + error.code() + ",\"message\":\"" + error.message() + "\"}";
        response.setStatusCode(error.status())
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Cache-Control", "no-store")
                .end(body);
    }

    // --- internals ------------------------------------------------------------------------------

    private void handshake(HttpServerRequest request, Map<String, String> query) {
        EngineSession session = new EngineSession(newId(), this, new Handshake(query, bearer(request)),
                EngineSession.Transport.POLLING, null);
        sessions.put(session.id(), session);
        String open = EnginePacket.Type.OPEN.digit() + openPayload(session, List.of("websocket"));
        request.response().putHeader("Content-Type", "text/plain; charset=UTF-8")
                .putHeader("Cache-Control", "no-store")
                .end(open);
        session.schedulePing();
        handler.onOpen(session);
    }

    private void receivePayload(HttpServerResponse response, EngineSession session, Buffer body) {
        if (body == null) {
            return; // the client went away mid-body
        }
        List<EnginePacket> packets;
        try {
            packets = EngineCodec.decodePayload(body.toString(StandardCharsets.UTF_8));
        } catch (EngineProtocolException e) {
            respondError(response, EngineError.BAD_REQUEST);
            session.end("parse error");
            return;
        }
        try {
            session.onPollPayload(packets);
        } catch (EngineProtocolException e) {
            respondError(response, EngineError.BAD_REQUEST);
            session.end("parse error");
            return;
        }
        if (!response.ended()) {
            response.putHeader("Content-Type", "text/html; charset=UTF-8").end("ok");
        }
    }

    private void readBody(RoutingContext ctx, java.util.function.Consumer<Buffer> then) {
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        then.accept(body == null ? Buffer.buffer() : body);
    }

    private void protocolError(EngineSession session, Channel channel) {
        channel.close();
        session.end("parse error");
    }

    private String openPayload(EngineSession session, List<String> upgrades) {
        StringBuilder json = new StringBuilder("{\"sid\":\"").append(session.id()).append("\",\"upgrades\":[");
        for (int i = 0; i < upgrades.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(upgrades.get(i)).append('"');
        }
        return json.append("],\"pingInterval\":").append(pingInterval.toMillis())
                .append(",\"pingTimeout\":").append(pingTimeout.toMillis())
                .append(",\"maxPayload\":").append(maxPayload).append('}').toString();
    }

    private static EngineError validate(Map<String, String> query, boolean websocket) {
        if (!"4".equals(query.get("EIO"))) {
            return EngineError.UNSUPPORTED_PROTOCOL_VERSION;
        }
        String transport = query.get("transport");
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            return EngineError.UNKNOWN_TRANSPORT;
        }
        if (websocket != "websocket".equals(transport)) {
            return EngineError.BAD_REQUEST;
        }
        return null;
    }

    static Map<String, String> query(String uri) {
        Map<String, String> query = new HashMap<>();
        try {
            new QueryStringDecoder(uri).parameters().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    query.put(name, values.get(0));
                }
            });
        } catch (IllegalArgumentException e) {
            return Map.of(); // a broken escape: no usable parameters
        }
        return query;
    }

    /** The bearer token of an {@code Authorization} header, if the request had one. */
    public static String bearer(HttpServerRequest request) {
        return bearerOf(request.getHeader("Authorization"));
    }

    public static String bearerOf(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }

    private static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
