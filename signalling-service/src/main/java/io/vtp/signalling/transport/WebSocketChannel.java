package io.vtp.signalling.transport;

import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;
import io.vertx.core.buffer.Buffer;
import io.vtp.signalling.engineio.Channel;
import org.jboss.logging.Logger;

/** A websockets-next connection as an Engine.IO {@link Channel}; sends never block. */
final class WebSocketChannel implements Channel {

    private static final Logger LOG = Logger.getLogger(WebSocketChannel.class);

    private final WebSocketConnection connection;

    WebSocketChannel(WebSocketConnection connection) {
        this.connection = connection;
    }

    /**
     * Every send's outcome goes to this one stateless subscriber: a relay sends two frames, and
     * {@code subscribe().with(...)} would build and decorate two callbacks per frame for nothing.
     */
    private static final UniSubscriber<Void> SENT = new UniSubscriber<>() {
        @Override
        public void onSubscribe(UniSubscription subscription) {
        }

        @Override
        public void onItem(Void item) {
        }

        @Override
        public void onFailure(Throwable failure) {
            dropped(failure);
        }
    };

    @Override
    public void sendText(String text) {
        if (connection.isOpen()) {
            connection.sendText(text).subscribe().withSubscriber(SENT);
        }
    }

    @Override
    public void sendBinary(byte[] data) {
        if (connection.isOpen()) {
            connection.sendBinary(Buffer.buffer(data)).subscribe().withSubscriber(SENT);
        }
    }

    @Override
    public void close() {
        if (!connection.isClosed()) {
            connection.close().subscribe().with(ok -> { }, WebSocketChannel::dropped);
        }
    }

    private static void dropped(Throwable failure) {
        LOG.debugf("a WebSocket write failed (the client is gone): %s", failure.getMessage());
    }
}
