package io.vtp.signalling.transport;

import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/** Socket.IO's WebSocket transport (Engine.IO v4), on the event loop. */
@WebSocket(path = EngineEndpoints.SOCKET_IO)
public class SocketIoEndpoint {

    private final EngineEndpoints engines;

    public SocketIoEndpoint(EngineEndpoints engines) {
        this.engines = engines;
    }

    @OnOpen
    @NonBlocking
    public void open(WebSocketConnection connection, HandshakeRequest request) {
        engines.socketIoSockets().open(connection, request);
    }

    @OnTextMessage
    @NonBlocking
    public void text(WebSocketConnection connection, String message) {
        engines.socketIoSockets().text(connection, message);
    }

    @OnBinaryMessage
    @NonBlocking
    public void binary(WebSocketConnection connection, Buffer message) {
        engines.socketIoSockets().binary(connection, message.getBytes());
    }

    @OnClose
    @NonBlocking
    public void close(WebSocketConnection connection) {
        engines.socketIoSockets().closed(connection);
    }
}
