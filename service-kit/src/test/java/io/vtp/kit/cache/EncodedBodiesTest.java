package io.vtp.kit.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A cached value's JSON is written once per instance; a fresh value's every time. */
class EncodedBodiesTest {

    private final EncodedBodies bodies = new EncodedBodies(new ObjectMapper());

    @Test
    void aCachedValueIsWrittenOncePerInstance() {
        AtomicInteger writes = new AtomicInteger();
        List<String> cached = List.of("a", "b");
        Response first = bodies.ok(cached, true, v -> { writes.incrementAndGet(); return Map.of("items", v); });
        Response second = bodies.ok(cached, true, v -> { writes.incrementAndGet(); return Map.of("items", v); });
        assertEquals(1, writes.get());
        assertSame(first.getEntity(), second.getEntity());
        assertEquals(200, first.getStatus());
        assertEquals(MediaType.APPLICATION_JSON_TYPE, first.getMediaType());
        assertArrayEquals("{\"items\":[\"a\",\"b\"]}".getBytes(StandardCharsets.UTF_8), (byte[]) first.getEntity());

        // an equal value that is another instance (a reload) is written again: identity, not equality
        bodies.ok(List.of("a", "b"), true, v -> { writes.incrementAndGet(); return Map.of("items", v); });
        assertEquals(2, writes.get());
    }

    @Test
    void aFreshValueIsWrittenEveryTime() {
        AtomicInteger writes = new AtomicInteger();
        List<String> value = List.of("x");
        bodies.ok(value, false, v -> { writes.incrementAndGet(); return v; });
        bodies.ok(value, false, v -> { writes.incrementAndGet(); return v; });
        assertEquals(2, writes.get());
    }
}
