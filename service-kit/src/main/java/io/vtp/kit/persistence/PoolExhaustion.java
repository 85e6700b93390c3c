package io.vtp.kit.persistence;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;

/**
 * Recognises a request that found no free database connection within
 * {@link PoolConfig#acquireTimeout()}: the Vert.x pool fails {@code getConnection()} (how Hibernate
 * Reactive obtains connections) with "Timeout", and a query sent to the pool itself with "Timeout
 * waiting for connection". Load, not a fault: HTTP answers it 503 with {@code Retry-After}.
 */
public final class PoolExhaustion {

    private PoolExhaustion() {
    }

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof NoStackTraceThrowable && "Timeout".equals(t.getMessage())) {
                return true;
            }
            if (t instanceof VertxException && "Timeout waiting for connection".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
