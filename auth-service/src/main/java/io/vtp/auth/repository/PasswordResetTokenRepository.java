package io.vtp.auth.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vtp.auth.domain.PasswordResetToken;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PasswordResetTokenRepository implements PanacheRepositoryBase<PasswordResetToken, UUID> {

    public Optional<PasswordResetToken> findByHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResultOptional();
    }

    /** Marks a token used unless it was used before; false on a second use. */
    public boolean markUsed(UUID id, Instant now) {
        return update("usedAt = ?1 where id = ?2 and usedAt is null", now, id) == 1;
    }

    public long countIssuedSince(UUID userId, Instant since) {
        return count("userId = ?1 and createdAt > ?2", userId, since);
    }

    /** Deletes tokens that expired before {@code before} (used or not). */
    public long purgeExpiredBefore(Instant before) {
        return delete("expiresAt < ?1", before);
    }

    /** Invalidates every open reset token of a user (after a successful reset). */
    public void invalidateAllOfUser(UUID userId, Instant now) {
        update("usedAt = ?1 where userId = ?2 and usedAt is null", now, userId);
    }
}
