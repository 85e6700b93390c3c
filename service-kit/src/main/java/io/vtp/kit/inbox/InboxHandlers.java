package io.vtp.kit.inbox;

import io.smallrye.mutiny.Uni;
import io.vtp.events.EventType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a consumer does per CloudEvents type. Each handler runs inside the inbox's reactive
 * transaction (use Panache entities or {@code Panache.getSession()} as usual), only for an event
 * not applied before. Types without a handler are skipped and counted. Immutable; build it once,
 * e.g. in a field:
 *
 * <pre>{@code
 * InboxHandlers handlers = InboxHandlers.builder()
 *         .on(EventType.USER_REGISTERED, UserRegistered.class, (event, user) -> users.add(user))
 *         .on(EventType.USER_DEACTIVATED, event -> users.deactivate(event.subject()))
 *         .build();
 * }</pre>
 */
public final class InboxHandlers {

    private final Map<String, Function<IncomingEvent, Uni<Void>>> byType;

    private InboxHandlers(Map<String, Function<IncomingEvent, Uni<Void>>> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** Handlers from a map of CloudEvents type to handler. */
    public static InboxHandlers of(Map<String, Function<IncomingEvent, Uni<Void>>> byType) {
        return new InboxHandlers(byType);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The handler of {@code type}, or null. */
    Function<IncomingEvent, Uni<Void>> handler(String type) {
        return byType.get(type);
    }

    public static final class Builder {

        private final Map<String, Function<IncomingEvent, Uni<Void>>> byType = new LinkedHashMap<>();

        private Builder() {
        }

        /** Handles events of CloudEvents type {@code type}. */
        public Builder on(String type, Function<IncomingEvent, Uni<Void>> handler) {
            if (byType.putIfAbsent(type, handler) != null) {
                throw new IllegalArgumentException("two handlers for " + type);
            }
            return this;
        }

        /** Handles events of a catalogue type. */
        public Builder on(EventType type, Function<IncomingEvent, Uni<Void>> handler) {
            return on(type.type(), handler);
        }

        /** Handles events of a catalogue type, with their data read as {@code dataType}. */
        public <T> Builder on(EventType type, Class<T> dataType, BiFunction<IncomingEvent, T, Uni<Void>> handler) {
            return on(type.type(), event -> handler.apply(event, event.data(dataType)));
        }

        public InboxHandlers build() {
            return new InboxHandlers(byType);
        }
    }
}
