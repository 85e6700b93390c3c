package io.vtp.local;

/** Local mode cannot start; the message says what failed and, where it helps, the end of its log. */
final class StartupException extends RuntimeException {

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
