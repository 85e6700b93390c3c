package io.vtp.signalling.engineio;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One Engine.IO session: its transport (long-polling, then possibly WebSocket after an upgrade),
 * the packets waiting for the next poll, and the heartbeat. Every method may be called from any
 * event-loop thread; state changes are guarded by the session's monitor, and nothing blocks.
 */
public final class EngineSession {

    enum Transport { POLLING, WEBSOCKET }

    /** How long a poll that arrives during an upgrade is held before its noop (the reference server checks every 100 ms). */
    private static final long UPGRADE_POLL_HOLD_MS = 100;

    private final String sid;
    private final EngineServer server;
    private final Handshake handshake;
    private final Vertx vertx;
    private final ArrayDeque<EnginePacket> waiting = new ArrayDeque<>();

    private Transport transport;
    private Channel socket;        // the WebSocket once the session runs on one
    private Channel probe;         // a WebSocket being upgraded to
    private boolean probed;        // the probe was answered: polls get a noop until the upgrade ends
    private HttpServerResponse poll;
    private long pingTimer = -1;
    private long pongTimer = -1;
    private boolean closed;
    private String closing;        // closed by the server; the close packet waits for the next poll
    private volatile Object attachment;

    EngineSession(String sid, EngineServer server, Handshake handshake, Transport transport, Channel socket) {
        this.sid = sid;
        this.server = server;
        this.handshake = handshake;
        this.vertx = server.vertx();
        this.transport = transport;
        this.socket = socket;
    }

    public String id() {
        return sid;
    }

    public Handshake handshake() {
        return handshake;
    }

    /** The layer above's own state for this session. */
    @SuppressWarnings("unchecked")
    public <T> T attachment() {
        return (T) attachment;
    }

    public void attach(Object value) {
        this.attachment = value;
    }

    public synchronized boolean isOpen() {
        return !closed;
    }

    public String transportName() {
        synchronized (this) {
            return transport == Transport.WEBSOCKET ? "websocket" : "polling";
        }
    }

    /** Sends a text message (Engine.IO type 4). */
    public void send(String text) {
        send(EnginePacket.message(text));
    }

    /** Sends a binary message. */
    public void send(byte[] data) {
        send(EnginePacket.message(data));
    }

    /**
     * Closes the session from the server's side: what is queued and a close packet reach the
     * client first (on long-polling, with its next poll), then the transport ends.
     */
    public void close(String reason) {
        Channel ws = null;
        HttpServerResponse pending = null;
        List<EnginePacket> batch = null;
        synchronized (this) {
            if (closed || closing != null) {
                return;
            }
            if (transport == Transport.WEBSOCKET) {
                ws = socket;
            } else {
                waiting.add(EnginePacket.CLOSE);
                closing = reason;
                pending = probed ? null : takePoll();
                if (pending == null) {
                    // the client learns it with its next poll; a client that never polls again times out
                    vertx.setTimer(server.pingTimeout().toMillis(), id -> end(reason));
                    return;
                }
                batch = drain();
            }
        }
        if (ws != null) {
            ws.sendText(EngineCodec.encode(EnginePacket.CLOSE));
            ws.close();
        } else {
            server.respondPayload(pending, batch);
        }
        end(reason);
    }

    void send(EnginePacket packet) {
        Channel ws = null;
        HttpServerResponse pending = null;
        List<EnginePacket> batch = null;
        synchronized (this) {
            if (closed || closing != null) {
                return;
            }
            if (transport == Transport.WEBSOCKET) {
                ws = socket;
            } else {
                waiting.add(packet);
                if (poll != null && !probed) {
                    pending = takePoll();
                    batch = drain();
                }
            }
        }
        if (ws != null) {
            write(ws, packet);
        } else if (pending != null) {
            server.respondPayload(pending, batch);
        }
    }

    /** Starts the heartbeat: a ping every interval, the session closed when a pong is late. */
    synchronized void schedulePing() {
        if (closed) {
            return;
        }
        cancelTimers();
        pingTimer = vertx.setTimer(server.pingInterval().toMillis(), id -> {
            synchronized (this) {
                if (closed) {
                    return;
                }
                pongTimer = vertx.setTimer(server.pingTimeout().toMillis(), late -> end("ping timeout"));
            }
            send(EnginePacket.PING);
        });
    }

    // --- long-polling ---------------------------------------------------------------------------

    /** A GET with this session's sid. */
    void onPoll(HttpServerResponse response) {
        List<EnginePacket> batch = null;
        HttpServerResponse duplicate = null;
        EngineError refusal = null;
        String closeAfter = null;
        synchronized (this) {
            if (closed) {
                refusal = EngineError.UNKNOWN_SID;
            } else if (transport != Transport.POLLING) {
                refusal = EngineError.BAD_REQUEST;
            } else if (poll != null) {
                duplicate = takePoll();   // a second concurrent poll: a broken client, end the session
            } else if (probed) {
                // an upgrade is under way: the poll ends with a noop, or with 400 if the upgrade completes first
                poll = response;
                vertx.setTimer(UPGRADE_POLL_HOLD_MS, id -> releaseHeldPoll(response));
            } else if (!waiting.isEmpty()) {
                batch = drain();
                closeAfter = waiting.isEmpty() ? closing : null;
            } else {
                poll = response;
                response.closeHandler(ignored -> pollAbandoned(response));
            }
        }
        if (refusal != null) {
            server.respondError(response, refusal);
        } else if (duplicate != null) {
            server.respondPayload(duplicate, List.of(EnginePacket.CLOSE));
            server.respondError(response, EngineError.BAD_REQUEST);
            end("transport error");
        } else if (batch != null) {
            server.respondPayload(response, batch);
            if (closeAfter != null) {
                end(closeAfter);
            }
        }
    }

