package io.vtp.kit.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * The JSON answer to a value from a {@link ReadCache}, written once per cached value instead of at
 * every hit: a hit returns the very instance the cache holds, so its encoding is kept beside it,
 * keyed by that instance (identity, weakly: it goes when the cache lets the value go, at its next
 * refresh or expiry). With the REST layer's own {@code ObjectMapper}, so the bytes are what Quarkus
 * REST would have written.
 */
@ApplicationScoped
public class EncodedBodies {

    private final Cache<Object, byte[]> encoded = Caffeine.newBuilder().weakKeys().maximumSize(20_000).build();
    private final ObjectMapper json;

    public EncodedBodies(ObjectMapper json) {
        this.json = json;
    }

    /**
     * A 200 {@code application/json} answer with {@code body.apply(value)} as JSON; written once for
     * a cached {@code value}, every time when {@code cached} is false (a fresh read's value is never
     * seen again).
     */
    public <T> Response ok(T value, boolean cached, Function<T, ?> body) {
        byte[] bytes = cached ? encoded.get(value, v -> write(body.apply(value))) : write(body.apply(value));
        return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
