package io.vtp.signalling.engineio;

import java.util.Map;

/**
 * What the request that opened a session carried, for the layer above (its credentials).
 *
 * @param query         the query parameters (first value of each)
 * @param bearerToken   a token from the {@code Authorization: Bearer} header or the bearer subprotocol, or null
 */
public record Handshake(Map<String, String> query, String bearerToken) {

    public Handshake {
        query = Map.copyOf(query);
    }
}
