package io.vtp.analytics.messaging;

import io.vtp.analytics.domain.Fact;
import io.vtp.kit.inbox.InboxRejectedException;
import io.vtp.kit.inbox.IncomingEvent;
import io.vtp.kit.inbox.IncomingEvents;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streaming reader of progress events and the tree reader agree: whatever the streaming reader
 * returns is what {@link ActivityFacts#read} returns for the same bytes, and every payload the
 * tree reader rejects the streaming reader leaves to it (null). Checked on well-formed events and
 * on 200,000 random variations of them (fields missing, repeated, null, of another type, nested,
 * numbers out of range, other timestamp shapes, broken JSON).
 */
class ActivityFactsProgressTest {

    private static final String TYPE = "vtp.viewing.progress.v1";

    @Test
    void wellFormedEventsTakeTheStreamingPath() {
        Random random = new Random(1);
        for (int i = 0; i < 1_000; i++) {
            byte[] json = String.join(",", fields(random)).transform(f -> ("{" + f + "}").getBytes(StandardCharsets.UTF_8));
            IncomingEvent attributes = attributes(random.nextBoolean() ? "2026-12-04T10:00:00Z" : "2026-12-04T10:00:00.5-05:00");
            Fact.ViewProgress fast = ActivityFacts.progress(attributes, json);
            assertNotNull(fast, new String(json, StandardCharsets.UTF_8));
            assertEquals(ActivityFacts.read(IncomingEvents.withData(attributes, json)), fast);
        }
    }

    @Test
    void bothPathsAcceptAndRejectTheSame() {
        Random random = new Random(2);
        int fastCount = 0;
        int rejected = 0;
        for (int i = 0; i < 200_000; i++) {
            List<String> fields = fields(random);
            mutate(random, fields);
            String text = "{" + String.join(",", fields) + "}";
            if (random.nextInt(20) == 0) {
                text = text.substring(0, random.nextInt(text.length()));
            }
            byte[] json = text.getBytes(StandardCharsets.UTF_8);
            IncomingEvent attributes = attributes(random.nextInt(3) == 0 ? null : "2026-12-04T10:00:00+01:00");
            Fact.ViewProgress fast = ActivityFacts.progress(attributes, json);
            Object tree;
            try {
                tree = ActivityFacts.read(IncomingEvents.withData(attributes, json));
            } catch (InboxRejectedException e) {
                tree = e;
                rejected++;
            }
            if (fast != null) {
                fastCount++;
                assertEquals(tree, fast, text);
            }
        }
        assertTrue(fastCount > 10_000 && rejected > 10_000, fastCount + " fast, " + rejected + " rejected");
    }

    private static IncomingEvent attributes(String time) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", TYPE.getBytes(StandardCharsets.UTF_8));
        if (time != null) {
            headers.add("ce_time", time.getBytes(StandardCharsets.UTF_8));
        }
        return IncomingEvents.attributes(headers, "key");
    }

    private static List<String> fields(Random random) {
        List<String> fields = new ArrayList<>();
        fields.add("\"session_id\":\"" + UUID.randomUUID() + "\"");
        fields.add("\"recording_id\":\"" + UUID.randomUUID() + "\"");
        fields.add("\"user_id\":\"" + UUID.randomUUID().toString().toUpperCase() + "\"");
        fields.add("\"course_id\":" + (random.nextBoolean() ? "null" : "\"" + UUID.randomUUID() + "\""));
        double from = random.nextInt(3000) + (random.nextBoolean() ? 0.5 : 0);
        fields.add("\"from_seconds\":" + (from % 1 == 0 ? String.valueOf((long) from) : String.valueOf(from)));
        fields.add("\"to_seconds\":" + (from + random.nextInt(30)));
        fields.add("\"rendition\":" + (random.nextBoolean() ? "\"720p\"" : "null"));
        fields.add("\"stalls\":" + random.nextInt(3));
        fields.add("\"position_seconds\":" + random.nextInt(4000));
        fields.add("\"playback_rate\":1.5");
        fields.add("\"player\":{\"name\":\"hls.js\",\"tags\":[1,2,{\"x\":null}]}");
        if (random.nextBoolean()) {
            fields.add("\"reported_at\":\"2026-12-04T10:0" + random.nextInt(10) + ":00." + random.nextInt(1000) + "Z\"");
        }
        java.util.Collections.shuffle(fields, random);
        return fields;
    }

    private static final String[] VALUES = {"null", "true", "\"x\"", "\"\"", "1", "-1", "0", "2.5", "1e3", "1e400", "-0.0",
            "172800", "172800.5", "12345678901", "99999999999999999999", "{}", "[]", "{\"a\":[1]}", "\"not-a-uuid\"",
            "\"2026-12-04T10:00:00+02:00\"", "\"2026-12-04T10:00Z\"", "\"2026-12-04T10:00:60Z\"", "\"2026-13-04T10:00:00Z\"",
            "\"" + UUID.randomUUID() + "\"", "\"1-2-3-4-5\""};
    private static final String[] NAMES = {"session_id", "recording_id", "user_id", "course_id", "from_seconds", "to_seconds",
            "rendition", "stalls", "reported_at"};

    private static void mutate(Random random, List<String> fields) {
        int edits = random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            String name = NAMES[random.nextInt(NAMES.length)];
            switch (random.nextInt(4)) {
                case 0 -> fields.removeIf(f -> f.startsWith("\"" + name + "\":"));
                case 1 -> fields.add(random.nextInt(fields.size() + 1), "\"" + name + "\":" + VALUES[random.nextInt(VALUES.length)]);
                default -> {
                    fields.removeIf(f -> f.startsWith("\"" + name + "\":"));
                    fields.add("\"" + name + "\":" + VALUES[random.nextInt(VALUES.length)]);
                }
            }
        }
    }
}
