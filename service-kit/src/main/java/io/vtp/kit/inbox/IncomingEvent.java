package io.vtp.kit.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vtp.kit.json.EventJson;

import java.net.URI;
import java.time.Instant;

/**
 * A received CloudEvent, as an inbox handler sees it.
 *
 * @param id      {@code ce_id}: the deduplication key
 * @param type    {@code ce_type}, e.g. {@code vtp.user.registered.v1}
 * @param source  {@code ce_source}, e.g. {@code /vtp/auth-service}; null if absent
 * @param subject {@code ce_subject} (the aggregate id), else the Kafka key; may be null
 * @param time    {@code ce_time}; null if absent or unreadable
 * @param key     the Kafka key; may be null
 * @param data    the JSON data, parsed
 */
public record IncomingEvent(String id, String type, URI source, String subject, Instant time, String key,
                            JsonNode data) {

    /**
     * The data as {@code dataType}, read with the tolerant events mapper ({@link EventJson}:
     * snake_case, unknown fields ignored). Data that does not fit fails with
     * {@link InboxRejectedException}, which dead-letters the record without retries.
     */
    public <T> T data(Class<T> dataType) {
        try {
            return EventJson.mapper().treeToValue(data, dataType);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InboxRejectedException("data of " + type + " event " + id + " does not fit "
                    + dataType.getSimpleName(), e);
        }
    }

    /**
     * When the fact this event reports took effect: {@code fromData} (a time the payload names,
     * e.g. {@code granted_at}) when given, else the event's time, else the epoch (ordered before
     * everything, so it never overrides a fact that has a time).
     */
    public Instant effectiveTime(Instant fromData) {
        return fromData != null ? fromData : time != null ? time : Instant.EPOCH;
    }
}