    /** A POST with this session's sid: its packets, in order. */
    void onPollPayload(List<EnginePacket> packets) {
        for (EnginePacket packet : packets) {
            if (!isOpen()) {
                return;
            }
            receive(packet, null);
        }
    }

    private void releaseHeldPoll(HttpServerResponse response) {
        boolean release;
        synchronized (this) {
            release = poll == response;
            if (release) {
                poll = null;
            }
        }
        if (release) {
            server.respondPayload(response, List.of(EnginePacket.NOOP));
        }
    }

    private void pollAbandoned(HttpServerResponse response) {
        boolean abandoned;
        synchronized (this) {
            abandoned = poll == response;
            if (abandoned) {
                poll = null;
            }
        }
        if (abandoned) {
            end("transport close");
        }
    }

    // --- WebSocket ------------------------------------------------------------------------------

    /** A WebSocket carrying this session's sid wants to take over from long-polling. */
    synchronized boolean offerProbe(Channel channel) {
        if (closed || transport != Transport.POLLING || probe != null) {
            return false;
        }
        probe = channel;
        return true;
    }

    /** A frame on {@code channel} (the session's WebSocket or its upgrade probe). */
    void onFrame(Channel channel, EnginePacket packet) {
        boolean onProbe;
        synchronized (this) {
            onProbe = channel == probe && channel != socket;
        }
        if (onProbe) {
            onProbeFrame(channel, packet);
        } else {
            receive(packet, channel);
        }
    }

    /** The WebSocket {@code channel} closed. */
    void onChannelClosed(Channel channel) {
        boolean wasProbe;
        boolean wasSocket;
        synchronized (this) {
            wasProbe = channel == probe && transport == Transport.POLLING;
            wasSocket = channel == socket && transport == Transport.WEBSOCKET;
            if (wasProbe) {
                probe = null;
                probed = false;
            }
        }
        if (wasSocket) {
            end("transport close");
        }
    }

    private void onProbeFrame(Channel channel, EnginePacket packet) {
        if (packet.type() == EnginePacket.Type.PING && "probe".equals(packet.text())) {
            HttpServerResponse pending;
            synchronized (this) {
                probed = true;
                pending = poll;
            }
            channel.sendText(EngineCodec.encode(new EnginePacket(EnginePacket.Type.PONG, "probe", null)));
            if (pending != null) {
                // as the reference server does: the poll in flight ends with a noop shortly, unless the upgrade completes first
                vertx.setTimer(UPGRADE_POLL_HOLD_MS, id -> releaseHeldPoll(pending));
            }
        } else if (packet.type() == EnginePacket.Type.UPGRADE) {
            List<EnginePacket> backlog;
            HttpServerResponse pending;
            synchronized (this) {
                if (!probed || closed) {
                    backlog = null;
                    pending = null;
                } else {
                    transport = Transport.WEBSOCKET;
                    socket = channel;
                    probe = null;
                    probed = false;
                    pending = takePoll();
                    backlog = drain();
                }
            }
            if (backlog == null) {
                channel.close();
                return;
            }
            if (pending != null) {
                server.respondError(pending, EngineError.BAD_REQUEST); // polling is over for this session
            }
            backlog.forEach(waitingPacket -> write(channel, waitingPacket));
        } else {
            channel.close(); // nothing else belongs on a probe
        }
    }

    // --- both transports ------------------------------------------------------------------------

    private void receive(EnginePacket packet, Channel channel) {
        switch (packet.type()) {
            case PONG -> schedulePing();
            case MESSAGE -> server.handler().onMessage(this, packet);
            case CLOSE -> {
                HttpServerResponse pending;
                synchronized (this) {
                    pending = takePoll();
                }
                if (pending != null) {
                    server.respondPayload(pending, List.of(EnginePacket.NOOP));
                }
                if (channel != null) {
                    channel.close();
                }
                end("transport close");
            }
            case PING, NOOP, UPGRADE -> { } // a v3 client's ping or a stray packet: harmless
            case OPEN -> throw new EngineProtocolException("a client does not send open packets");
        }
    }

    /** Ends the session without telling the client (it is gone, or broke the protocol). */
    void end(String reason) {
        Channel ws;
        Channel pendingProbe;
        HttpServerResponse pending;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            cancelTimers();
            ws = transport == Transport.WEBSOCKET ? socket : null;
            pendingProbe = probe;
            pending = takePoll();
            waiting.clear();
        }
        if (pending != null) {
            server.respondPayload(pending, List.of(EnginePacket.NOOP));
        }
        if (ws != null) {
            ws.close();
        }
        if (pendingProbe != null) {
            pendingProbe.close();
        }
        server.forget(this);
        server.handler().onClose(this, reason);
    }

    private void write(Channel channel, EnginePacket packet) {
        if (packet.isBinary()) {
            channel.sendBinary(packet.binary());
        } else {
            channel.sendText(EngineCodec.encode(packet));
        }
    }

    private HttpServerResponse takePoll() {
        HttpServerResponse pending = poll;
        poll = null;
        return pending;
    }

    private List<EnginePacket> drain() {
        List<EnginePacket> batch = new ArrayList<>(waiting.size());
        long size = 0;
        while (!waiting.isEmpty() && (batch.isEmpty() || size < server.maxPayload())) {
            EnginePacket next = waiting.poll();
            size += next.isBinary() ? next.binary().length * 4L / 3 + 2 : next.text().length() + 2;
            batch.add(next);
        }
        return batch;
    }

    private void cancelTimers() {
        if (pingTimer >= 0) {
            vertx.cancelTimer(pingTimer);
            pingTimer = -1;
        }
        if (pongTimer >= 0) {
            vertx.cancelTimer(pongTimer);
            pongTimer = -1;
        }
    }
}
