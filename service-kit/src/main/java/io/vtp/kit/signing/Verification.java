package io.vtp.kit.signing;

import java.time.Instant;

/**
 * The outcome of {@link SignedUrls#verify(String, String)}: {@link Reason#VALID} or why not.
 *
 * <p>A result rather than an exception, because a bad token is the client's everyday mistake and
 * not the server's failure. The reason is for logs and metrics; a client should only ever see a
 * plain 403 (telling it which check failed helps an attacker more than a user).
 *
 * @param reason    why the token is (not) accepted
 * @param keyId     the key that signed a valid token, else {@code null}
 * @param pathPrefix the path prefix a valid token grants, else {@code null}
 * @param expiresAt when a valid token stops being accepted, else {@code null}
 */
public record Verification(Reason reason, String keyId, String pathPrefix, Instant expiresAt) {

    /** Why a token was accepted or refused, in the order the checks run. */
    public enum Reason {
        /** Signed by a configured key, not expired, and the request path lies under its prefix. */
        VALID,
        /** Missing, too long, or not a well-formed token of a known version. */
        MALFORMED,
        /** Names a key id that is not (or no longer) configured. */
        UNKNOWN_KEY,
        /** The signature does not match: the token was altered or forged. */
        BAD_SIGNATURE,
        /** The token was genuine but its lifetime is over. */
        EXPIRED,
        /** A genuine, live token for another path, or the request path itself is unsafe. */
        WRONG_PATH
    }

    /** A refusal for {@code reason}. */
    static Verification refused(Reason reason) {
        if (reason == Reason.VALID) {
            throw new IllegalArgumentException("a refusal needs a reason other than VALID");
        }
        return new Verification(reason, null, null, null);
    }

    /** Whether the request may proceed. */
    public boolean isValid() {
        return reason == Reason.VALID;
    }
}
