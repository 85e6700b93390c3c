package io.vtp.auth.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vtp.auth.domain.RefreshToken;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    /** The token with this hash, or null. */
    public Uni<RefreshToken> findByHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /** Deletes tokens whose lifetime ended before {@code before}: they can never be presented again. */
    public Uni<Long> purgeExpiredBefore(Instant before) {
        return delete("expiresAt < ?1", before);
    }

    /**
     * Marks a token used if nobody used it before; false when it was already used (a replay, or a
     * concurrent refresh with the same token that won the race).
     */
    public Uni<Boolean> markUsed(UUID id, Instant now) {
        return update("usedAt = ?1 where id = ?2 and usedAt is null", now, id).map(n -> n == 1);
    }
}
