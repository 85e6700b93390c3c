package io.vtp.kit.signing;

import io.vtp.kit.signing.Verification.Reason;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived tokens that let a URL stand in for the Authorization header.
 *
 * <p>Native HLS players, {@code <video>} elements and CDNs fetch playlists, segments and downloads
 * without sending a bearer token, so those links carry {@code ?token=...} instead: an
 * HMAC-SHA256 over a path prefix, an expiry and a key id (see {@link TokenFormat}), issued by an
 * authenticated endpoint after its own access check. One token covers every path at or below its
 * prefix (a playlist and all its segments), lives minutes rather than hours, and is checked
 * without any database lookup. All configured keys verify and the current one signs, so keys can
 * be rotated without breaking links in flight.
 *
 * <p>{@link #verify} never throws for anything a client sends; sign and verify throw
 * {@link IllegalStateException} only when the configuration itself is missing or wrong.
 */
@ApplicationScoped
public class SignedUrls {

    /** The query parameter that carries the token. */
    public static final String QUERY_PARAMETER = "token";

    private static final Duration MIN_TTL = Duration.ofSeconds(1);

    private final SignedUrlConfig config;
    private final Clock clock;
    private volatile KeyRing keyRing;

    public SignedUrls(SignedUrlConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** A token for everything at or below {@code pathPrefix}, valid for the configured default ttl. */
    public String sign(String pathPrefix) {
        return sign(pathPrefix, keyRing().defaultTtl);
    }

    /**
     * A token for everything at or below {@code pathPrefix} (an absolute raw path), valid for
     * {@code ttl}. Throws {@link IllegalArgumentException} for an unsafe prefix (relative,
     * {@code .}/{@code ..} segments, {@code //}, {@code ?}, {@code #}, control characters, encoded
     * separators) or a ttl under one second or over {@code vtp.kit.signed-urls.max-ttl}.
     */
    public String sign(String pathPrefix, Duration ttl) {
        KeyRing ring = keyRing();
        String problem = PathRules.prefixProblem(pathPrefix);
        if (problem != null) {
            throw new IllegalArgumentException("the path prefix " + problem);
        }
        if (ttl == null || ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(ring.maxTtl) > 0) {
            throw new IllegalArgumentException("the ttl must be between one second and "
                    + KeyRing.PREFIX + "max-ttl (" + ring.maxTtl + "), got " + ttl);
        }
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        String keyId = ring.currentKeyId;
        return TokenFormat.encode(ring.keys.get(keyId), keyId, expiry, pathPrefix);
    }

    /**
     * Checks {@code token} for a request to {@code requestPath}: the raw (not yet percent-decoded)
     * path without the query, e.g. {@code UriInfo.getRequestUri().getRawPath()}. Checks run in the
     * order of {@link Reason}; the first that fails is the answer.
     */
    public Verification verify(String requestPath, String token) {
        KeyRing ring = keyRing();
        TokenFormat.Parsed parsed = TokenFormat.parse(token);
        if (parsed == null) {
            return Verification.refused(Reason.MALFORMED);
        }
        SecretKeySpec key = ring.keys.get(parsed.keyId());
        if (key == null) {
            return Verification.refused(Reason.UNKNOWN_KEY);
        }
        if (!TokenFormat.signedBy(parsed, key)) {
            return Verification.refused(Reason.BAD_SIGNATURE);
        }
        Instant expiresAt = Instant.ofEpochSecond(parsed.expiry());
        if (!clock.instant().isBefore(expiresAt)) {
            return Verification.refused(Reason.EXPIRED);
        }
        if (!PathRules.isSafeRequestPath(requestPath) || !PathRules.covers(parsed.prefix(), requestPath)) {
            return Verification.refused(Reason.WRONG_PATH);
        }
        return new Verification(Reason.VALID, parsed.keyId(), parsed.prefix(), expiresAt);
    }

    /**
     * {@code url} with {@code token=<token>} added to its query, before any fragment: {@code ?} when
     * it has no query yet, {@code &} otherwise. The token needs no escaping.
     */
    public static String appendTo(String url, String token) {
        if (url == null || !TokenFormat.isTokenText(token)) {
            throw new IllegalArgumentException("appendTo needs a URL and a token made by sign()");
        }
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String separator = base.indexOf('?') < 0 ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return base + separator + QUERY_PARAMETER + "=" + token + fragment;
    }

    /** Checked on first use, not at start: services that never sign URLs need no key. */
    private KeyRing keyRing() {
        KeyRing ring = keyRing;
        if (ring == null) {
            ring = KeyRing.of(config);
            keyRing = ring;
        }
        return ring;
    }
}
