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

/** The conformance echo server's WebSocket transport (tests only; refused before the upgrade otherwise). */
@WebSocket(path = EngineEndpoints.ENGINE_IO)
public class EngineEchoEndpoint {

    private final EngineEndpoints engines;

    public EngineEchoEndpoint(EngineEndpoints engines) {
        this.engines = engines;
    }

    @OnOpen
    @NonBlocking
    public void open(WebSocketConnection connection, HandshakeRequest request) {
        engines.echoSockets().open(connection, request);
    }

    @OnTextMessage
    @NonBlocking
    public void text(WebSocketConnection connection, String message) {
        engines.echoSockets().text(connection, message);
    }

    @OnBinaryMessage
    @NonBlocking
    public void binary(WebSocketConnection connection, Buffer message) {
        engines.echoSockets().binary(connection, message.getBytes());
    }

    @OnClose
    @NonBlocking
    public void close(WebSocketConnection connection) {
        engines.echoSockets().closed(connection);
    }
}
