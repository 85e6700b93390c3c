package io.vtp.signalling.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.core.Vertx;
import io.vtp.signalling.config.SignallingConfig;
import io.vtp.signalling.engineio.EngineHandler;
import io.vtp.signalling.engineio.EnginePacket;
import io.vtp.signalling.engineio.EngineProtocolException;
import io.vtp.signalling.engineio.EngineSession;
import io.vtp.signalling.service.Ack;
import io.vtp.signalling.service.Authenticator;
import io.vtp.signalling.service.RateLimiter;
import io.vtp.signalling.service.SignallingError;
import io.vtp.signalling.service.SignallingHub;

import java.util.ArrayList;
import java.util.Base64;
import java.security.SecureRandom;

/**
 * Socket.IO v5 on Engine.IO sessions, main namespace only: CONNECT with the access token,
 * events (with acknowledgements) handed to the {@link SignallingHub}, DISCONNECT. A packet that
 * breaks the format closes the connection, as the reference server does; a message over the size
 * or rate limit is refused with an {@code error} event and the connection stays.
 */
public final class SocketIoProtocol implements EngineHandler {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignallingHub hub;
    private final Authenticator authenticator;
    private final SignallingConfig config;
    private final Vertx vertx;

    public SocketIoProtocol(SignallingHub hub, Authenticator authenticator, SignallingConfig config, Vertx vertx) {
        this.hub = hub;
        this.authenticator = authenticator;
        this.config = config;
        this.vertx = vertx;
    }

    @Override
    public void onOpen(EngineSession session) {
        SocketClient client = new SocketClient(session, newId(),
                new RateLimiter(config.limits().messagesPerSecond(), config.limits().messageBurst()));
        session.attach(client);
        client.connectTimer = vertx.setTimer(config.engineIo().connectTimeout().toMillis(), id -> {
            if (!client.connected) {
                session.close("connect timeout");
            }
        });
    }

    @Override
    public void onMessage(EngineSession session, EnginePacket message) {
        SocketClient client = session.attachment();
        if (client == null) {
            return;
        }
        try {
            if (message.isBinary()) {
                attachment(client, message.binary());
            } else {
                packet(client, message.text());
            }
        } catch (EngineProtocolException e) {
            session.close("parse error");
        }
    }

    @Override
    public void onClose(EngineSession session, String reason) {
        SocketClient client = session.attachment();
        if (client == null) {
            return;
        }
        if (client.connectTimer >= 0) {
            vertx.cancelTimer(client.connectTimer);
        }
        if (client.connected) {
            client.connected = false;
            hub.disconnected(client);
        }
    }

    private void packet(SocketClient client, String text) {
        if (client.partial != null) {
            throw new EngineProtocolException("text packet while binary attachments were expected");
        }
        if (client.connected && SocketCodec.exceeds(text, config.limits().maxMessageBytes())) {
            refuse(client, "message_too_large", "a message has at most " + config.limits().maxMessageBytes() + " bytes",
                    ackIdOf(text));
            return;
        }
        SocketPacket packet = SocketCodec.decode(text);
        switch (packet.type()) {
            case CONNECT -> connect(client, packet);
            case DISCONNECT -> {
                if (client.connected && "/".equals(packet.namespace())) {
                    client.connected = false;
                    hub.disconnected(client);
                }
            }
            case EVENT, BINARY_EVENT -> {
                if (!client.connected || !"/".equals(packet.namespace())) {
                    throw new EngineProtocolException("event before CONNECT");
                }
                if (!client.admit()) {
                    refuse(client, "rate_limited", "slow down: at most " + config.limits().messagesPerSecond()
                            + " messages a second", packet.ackId());
                    return;
                }
                if (packet.attachments() > 0) {
                    client.partial = packet;
                    client.attachments.clear();
                } else {
                    event(client, packet, packet.data());
                }
            }
            case ACK, BINARY_ACK -> { } // the server asks no acknowledgements of clients
            case CONNECT_ERROR -> throw new EngineProtocolException("a client does not send CONNECT_ERROR");
        }
    }

