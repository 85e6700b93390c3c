package io.vtp.kit.json;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link Uuids#canonical} reads exactly the form {@link UUID#toString()} writes, as the JDK reads it, and nothing else. */
class UuidsTest {

    @Test
    void theCanonicalFormReadsAsTheJdkReadsIt() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            assertEquals(id, Uuids.canonical(id.toString()), id.toString());
            assertEquals(UUID.fromString(id.toString()), Uuids.canonical(id.toString()));
        }
    }

    @Test
    void everyOtherFormIsNotCanonical() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        for (String text : new String[] {id.toString().toUpperCase(), "123E4567-e89b-12d3-a456-426614174000", "1-1-1-1-1",
                "00000000-0000-0000-0000-00000000000g", "+0000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000_000000000000",
                "", "not a uuid", id + "0", id.toString().substring(1), "{" + id.toString().substring(2) + "}",
                "１23e4567-e89b-12d3-a456-426614174000", id.toString().replace("-", "") + "----"}) {
            assertNull(Uuids.canonical(text), text);
        }
    }
}
