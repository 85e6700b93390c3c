package io.vtp.recording.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vtp.recording.domain.Upload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class UploadRepository implements PanacheRepositoryBase<Upload, UUID> {

    public Uni<Upload> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Unfinished uploads whose expiry passed. */
    public Uni<List<Upload>> expired(Instant now, int max) {
        return find("recordingId is null and expiresAt < ?1 order by expiresAt", now).page(0, max).list();
    }
}
