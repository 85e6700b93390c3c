package io.vtp.signalling.transport;

import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vtp.signalling.engineio.EngineServer;
import io.vtp.signalling.engineio.EngineSession;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket side of one Engine.IO server: which session and channel each websockets-next
 * connection belongs to. The endpoints ({@link SocketIoEndpoint}, {@link EngineEchoEndpoint})
 * forward their callbacks here.
 */
final class EngineSockets {

    private record Binding(EngineSession session, WebSocketChannel channel) {
    }

    private final EngineServer server;
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();

    EngineSockets(EngineServer server) {
        this.server = server;
    }

    void open(WebSocketConnection connection, HandshakeRequest request) {
        WebSocketChannel channel = new WebSocketChannel(connection);
        String uri = request.path() + (request.query() == null || request.query().isEmpty() ? "" : "?" + request.query());
        String token = Credentials.fromHeaders(request.header("Authorization"), request.header(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL));
        // bound before the handshake goes out, so that a reply racing the open finds its session
        EngineSession session = server.openWebSocket(channel, uri, token, opened -> bindings.put(connection.id(), new Binding(opened, channel)));
        if (session == null) {
            bindings.remove(connection.id());
            channel.close();
        }
    }

    void text(WebSocketConnection connection, String text) {
        Binding binding = bindings.get(connection.id());
        if (binding != null) {
            server.onText(binding.session(), binding.channel(), text);
        }
    }

    void binary(WebSocketConnection connection, byte[] data) {
        Binding binding = bindings.get(connection.id());
        if (binding != null) {
            server.onBinary(binding.session(), binding.channel(), data);
        }
    }

    void closed(WebSocketConnection connection) {
        Binding binding = bindings.remove(connection.id());
        if (binding != null) {
            server.onWebSocketClosed(binding.session(), binding.channel());
        }
    }
}
