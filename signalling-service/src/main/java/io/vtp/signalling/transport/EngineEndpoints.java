package io.vtp.signalling.transport;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vtp.signalling.config.SignallingConfig;
import io.vtp.signalling.engineio.EngineHandler;
import io.vtp.signalling.engineio.EnginePacket;
import io.vtp.signalling.engineio.EngineServer;
import io.vtp.signalling.engineio.EngineSession;
import io.vtp.signalling.service.Authenticator;
import io.vtp.signalling.service.SignallingHub;
import io.vtp.signalling.socketio.SocketIoProtocol;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * The Engine.IO servers of this service: Socket.IO at {@code /socket.io/}, and in tests the bare
 * echo server at {@code /engine.io/} that the published Engine.IO test suite talks to. Both
 * transports of each are one Vert.x route registered here: a WebSocket upgrade goes to its
 * {@link EngineSockets}, every other request is long-polling. The WebSockets are Vert.x's own, not
 * websockets-next endpoints: a relay is two small frames, and websockets-next's per-message work (a
 * duplicated context per frame, a {@code Uni} per send) cost more than the relay itself (see
 * docs/performance.md, signalling-service). websockets-next serves the plain JSON socket.
 */
@ApplicationScoped
public class EngineEndpoints {

    static final String SOCKET_IO = "/socket.io/";
    static final String ENGINE_IO = "/engine.io/";

    private final EngineServer socketIo;
    private final EngineServer echo;
    private final EngineSockets socketIoSockets;
    private final EngineSockets echoSockets;

    public EngineEndpoints(SignallingHub hub, Authenticator authenticator, SignallingConfig config, Vertx vertx) {
        SignallingConfig.EngineIo engine = config.engineIo();
        this.socketIo = new EngineServer(vertx, new SocketIoProtocol(hub, authenticator, config, vertx),
                engine.pingInterval(), engine.pingTimeout(), engine.maxPayload());
        this.echo = config.conformance().echoEnabled()
                ? new EngineServer(vertx, new Echo(), Duration.ofMillis(300), Duration.ofMillis(200), 1_000_000) : null;
        this.socketIoSockets = new EngineSockets(socketIo);
        this.echoSockets = echo == null ? null : new EngineSockets(echo);
    }

    void routes(@Observes Router router) {
        route(router, SOCKET_IO, socketIo, socketIoSockets);
        if (echo != null) {
            route(router, ENGINE_IO, echo, echoSockets);
        }
    }

    /**
     * An upgrade goes to the WebSockets; for polling, the body (a POST's packets) is read up to the
     * max payload before the server sees the request.
     */
    private static void route(Router router, String path, EngineServer server, EngineSockets sockets) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(server.maxPayload());
        router.route(path).handler(ctx -> {
            if (EngineSockets.isUpgrade(ctx.request())) {
                sockets.upgrade(ctx);
            } else {
                ctx.next();
            }
        }).handler(ctx -> {
            if (ctx.request().isEnded()) {
                ctx.next(); // already read (service-kit's body limits read chunked bodies)
            } else {
                body.handle(ctx);
            }
        }).handler(server::handle);
    }

    void stop(@Observes ShutdownEvent stopping) {
        socketIo.closeAll("server shutting down");
    }

    public int socketIoSessions() {
        return socketIo.sessionCount();
    }

    /** The conformance server's layer: every message straight back. */
    private static final class Echo implements EngineHandler {
        @Override
        public void onOpen(EngineSession session) {
        }

        @Override
        public void onMessage(EngineSession session, EnginePacket message) {
            if (message.isBinary()) {
                session.send(message.binary());
            } else {
                session.send(message.text());
            }
        }

        @Override
        public void onClose(EngineSession session, String reason) {
        }
    }
}
