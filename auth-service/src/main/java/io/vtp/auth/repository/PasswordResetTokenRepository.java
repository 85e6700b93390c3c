package io.vtp.auth.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vtp.auth.domain.PasswordResetToken;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class PasswordResetTokenRepository implements PanacheRepositoryBase<PasswordResetToken, UUID> {

    /** The token with this hash, or null. */
    public Uni<PasswordResetToken> findByHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /** Marks a token used unless it was used before; false on a second use. */
    public Uni<Boolean> markUsed(UUID id, Instant now) {
        return update("usedAt = ?1 where id = ?2 and usedAt is null", now, id).map(n -> n == 1);
    }

    public Uni<Long> countIssuedSince(UUID userId, Instant since) {
        return count("userId = ?1 and createdAt > ?2", userId, since);
    }

    /** Deletes tokens that expired before {@code before} (used or not). */
    public Uni<Long> purgeExpiredBefore(Instant before) {
        return delete("expiresAt < ?1", before);
    }

    /** Invalidates every open reset token of a user (after a successful reset). */
    public Uni<Integer> invalidateAllOfUser(UUID userId, Instant now) {
        return update("usedAt = ?1 where userId = ?2 and usedAt is null", now, userId);
    }
}
