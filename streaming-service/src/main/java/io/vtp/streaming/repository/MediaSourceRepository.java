package io.vtp.streaming.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vtp.streaming.domain.MediaSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

@ApplicationScoped
public class MediaSourceRepository implements PanacheRepositoryBase<MediaSource, UUID> {

    /** The source unless unknown or deleted. */
    public Uni<MediaSource> findLive(UUID id) {
        return find("recordingId = ?1 and deleted = false", id).firstResult();
    }

    public Uni<MediaSource> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
