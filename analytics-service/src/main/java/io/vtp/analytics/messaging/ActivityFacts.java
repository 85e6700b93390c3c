package io.vtp.analytics.messaging;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.vtp.analytics.domain.Fact;
import io.vtp.events.EventType;
import io.vtp.kit.inbox.InboxRejectedException;
import io.vtp.kit.inbox.IncomingEvent;
import io.vtp.kit.json.EventJson;
import io.vtp.kit.json.Rfc3339;
import io.vtp.kit.json.Uuids;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads the data of a consumed event into a {@link Fact} (schemas in event-contracts). Fields are
 * read tolerantly (unknown ones ignored), but a fact the rollups cannot use (a missing id, an
 * interval ending before it starts, a position beyond 48 hours) is an {@link InboxRejectedException}:
 * the record goes to the dead-letter topic and nothing of it is stored. Types analytics does not
 * use give null (stored raw, nothing else).
 */
public final class ActivityFacts {

    /** Longest media position accepted, in seconds (48 h): beyond it a report is a broken player. */
    static final double MAX_POSITION = 48 * 3600;

    private ActivityFacts() {
    }

    public static Fact read(IncomingEvent event) {
        JsonNode d = event.data();
        String type = event.type();
        try {
            if (type.equals(EventType.VIEWING_PROGRESS.type())) {
                double from = seconds(d, "from_seconds");
                double to = seconds(d, "to_seconds");
                if (to < from) {
                    throw new IllegalArgumentException("to_seconds is before from_seconds");
                }
                JsonNode stalls = d.path("stalls");
                return new Fact.ViewProgress(uuid(d, "session_id"), uuid(d, "recording_id"), uuid(d, "user_id"),
                        optionalUuid(d, "course_id"), from, to, text(d, "rendition"),
                        stalls.canConvertToInt() && stalls.asInt() > 0 ? stalls.asInt() : 0,
                        time(event, d, "reported_at"));
            }
            if (type.equals(EventType.VIEWING_STARTED.type())) {
                return new Fact.ViewStarted(uuid(d, "session_id"), uuid(d, "recording_id"), uuid(d, "user_id"),
                        optionalUuid(d, "course_id"), time(event, d, "started_at"));
            }
            if (type.equals(EventType.VIEWING_ENDED.type())) {
                return new Fact.ViewEnded(uuid(d, "session_id"), uuid(d, "recording_id"), uuid(d, "user_id"),
                        optionalUuid(d, "course_id"), limit(text(d, "reason"), 16), time(event, d, "ended_at"));
            }
            if (type.equals(EventType.ROOM_PARTICIPANT_JOINED.type())) {
                return new Fact.Joined(uuid(d, "participant_session_id"), uuid(d, "room_id"), uuid(d, "user_id"),
                        optionalUuid(d, "course_id"), time(event, d, "joined_at"));
            }
            if (type.equals(EventType.ROOM_PARTICIPANT_LEFT.type())) {
                Instant left = time(event, d, "left_at");
                Instant joined = optionalTime(d, "joined_at");
                if (joined != null && joined.isAfter(left)) {
                    throw new IllegalArgumentException("joined_at is after left_at");
                }
                return new Fact.Left(uuid(d, "participant_session_id"), uuid(d, "room_id"), uuid(d, "user_id"),
                        optionalUuid(d, "course_id"), joined, left);
            }
            if (type.equals(EventType.ROOM_CREATED.type())) {
                return new Fact.RoomOpened(uuid(d, "room_id"), optionalUuid(d, "course_id"), limit(text(d, "name"), 200),
                        time(event, d, "created_at"));
            }
            if (type.equals(EventType.ROOM_DELETED.type())) {
                return new Fact.RoomClosed(uuid(d, "room_id"), optionalUuid(d, "course_id"), time(event, d, "deleted_at"));
            }
            if (type.equals(EventType.RECORDING_COMPLETED.type())) {
                return new Fact.RecordingCompleted(uuid(d, "recording_id"), limit(text(d, "title"), 500),
                        optionalUuid(d, "course_id"), optionalUuid(d, "owner_id"), seconds(d, "duration_seconds"),
                        time(event, d, "completed_at"));
            }
            if (type.equals(EventType.MEDIA_READY.type())) {
                return new Fact.MediaReady(uuid(d, "recording_id"), seconds(d, "duration_seconds"), bitrates(d),
                        time(event, d, "ready_at"));
            }
            if (type.equals(EventType.RECORDING_DELETED.type())) {
                return new Fact.RecordingDeleted(uuid(d, "recording_id"), time(event, d, "deleted_at"));
            }
            if (type.equals(EventType.USER_REGISTERED.type())) {
                return new Fact.UserChanged(uuid(d, "user_id"), limit(text(d, "full_name"), 200), limit(text(d, "email"), 320),
                        limit(text(d, "role"), 16), true, time(event, d, "created_at"));
            }
            if (type.equals(EventType.USER_UPDATED.type())) {
                JsonNode active = d.path("active");
                return new Fact.UserChanged(uuid(d, "user_id"), limit(text(d, "full_name"), 200), limit(text(d, "email"), 320),
                        limit(text(d, "role"), 16), active.isBoolean() ? active.asBoolean() : null, time(event, d, "updated_at"));
            }
            if (type.equals(EventType.USER_DEACTIVATED.type())) {
                return new Fact.UserChanged(uuid(d, "user_id"), null, null, null, false, time(event, d, "deactivated_at"));
            }
            return null;
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new InboxRejectedException("data of " + type + " event " + event.id() + " cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * The fact of a {@code vtp.viewing.progress.v1} event (nine in ten of what ingest reads) straight
     * from its JSON bytes with a streaming parser, without a tree: null for any other type and
     * whenever the data is not a clean, valid progress object (a field missing, repeated or of
     * another type, a number out of range, a timestamp in another shape, malformed JSON). Then
     * {@link #read} on the parsed tree gives the fact or the rejection, so both paths accept and
     * reject exactly the same data.
     */
    public static Fact.ViewProgress progress(IncomingEvent attributes, byte[] json) {
        if (json == null || !attributes.type().equals(EventType.VIEWING_PROGRESS.type())) {
            return null;
        }
        UUID session = null;
        UUID recording = null;
        UUID user = null;
        UUID course = null;
        double from = Double.NaN;
        double to = Double.NaN;
        String rendition = null;
        int stalls = 0;
        Instant reported = null;
        int seen = 0;
        try (JsonParser p = EventJson.mapper().getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME) {
                    return null;
                }
                String field = p.currentName();
                JsonToken v = p.nextToken();
                int bit = switch (field) {
                    case "session_id" -> 1;
                    case "recording_id" -> 2;
                    case "user_id" -> 4;
                    case "course_id" -> 8;
                    case "from_seconds" -> 16;
                    case "to_seconds" -> 32;
                    case "rendition" -> 64;
                    case "stalls" -> 128;
                    case "reported_at" -> 256;
                    default -> 0;
                };
                if (bit == 0) {
                    p.skipChildren();
                    continue;
                }
                if ((seen & bit) != 0 || v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    return null;
                }
                seen |= bit;
                switch (bit) {
                    case 1, 2, 4 -> {
                        if (v != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        UUID id = uuid(p.getText());
                        if (bit == 1) {
                            session = id;
                        } else if (bit == 2) {
                            recording = id;
                        } else {
                            user = id;
                        }
                    }
                    case 8 -> {
                        if (v == JsonToken.VALUE_STRING) {
                            course = uuid(p.getText());
                        } else if (v != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    case 16, 32 -> {
                        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
                            return null;
                        }
                        double value = p.getDoubleValue();
                        if (!Double.isFinite(value) || value < 0 || value > MAX_POSITION) {
                            return null;
                        }
                        if (bit == 16) {
                            from = value;
                        } else {
                            to = value;
                        }
                    }
                    case 64 -> rendition = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    case 128 -> {
                        if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                            stalls = Math.max(p.getIntValue(), 0);
                        } else if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                            return null;
                        }
                    }
                    default -> {
                        if (v == JsonToken.VALUE_STRING) {
                            reported = Rfc3339.instant(p.getText());
                            if (reported == null) {
                                return null;
                            }
                        }
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
        if ((seen & (1 | 2 | 4 | 16 | 32)) != (1 | 2 | 4 | 16 | 32) || to < from) {
            return null;
        }
        Instant at = reported != null ? reported : attributes.time();
        return at == null ? null : new Fact.ViewProgress(session, recording, user, course, from, to, rendition, stalls, at);
    }

    private static UUID uuid(JsonNode d, String field) {
        UUID id = optionalUuid(d, field);
        if (id == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return id;
    }

    private static UUID optionalUuid(JsonNode d, String field) {
        JsonNode node = d.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + " is not a UUID");
        }
        return uuid(node.asText());
    }

    /** {@link UUID#fromString}, with {@link Uuids#canonical}'s fast path for the form events carry. */
    static UUID uuid(String text) {
        UUID id = Uuids.canonical(text);
        return id != null ? id : UUID.fromString(text);
    }

    private static double seconds(JsonNode d, String field) {
        JsonNode node = d.path(field);
        if (!node.isNumber()) {
            throw new IllegalArgumentException(field + " is not a number");
        }
        double value = node.asDouble();
        if (!Double.isFinite(value) || value < 0 || value > MAX_POSITION) {
            throw new IllegalArgumentException(field + " is outside 0.." + (long) MAX_POSITION);
        }
        return value;
    }

    private static String text(JsonNode d, String field) {
        JsonNode node = d.path(field);
        return node.isTextual() ? node.asText() : null;
    }

    private static String limit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static Instant time(IncomingEvent event, JsonNode d, String field) {
        Instant at = optionalTime(d, field);
        if (at == null) {
            at = event.time();
        }
        if (at == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return at;
    }

    private static Instant optionalTime(JsonNode d, String field) {
        JsonNode node = d.path(field);
        if (!node.isTextual()) {
            return null;
        }
        Instant fast = Rfc3339.instant(node.asText());
        return fast != null ? fast : Instant.parse(node.asText());
    }

    /** {@code renditions[].name -> bitrate_kbps} as a JSON object. */
    private static String bitrates(JsonNode d) {
        StringBuilder json = new StringBuilder("{");
        for (JsonNode rung : d.path("renditions")) {
            if (rung.path("name").isTextual() && rung.path("bitrate_kbps").isNumber()) {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append(quote(limit(rung.path("name").asText(), 64))).append(':').append(rung.path("bitrate_kbps").asInt());
            }
        }
        return json.append('}').toString();
    }

    private static String quote(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }
}
