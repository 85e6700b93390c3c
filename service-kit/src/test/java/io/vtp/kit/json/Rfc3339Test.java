package io.vtp.kit.json;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The fast reader agrees with the JDK: every string it reads gives the JDK's instant, and every
 * string the JDK rejects it leaves alone (null). Checked on the shapes events carry, on hand-picked
 * edge cases and on a few hundred thousand random mutations of them.
 */
class Rfc3339Test {

    @Test
    void readsTheShapesEventsCarry() {
        for (String text : new String[] {"2026-12-04T10:15:30Z", "2026-12-04T10:15:30.1Z", "2026-12-04T10:15:30.123Z",
                "2026-12-04T10:15:30.123456789Z", "2026-12-04T10:15:30.000001+02:00", "1970-01-01T00:00:00-00:30",
                "2024-02-29T23:59:59.999999999-18:00", "0001-01-01T00:00:00+18:00", "9999-12-31T23:59:59Z"}) {
            assertEquals(OffsetDateTime.parse(text).toInstant(), Rfc3339.instant(text), text);
            assertEquals(Instant.parse(text), Rfc3339.instant(text), text);
        }
    }

    @Test
    void leavesEverythingElseToTheJdk() {
        for (String text : new String[] {"", "2026-12-04", "2026-12-04T10:15Z", "2026-12-04T10:15:60Z", "2026-02-29T10:15:30Z",
                "2026-13-04T10:15:30Z", "2026-12-04T24:00:00Z", "2026-12-04T10:15:30.Z", "2026-12-04T10:15:30.1234567891Z",
                "2026-12-04t10:15:30z", "2026-12-04T10:15:30", "2026-12-04T10:15:30+1:00", "2026-12-04T10:15:30+19:00",
                "2026-12-04T10:15:30+18:01", "2026-12-04T10:15:30ZZ", "+2026-12-04T10:15:30Z", "2026-12-04 10:15:30Z",
                "2026-12-04T10:15:30+02:00[Europe/Paris]", "2026-12-04T10:15:30.12a3Z", "२०२६-12-04T10:15:30Z"}) {
            assertNull(Rfc3339.instant(text), text);
        }
    }

    @Test
    void agreesWithTheJdkOnRandomMutations() {
        Random random = new Random(42);
        String alphabet = "0123456789-:.TZ+ z";
        for (int run = 0; run < 300_000; run++) {
            StringBuilder text = new StringBuilder(sample(random));
            int edits = random.nextInt(3);
            for (int e = 0; e < edits && text.length() > 0; e++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> text.deleteCharAt(at);
                    default -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String s = text.toString();
            Instant fast = Rfc3339.instant(s);
            Instant jdk;
            try {
                jdk = OffsetDateTime.parse(s).toInstant();
            } catch (RuntimeException rejected) {
                jdk = null;
            }
            if (fast != null) {
                assertEquals(jdk, fast, s);
            }
        }
    }

    private static String sample(Random random) {
        String fraction = switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> ".123";
            case 2 -> ".123456";
            default -> "." + (100_000_000 + random.nextInt(900_000_000));
        };
        String offset = switch (random.nextInt(3)) {
            case 0 -> "Z";
            case 1 -> "+05:30";
            default -> "-" + String.format("%02d:%02d", random.nextInt(19), random.nextInt(60));
        };
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d", 1900 + random.nextInt(300), 1 + random.nextInt(12),
                1 + random.nextInt(31), random.nextInt(24), random.nextInt(60), random.nextInt(60)) + fraction + offset;
    }
}
