package io.vtp.signalling.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** signalling-service's own settings ({@code vtp.signalling.*}). */
@ConfigMapping(prefix = "vtp.signalling")
public interface SignallingConfig {

    /**
     * Names this instance in the participant sessions it records; at start it closes the sessions
     * a previous run of the same instance left open (in Kubernetes: the pod name).
     */
    @WithDefault("signalling-1")
    String instanceId();

    EngineIo engineIo();

    Rooms rooms();

    Limits limits();

    Ice ice();

    Conformance conformance();

    /** The Engine.IO v4 transport under Socket.IO ({@code /socket.io/}). */
    interface EngineIo {
        /** How often the server pings each client. */
        @WithDefault("25s")
        Duration pingInterval();

        /** How long a client has to answer a ping before its session is closed (a dropped network). */
        @WithDefault("20s")
        Duration pingTimeout();

        /** Largest Engine.IO payload (a polling request body or one WebSocket frame), in bytes. */
        @WithDefault("1000000")
        int maxPayload();

        /** How long a new connection has to send its Socket.IO CONNECT packet. */
        @WithDefault("45s")
        Duration connectTimeout();
    }

    interface Rooms {
        /** Participants a room admits unless its creator sets another limit (8 suits a P2P mesh). */
        @WithDefault("8")
        int defaultMaxParticipants();

        /** The highest limit a room may be created with. */
        @WithDefault("100")
        int maxParticipantsCeiling();

        /** Chat messages one history page returns unless the client asks for fewer. */
        @WithDefault("50")
        int chatPageSize();

        /** Longest chat message, in characters. */
        @WithDefault("2000")
        int maxChatLength();
    }

    interface Limits {
        /** Largest single signalling message (one event with its payload), in bytes. */
        @WithDefault("65536")
        int maxMessageBytes();

        /** Sustained messages per second one connection may send. */
        @WithDefault("50")
        int messagesPerSecond();

        /** Messages a connection may send in a burst above the sustained rate. */
        @WithDefault("200")
        int messageBurst();
    }

    /** STUN/TURN servers handed to browsers ({@code GET /api/v1/signalling/ice-servers}). */
    interface Ice {
        /** STUN server URLs, e.g. {@code stun:stun.example.org:3478}. */
        Optional<List<String>> stunUrls();

        /** TURN server URLs, e.g. {@code turn:turn.example.org:3478?transport=udp}. */
        Optional<List<String>> turnUrls();

        /** The shared secret configured in coturn ({@code static-auth-secret}); TURN is offered only with it. */
        Optional<String> turnSecret();

        /** How long issued TURN credentials stay valid. */
        @WithDefault("1h")
        Duration turnCredentialTtl();
    }

    /** Test-only endpoints. */
    interface Conformance {
        /**
         * Mounts a bare Engine.IO echo server at {@code /engine.io/} (ping 300 ms, timeout 200 ms), the
         * configuration the published Engine.IO protocol test suite expects. Never on in production.
         */
        @WithDefault("false")
        boolean echoEnabled();
    }
}
