package io.vtp.analytics.messaging;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fast UUID reader gives exactly what {@link UUID#fromString} gives, and rejects what it rejects. */
class ActivityFactsUuidTest {

    @Test
    void canonicalIdsReadAsTheJdkReadsThem() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            String text = random.nextBoolean() ? id.toString() : id.toString().toUpperCase();
            assertEquals(id, ActivityFacts.uuid(text), text);
        }
    }

    @Test
    void otherFormsAreLeftToTheJdk() {
        for (String text : new String[] {"1-1-1-1-1", "00000000-0000-0000-0000-00000000000g", "+0000000-0000-0000-0000-000000000000",
                "00000000-0000-0000-0000_000000000000", "", "not a uuid", "123e4567-e89b-12d3-a456-4266141740000",
                "123e4567-e89b-12d3-a456-42661417400", "１23e4567-e89b-12d3-a456-426614174000"}) {
            Object jdk;
            try {
                jdk = UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                jdk = IllegalArgumentException.class;
            }
            if (jdk == IllegalArgumentException.class) {
                assertThrows(IllegalArgumentException.class, () -> ActivityFacts.uuid(text), text);
            } else {
                assertEquals(jdk, ActivityFacts.uuid(text), text);
            }
        }
    }
}