    private void attachment(SocketClient client, byte[] data) {
        SocketPacket partial = client.partial;
        if (partial == null) {
            throw new EngineProtocolException("unexpected binary attachment");
        }
        client.attachments.add(data);
        if (client.attachments.size() == partial.attachments()) {
            client.partial = null;
            JsonNode data2 = SocketCodec.reconstruct(partial.data(), new ArrayList<>(client.attachments));
            client.attachments.clear();
            event(client, partial, data2);
        }
    }

    private void connect(SocketClient client, SocketPacket packet) {
        if (!"/".equals(packet.namespace())) {
            client.session.send(SocketCodec.encode(SocketClient.connectError(packet.namespace(), "Invalid namespace", null)));
            return;
        }
        if (client.connected) {
            return;
        }
        authenticator.verify(token(client, packet.data())).subscribe().with(identity -> {
            if (!client.session.isOpen()) {
                return;
            }
            client.identity(identity);
            client.connected = true;
            if (client.connectTimer >= 0) {
                vertx.cancelTimer(client.connectTimer);
            }
            var data = SocketCodec.JSON.createObjectNode().put("sid", client.socketId);
            client.session.send(SocketCodec.encode(SocketPacket.of(SocketPacket.Type.CONNECT, data)));
            hub.connected(client);
        }, failure -> {
            String message = failure instanceof SignallingError error ? error.getMessage() : "authentication failed";
            client.session.send(SocketCodec.encode(SocketClient.connectError("/", message, "unauthorized")));
        });
    }

    private void event(SocketClient client, SocketPacket packet, JsonNode data) {
        ArrayNode args = (ArrayNode) data;
        String name = args.get(0).asText();
        JsonNode payload = args.size() > 1 ? args.get(1) : null;
        if (payload != null && payload.isTextual()) {
            payload = parseEmbedded(payload.asText()); // older frontends send the payload as a JSON string
        }
        Ack ack = packet.ackId() == null ? Ack.NONE : reply -> client.session.send(SocketCodec.ack(packet.ackId(), reply));
        if (payload != null && !payload.isObject()) {
            hub.refuse(client, "invalid_payload", "the event's payload must be a JSON object", ack);
            return;
        }
        hub.onEvent(client, name, payload, ack);
    }

    private void refuse(SocketClient client, String code, String message, Long ackId) {
        if (ackId != null) {
            ArrayNode reply = SocketCodec.JSON.createArrayNode().add(SocketCodec.JSON.createObjectNode()
                    .put("ok", false).set("error", SocketCodec.JSON.createObjectNode().put("code", code).put("message", message)));
            client.session.send(SocketCodec.encode(SocketPacket.ack(ackId, reply)));
        }
        if (client.reportRefusal()) {
            client.emit("error", java.util.Map.of("code", code, "message", message));
        }
    }

    private static String token(SocketClient client, JsonNode auth) {
        if (auth != null) {
            for (String key : new String[] {"token", "access_token", "accessToken"}) {
                if (auth.path(key).isTextual()) {
                    return auth.get(key).asText();
                }
            }
        }
        String query = client.session.handshake().query().get("token");
        return query != null ? query : client.session.handshake().bearerToken();
    }

    private static JsonNode parseEmbedded(String text) {
        try {
            JsonNode parsed = SocketCodec.JSON.readTree(text);
            return parsed != null && parsed.isObject() ? parsed : SocketCodec.JSON.getNodeFactory().textNode(text);
        } catch (JsonProcessingException e) {
            return SocketCodec.JSON.getNodeFactory().textNode(text);
        }
    }

    /** The ack id of an oversized event packet, read without parsing its payload. */
    private static Long ackIdOf(String text) {
        if (text.length() < 2 || text.charAt(0) != '2') {
            return null;
        }
        int i = 1;
        int start = i;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i - start < 16) {
            i++;
        }
        return i > start ? Long.parseLong(text.substring(start, i)) : null;
    }

    private static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
