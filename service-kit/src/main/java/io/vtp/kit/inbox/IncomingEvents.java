package io.vtp.kit.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vtp.kit.json.EventJson;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Reads a Kafka record as a CloudEvent: from the {@link IncomingCloudEventMetadata} SmallRye adds
 * for binary-mode records ({@code cloud-events=true}, the default), else from the {@code ce_*}
 * headers themselves (a channel with {@code cloud-events=false}, or a record SmallRye did not
 * recognise because a mandatory header is missing).
 */
public final class IncomingEvents {

    /** Longest accepted ids and types: the sizes of the inbox_events columns. */
    static final int MAX_ID = 200;
    static final int MAX_TYPE = 128;

    private IncomingEvents() {
    }

    /**
     * The event, or {@link InboxRejectedException} for a record that can never be applied. Public
     * for consumers that deduplicate in their own store (analytics-service's raw events) and
     * dead-letter with {@link Inbox#reject}.
     */
    @SuppressWarnings("unchecked")
    public static IncomingEvent parse(Message<String> message) {
        Optional<IncomingCloudEventMetadata<?>> ce = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(m -> (IncomingCloudEventMetadata<?>) m);
        Optional<IncomingKafkaRecordMetadata<?, ?>> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> (IncomingKafkaRecordMetadata<?, ?>) m);
        Headers headers = kafka.map(IncomingKafkaRecordMetadata::getHeaders).orElse(null);
        String key = kafka.map(IncomingKafkaRecordMetadata::getKey).map(String::valueOf).orElse(null);

        String id = ce.map(IncomingCloudEventMetadata::getId).orElseGet(() -> header(headers, "ce_id"));
        String type = ce.map(IncomingCloudEventMetadata::getType).orElseGet(() -> header(headers, "ce_type"));
        if (id == null || id.isBlank() || id.length() > MAX_ID) {
            throw new InboxRejectedException("record has no usable CloudEvents id (ce_id)");
        }
        if (type == null || type.isBlank() || type.length() > MAX_TYPE) {
            throw new InboxRejectedException("event " + id + " has no usable CloudEvents type (ce_type)");
        }
        URI source = ce.map(IncomingCloudEventMetadata::getSource).orElseGet(() -> uri(header(headers, "ce_source")));
        String subject = ce.flatMap(IncomingCloudEventMetadata::getSubject)
                .orElseGet(() -> Optional.ofNullable(header(headers, "ce_subject")).orElse(key));
        Instant time = ce.isPresent()
                ? ce.get().getTimeStamp().map(t -> t.toInstant()).orElse(null)
                : instant(header(headers, "ce_time"));

        String payload = message.getPayload();
        JsonNode data;
        try {
            data = payload == null ? null : EventJson.mapper().readTree(payload);
        } catch (IOException e) {
            throw new InboxRejectedException("data of " + type + " event " + id + " is not JSON", e);
        }
        if (data == null || data.isMissingNode()) {
            throw new InboxRejectedException(type + " event " + id + " has no data");
        }
        return new IncomingEvent(id, type, source, subject, time, key, data);
    }

    private static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static URI uri(String value) {
        try {
            return value == null ? null : URI.create(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
