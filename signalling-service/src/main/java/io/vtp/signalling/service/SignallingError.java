package io.vtp.signalling.service;

/**
 * An error answered on the socket: the {@code error} event {code, message} (and the
 * acknowledgement, where one was asked). The connection stays open.
 */
public class SignallingError extends RuntimeException {

    private final String code;

    public SignallingError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static SignallingError invalid(String message) {
        return new SignallingError("invalid_payload", message);
    }

    public static SignallingError forbidden(String message) {
        return new SignallingError("forbidden", message);
    }

    public static SignallingError roomNotFound() {
        return new SignallingError("room_not_found", "no open room with that id");
    }

    public static SignallingError notInRoom() {
        return new SignallingError("not_in_room", "join the room first");
    }
}
