package io.vtp.signalling.engineio;

/**
 * The Engine.IO server's error codes, as its reference implementation answers them (HTTP 400,
 * or 403 for {@link #FORBIDDEN}); the body is problem+json that also carries {@code code} and
 * {@code message} as the reference server's JSON does.
 */
public enum EngineError {
    UNKNOWN_TRANSPORT(0, "Transport unknown", 400),
    UNKNOWN_SID(1, "Session ID unknown", 400),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method", 400),
    BAD_REQUEST(3, "Bad request", 400),
    FORBIDDEN(4, "Forbidden", 403),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", 400);

    private final int code;
    private final String message;
    private final int status;

    EngineError(int code, String message, int status) {
        this.code = code;
        this.message = message;
        this.status = status;
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }

    public int status() {
        return status;
    }
}
