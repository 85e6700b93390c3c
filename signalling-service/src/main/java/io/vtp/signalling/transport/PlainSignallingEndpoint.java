package io.vtp.signalling.transport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;
import io.vtp.signalling.config.SignallingConfig;
import io.vtp.signalling.domain.Identity;
import io.vtp.signalling.service.Ack;
import io.vtp.signalling.service.LimitedPeer;
import io.vtp.signalling.service.RateLimiter;
import io.vtp.signalling.service.SignallingHub;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The room semantics as plain JSON text frames for clients without Socket.IO: a client sends
 * {@code {"type":"join-room","room_id":...}} and receives {@code {"type":"joined-room",...}};
 * a {@code request_id} in a message is echoed in the {@code {"type":"ack",...}} reply. The access
 * token is checked before the upgrade ({@link UpgradeChecks}).
 */
@WebSocket(path = PlainSignallingEndpoint.PATH)
public class PlainSignallingEndpoint {

    static final String PATH = "/ws/signalling";
    static final UserData.TypedKey<Identity> IDENTITY = new UserData.TypedKey<>("vtp.identity");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignallingHub hub;
    private final SignallingConfig config;
    private final Map<String, PlainPeer> peers = new ConcurrentHashMap<>();

    public PlainSignallingEndpoint(SignallingHub hub, SignallingConfig config) {
        this.hub = hub;
        this.config = config;
    }

    /** The token of the upgrade request: Authorization header, bearer subprotocol, or {@code token} query parameter. */
    static String token(HttpServerRequest request) {
        String token = Credentials.fromHeaders(request.getHeader("Authorization"), request.getHeader("Sec-WebSocket-Protocol"));
        if (token != null) {
            return token;
        }
        List<String> query = new QueryStringDecoder(request.uri()).parameters().get("token");
        return query == null || query.isEmpty() ? null : query.get(0);
    }

    @OnOpen
    @NonBlocking
    public void open(WebSocketConnection connection) {
        PlainPeer peer = new PlainPeer(connection, connection.userData().get(IDENTITY),
                new RateLimiter(config.limits().messagesPerSecond(), config.limits().messageBurst()));
        peers.put(connection.id(), peer);
        hub.connected(peer);
    }

    @OnTextMessage
    @NonBlocking
    public void message(WebSocketConnection connection, String text) {
        PlainPeer peer = peers.get(connection.id());
        if (peer == null) {
            return;
        }
        if (io.vtp.signalling.socketio.SocketCodec.exceeds(text, config.limits().maxMessageBytes())) {
            hub.refuse(peer, "message_too_large", "a message has at most " + config.limits().maxMessageBytes() + " bytes", Ack.NONE);
            return;
        }
        if (!peer.admit()) {
            if (peer.reportRefusal()) {
                hub.refuse(peer, "rate_limited", "slow down: at most " + config.limits().messagesPerSecond()
                        + " messages a second", Ack.NONE);
            }
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            hub.refuse(peer, "invalid_json", "a message is one JSON object with a 'type'", Ack.NONE);
            return;
        }
        if (message == null || !message.isObject() || !message.path("type").isTextual()) {
            hub.refuse(peer, "invalid_payload", "a message is one JSON object with a 'type'", Ack.NONE);
            return;
        }
        ObjectNode payload = (ObjectNode) message;
        String type = payload.remove("type").asText();
        JsonNode requestId = payload.remove("request_id");
        Ack ack = requestId == null ? Ack.NONE : reply -> {
            ObjectNode out = JSON.createObjectNode().put("type", "ack");
            out.set("request_id", requestId);
            JsonNode body = JSON.valueToTree(reply);
            if (body.isObject()) {
                out.setAll((ObjectNode) body);
            }
            peer.sendJson(out);
        };
        hub.onEvent(peer, type, payload, ack);
    }

    @OnClose
    @NonBlocking
    public void close(WebSocketConnection connection) {
        PlainPeer peer = peers.remove(connection.id());
        if (peer != null) {
            hub.disconnected(peer);
        }
    }

    /** A plain JSON socket as a {@link Peer}. */
    static final class PlainPeer extends LimitedPeer {

        private final WebSocketConnection connection;
    
        PlainPeer(WebSocketConnection connection, Identity identity, RateLimiter limiter) {
            super(identity, limiter);
            this.connection = connection;
        }

        @Override
        public String connectionId() {
            return "ws-" + connection.id();
        }

        @Override
        public void emit(String event, Object payload) {
            ObjectNode out = JSON.createObjectNode().put("type", event);
            JsonNode body = JSON.valueToTree(payload);
            if (body.isObject()) {
                body.fields().forEachRemaining(field -> {
                    if (!"type".equals(field.getKey())) {
                        out.set(field.getKey(), field.getValue());
                    }
                });
            }
            sendJson(out);
        }

        void sendJson(JsonNode message) {
            if (connection.isOpen()) {
                connection.sendText(message.toString()).subscribe().with(ok -> { }, failure -> { });
            }
        }

        @Override
        public void disconnect(String reason) {
            connection.close().subscribe().with(ok -> { }, failure -> { });
        }

    }
}
