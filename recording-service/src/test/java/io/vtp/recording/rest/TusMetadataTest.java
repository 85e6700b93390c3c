package io.vtp.recording.rest;

import io.vtp.kit.problem.ApiException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TusMetadataTest {

    @Test
    void pairsDecode() {
        String title = Base64.getEncoder().encodeToString("Vorlesung über Grenzwerte".getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of("title", "Vorlesung über Grenzwerte", "is_confidential", ""),
                TusMetadata.parse("title " + title + ",is_confidential"));
        assertEquals(Map.of(), TusMetadata.parse(null));
        assertEquals(Map.of(), TusMetadata.parse(" "));
    }

    @Test
    void malformedHeadersAre400s() {
        for (String bad : new String[] {"title !!!", "title a b", "bad key aGk=", "title aGk=,title aGk=",
                "title " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe}), "x".repeat(5000)}) {
            assertThrows(ApiException.class, () -> TusMetadata.parse(bad), bad);
        }
    }
}
