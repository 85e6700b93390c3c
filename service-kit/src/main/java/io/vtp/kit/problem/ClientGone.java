package io.vtp.kit.problem;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/** Recognises failures that only mean the client closed the connection (nothing to fix here). */
final class ClientGone {

    private ClientGone() {
    }

    static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedChannelException) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if ((t instanceof IOException || t.getClass().getName().startsWith("io.vertx"))
                    && (message.contains("connection was closed") || message.contains("connection reset")
                    || message.contains("broken pipe"))) {
                return true;
            }
        }
        return false;
    }
}
