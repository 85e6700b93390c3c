package io.vtp.signalling.engineio;

/** Input that breaks the Engine.IO or Socket.IO wire format; the connection that sent it is closed. */
public class EngineProtocolException extends RuntimeException {

    public EngineProtocolException(String message) {
        super(message, null, false, false);
    }
}
