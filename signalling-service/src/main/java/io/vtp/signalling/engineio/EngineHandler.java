package io.vtp.signalling.engineio;

/** What runs on top of an Engine.IO server (Socket.IO, or the conformance echo). */
public interface EngineHandler {

    /** A session was opened (after the handshake was sent). */
    void onOpen(EngineSession session);

    /** A message packet (text or binary) arrived. */
    void onMessage(EngineSession session, EnginePacket message);

    /** The session ended; nothing can be sent on it any more. */
    void onClose(EngineSession session, String reason);
}
