package io.vtp.auth.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vtp.auth.domain.RefreshToken;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    public Optional<RefreshToken> findByHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResultOptional();
    }

    /** Deletes tokens whose lifetime ended before {@code before}: they can never be presented again. */
    public long purgeExpiredBefore(Instant before) {
        return delete("expiresAt < ?1", before);
    }

    /**
     * Marks a token used if nobody used it before; false when it was already used (a replay, or a
     * concurrent refresh with the same token that won the race).
     */
    public boolean markUsed(UUID id, Instant now) {
        return update("usedAt = ?1 where id = ?2 and usedAt is null", now, id) == 1;
    }
}
