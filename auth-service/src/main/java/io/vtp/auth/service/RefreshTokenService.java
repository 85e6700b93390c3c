package io.vtp.auth.service;

import io.smallrye.mutiny.Uni;
import io.vtp.auth.config.AuthConfig;
import io.vtp.auth.domain.RefreshToken;
import io.vtp.auth.domain.RefreshTokenFamily;
import io.vtp.auth.repository.RefreshTokenFamilyRepository;
import io.vtp.auth.repository.RefreshTokenRepository;
import io.vtp.auth.security.OpaqueTokens;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.CommonProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/**
 * Opaque refresh tokens in families: each login starts a family, each refresh rotates the token
 * inside it, and presenting a token that was already used revokes the whole family, so a stolen
 * token dies as soon as either the thief or the owner uses it a second time. Every method joins
 * the caller's transaction.
 */
@ApplicationScoped
public class RefreshTokenService {

    private static final Logger LOG = Logger.getLogger(RefreshTokenService.class);

    private final RefreshTokenRepository tokens;
    private final RefreshTokenFamilyRepository families;
    private final AuthConfig config;

    public RefreshTokenService(RefreshTokenRepository tokens, RefreshTokenFamilyRepository families,
                               AuthConfig config) {
        this.tokens = tokens;
        this.families = families;
        this.config = config;
    }

    /** A token in a live family, ready to be rotated; or the reason it is not. */
    public record Presented(RefreshToken token, RefreshTokenFamily family, boolean valid) {
    }

    /** Starts a new family (a login) and yields its first token. */
    public Uni<String> startFamily(UUID userId, Instant now) {
        RefreshTokenFamily family = new RefreshTokenFamily();
        family.id = UUID.randomUUID();
        family.userId = userId;
        family.createdAt = now;
        return families.persist(family).chain(() -> issue(family.id, now));
    }

    /**
     * Consumes a presented token. A replayed token revokes its family; the result then says
     * "invalid" instead of failing, so that the caller commits the revocation before it answers 401.
     */
    public Uni<Presented> consume(String opaqueToken, Instant now) {
        return tokens.findByHash(OpaqueTokens.hash(opaqueToken)).chain(token -> {
            if (token == null) {
                return Uni.createFrom().item(new Presented(null, null, false));
            }
            return families.findById(token.familyId).chain(family -> {
                if (family.revokedAt != null || !token.expiresAt.isAfter(now)) {
                    return Uni.createFrom().item(new Presented(token, family, false));
                }
                return tokens.markUsed(token.id, now).chain(first -> {
                    if (first) {
                        return Uni.createFrom().item(new Presented(token, family, true));
                    }
                    LOG.warnf("Refresh token reuse detected; revoked session family %s of user %s", family.id, family.userId);
                    return families.revoke(family.id, "reuse", now).replaceWith(new Presented(token, family, false));
                });
            });
        });
    }

    /** Issues the next token of a family. */
    public Uni<String> rotate(Presented presented, Instant now) {
        return issue(presented.family().id, now);
    }

    public Uni<Void> revokeFamily(UUID familyId, String reason, Instant now) {
        return families.revoke(familyId, reason, now).replaceWithVoid();
    }

    public Uni<Void> revokeAllOfUser(UUID userId, String reason, Instant now) {
        return families.revokeAllOfUser(userId, reason, now).replaceWithVoid();
    }

    public long expiresInSeconds() {
        return config.tokens().refreshTokenTtl().toSeconds();
    }

    static ApiException invalid() {
        return new ApiException(CommonProblem.INVALID_TOKEN, "the refresh token is invalid, expired or revoked");
    }

    private Uni<String> issue(UUID familyId, Instant now) {
        String opaque = OpaqueTokens.newToken();
        RefreshToken token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.familyId = familyId;
        token.tokenHash = OpaqueTokens.hash(opaque);
        token.issuedAt = now;
        token.expiresAt = now.plus(config.tokens().refreshTokenTtl());
        return tokens.persist(token).replaceWith(opaque);
    }
}
