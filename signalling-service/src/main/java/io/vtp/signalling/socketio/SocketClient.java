package io.vtp.signalling.socketio;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vtp.signalling.engineio.EngineSession;
import io.vtp.signalling.service.LimitedPeer;
import io.vtp.signalling.service.RateLimiter;

import java.util.ArrayList;
import java.util.List;

/** A Socket.IO client on the main namespace: one Engine.IO session, one {@link io.vtp.signalling.service.Peer}. */
final class SocketClient extends LimitedPeer {

    final EngineSession session;
    final String socketId;
    volatile boolean connected;
    volatile long connectTimer = -1;

    // a binary event waiting for its attachments
    SocketPacket partial;
    final List<byte[]> attachments = new ArrayList<>();

    SocketClient(EngineSession session, String socketId, RateLimiter limiter) {
        super(null, limiter);
        this.session = session;
        this.socketId = socketId;
    }

    @Override
    public String connectionId() {
        return session.id();
    }

    @Override
    public void emit(String event, Object payload) {
        session.send(SocketCodec.event(event, payload));
    }

    @Override
    public void disconnect(String reason) {
        connected = false;
        session.send(SocketCodec.encode(SocketPacket.of(SocketPacket.Type.DISCONNECT, null)));
        session.close(reason);
    }


    static SocketPacket connectError(String namespace, String message, String code) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        var data = json.objectNode().put("message", message);
        if (code != null) {
            data.set("data", json.objectNode().put("code", code));
        }
        return new SocketPacket(SocketPacket.Type.CONNECT_ERROR, namespace, null, data, 0);
    }
}
