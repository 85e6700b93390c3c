package io.vtp.kit.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vtp.kit.json.EventJson;
import io.vtp.kit.json.Rfc3339;
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
        check(id, type);
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
        return event(id, type, source, subject, time, key, data);
    }

    /**
     * The CloudEvents attributes of a Kafka record as it came ({@code ce_*} headers read in one pass
     * over the record's own headers, no SmallRye metadata; the subject falls back to the key),
     * checked as {@link #parse(Message)} checks them, with the data not read yet
     * ({@link IncomingEvent#data()} is a missing node): for batch consumers such as
     * analytics-service's ingest, which read the data of some types with their own streaming parser
     * and give the others to {@link #withData}.
     */
    public static IncomingEvent attributes(Headers headers, String key) {
        String id = null;
        String type = null;
        String source = null;
        String subject = null;
        String time = null;
        for (Header header : headers) {
            String name = header.key();
            if (name.length() < 5 || !name.startsWith("ce_")) {
                continue;
            }
            switch (name) {
                case "ce_id" -> id = text(header);
                case "ce_type" -> type = text(header);
                case "ce_source" -> source = text(header);
                case "ce_subject" -> subject = text(header);
                case "ce_time" -> time = text(header);
                default -> { }
            }
        }
        check(id, type);
        return new IncomingEvent(id, type, uri(source), subject != null ? subject : key, instant(time), key,
                MissingNode.getInstance());
    }

    /** {@code attributes} with the data parsed from {@code value}, or {@link InboxRejectedException} as {@link #parse(Message)} rejects it. */
    public static IncomingEvent withData(IncomingEvent attributes, byte[] value) {
        JsonNode data;
        try {
            data = value == null ? null : EventJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new InboxRejectedException("data of " + attributes.type() + " event " + attributes.id() + " is not JSON", e);
        }
        return event(attributes.id(), attributes.type(), attributes.source(), attributes.subject(), attributes.time(),
                attributes.key(), data);
    }

    private static void check(String id, String type) {
        if (id == null || id.isBlank() || id.length() > MAX_ID) {
            throw new InboxRejectedException("record has no usable CloudEvents id (ce_id)");
        }
        if (type == null || type.isBlank() || type.length() > MAX_TYPE) {
            throw new InboxRejectedException("event " + id + " has no usable CloudEvents type (ce_type)");
        }
    }

    private static IncomingEvent event(String id, String type, URI source, String subject, Instant time, String key,
                                       JsonNode data) {
        if (data == null || data.isMissingNode()) {
            throw new InboxRejectedException(type + " event " + id + " has no data");
        }
        return new IncomingEvent(id, type, source, subject, time, key, data);
    }

    private static String text(Header header) {
        return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null ? null : text(header);
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
            if (value == null) {
                return null;
            }
            Instant fast = Rfc3339.instant(value);
            return fast != null ? fast : OffsetDateTime.parse(value).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
