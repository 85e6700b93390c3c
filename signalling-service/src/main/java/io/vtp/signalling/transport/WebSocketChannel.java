package io.vtp.signalling.transport;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vtp.signalling.engineio.Channel;

/**
 * A Vert.x WebSocket as an Engine.IO {@link Channel}; sends never block. A write to a socket that
 * closed meanwhile fails its future, which nobody needs: the session learns of the close from the
 * socket's close handler.
 */
final class WebSocketChannel implements Channel {

    private final ServerWebSocket socket;

    WebSocketChannel(ServerWebSocket socket) {
        this.socket = socket;
    }

    @Override
    public void sendText(String text) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(text);
        }
    }

    @Override
    public void sendBinary(byte[] data) {
        if (!socket.isClosed()) {
            socket.writeBinaryMessage(Buffer.buffer(data));
        }
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
