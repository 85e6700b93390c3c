package io.vtp.kit.inbox;

/**
 * A record the consumer can never apply: no CloudEvents id or type, data that is not JSON or does
 * not fit the expected shape, or an effect that kept failing. {@link Inbox} nacks it, and the
 * channel's dead-letter-queue failure strategy moves it to {@code vtp.dlq.<service>} with this
 * message as header {@code dead-letter-reason} (and the cause's as {@code dead-letter-cause}).
 *
 * <p>A handler may throw it (or fail its Uni with it) to dead-letter an event at once, without
 * the retries other failures get.
 */
public class InboxRejectedException extends RuntimeException {

    public InboxRejectedException(String message) {
        super(message);
    }

    public InboxRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
