package io.vtp.auth.service;

import io.vtp.auth.config.AuthConfig;
import io.vtp.auth.domain.RefreshToken;
import io.vtp.auth.domain.RefreshTokenFamily;
import io.vtp.auth.repository.RefreshTokenFamilyRepository;
import io.vtp.auth.repository.RefreshTokenRepository;
import io.vtp.auth.rest.problem.ApiException;
import io.vtp.auth.rest.problem.ProblemType;
import io.vtp.auth.security.OpaqueTokens;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/**
 * Opaque refresh tokens in families: each login starts a family, each refresh rotates the token
 * inside it, and presenting a token that was already used revokes the whole family, so a stolen
 * token dies as soon as either the thief or the owner uses it a second time.
 */
@ApplicationScoped
public class RefreshTokenService {

    private static final Logger LOG = Logger.getLogger(RefreshTokenService.class);

    private final RefreshTokenRepository tokens;
    private final RefreshTokenFamilyRepository families;
    private final AuthConfig.Tokens config;

    public RefreshTokenService(RefreshTokenRepository tokens, RefreshTokenFamilyRepository families,
                               AuthConfig config) {
        this.tokens = tokens;
        this.families = families;
        this.config = config.tokens();
    }

    /** A token in a live family, ready to be rotated. */
    public record Presented(RefreshToken token, RefreshTokenFamily family) {
    }

    /** Starts a new family (a login) and returns its first token. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String startFamily(UUID userId, Instant now) {
        RefreshTokenFamily family = new RefreshTokenFamily();
        family.id = UUID.randomUUID();
        family.userId = userId;
        family.createdAt = now;
        families.persist(family);
        return issue(family.id, now);
    }

    /**
     * Consumes a presented token: returns it with its family, or throws 401. A replayed token
     * revokes its family; that revocation commits although the call fails.
     */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ApiException.class)
    public Presented consume(String opaqueToken, Instant now) {
        RefreshToken token = tokens.findByHash(OpaqueTokens.hash(opaqueToken)).orElseThrow(RefreshTokenService::invalid);
        RefreshTokenFamily family = families.findById(token.familyId);
        if (family.revokedAt != null || !token.expiresAt.isAfter(now)) {
            throw invalid();
        }
        if (!tokens.markUsed(token.id, now)) {
            families.revoke(family.id, "reuse", now);
            LOG.warnf("Refresh token reuse detected; revoked session family %s of user %s", family.id, family.userId);
            throw invalid();
        }
        return new Presented(token, family);
    }

    /** Issues the next token of a family. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String rotate(Presented presented, Instant now) {
        return issue(presented.family().id, now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeFamily(UUID familyId, String reason, Instant now) {
        families.revoke(familyId, reason, now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public int revokeAllOfUser(UUID userId, String reason, Instant now) {
        return families.revokeAllOfUser(userId, reason, now);
    }

    /** Expired tokens are dead weight; a day's grace keeps recent reuse evidence in the logs' reach. */
    @Scheduled(every = "1h", delayed = "10m")
    @Transactional
    void purgeExpired() {
        tokens.purgeExpiredBefore(Instant.now().minus(java.time.Duration.ofDays(1)));
    }

    public long expiresInSeconds() {
        return config.refreshTokenTtl().toSeconds();
    }

    private String issue(UUID familyId, Instant now) {
        String opaque = OpaqueTokens.newToken();
        RefreshToken token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.familyId = familyId;
        token.tokenHash = OpaqueTokens.hash(opaque);
        token.issuedAt = now;
        token.expiresAt = now.plus(config.refreshTokenTtl());
        tokens.persist(token);
        return opaque;
    }

    private static ApiException invalid() {
        return new ApiException(ProblemType.INVALID_TOKEN, "the refresh token is invalid, expired or revoked");
    }
}
