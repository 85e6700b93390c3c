package io.vtp.auth.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.vtp.auth.domain.RefreshTokenFamily;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class RefreshTokenFamilyRepository implements PanacheRepositoryBase<RefreshTokenFamily, UUID> {

    public void revoke(UUID familyId, String reason, Instant now) {
        update("revokedAt = ?1, revokedReason = ?2 where id = ?3 and revokedAt is null", now, reason, familyId);
    }

    public int revokeAllOfUser(UUID userId, String reason, Instant now) {
        return update("revokedAt = ?1, revokedReason = ?2 where userId = ?3 and revokedAt is null",
                now, reason, userId);
    }
}
