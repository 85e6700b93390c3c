package io.vtp.auth.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vtp.auth.domain.RefreshTokenFamily;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class RefreshTokenFamilyRepository implements PanacheRepositoryBase<RefreshTokenFamily, UUID> {

    public Uni<Integer> revoke(UUID familyId, String reason, Instant now) {
        return update("revokedAt = ?1, revokedReason = ?2 where id = ?3 and revokedAt is null", now, reason, familyId);
    }

    public Uni<Integer> revokeAllOfUser(UUID userId, String reason, Instant now) {
        return update("revokedAt = ?1, revokedReason = ?2 where userId = ?3 and revokedAt is null",
                now, reason, userId);
    }

    /**
     * Deletes families that can never be used again: revoked before {@code before}, or whose every
     * token expired before it. Their tokens go first (foreign key).
     */
    public Uni<Long> purgeDeadBefore(Instant before) {
        String dead = "(f.revokedAt is not null and f.revokedAt < ?1) or not exists"
                + " (select t.id from RefreshToken t where t.familyId = f.id and t.expiresAt >= ?1)";
        return getSession().chain(session -> session
                        .createMutationQuery("delete from RefreshToken t where t.familyId in"
                                + " (select f.id from RefreshTokenFamily f where " + dead + ")")
                        .setParameter(1, before).executeUpdate())
                .chain(() -> getSession()).chain(session -> session
                        .createMutationQuery("delete from RefreshTokenFamily f where " + dead)
                        .setParameter(1, before).executeUpdate())
                .map(Integer::longValue);
    }
}
