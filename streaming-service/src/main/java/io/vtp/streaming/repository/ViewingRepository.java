package io.vtp.streaming.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vtp.streaming.domain.ViewingPosition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.UUID;

@ApplicationScoped
public class ViewingRepository implements PanacheRepositoryBase<ViewingPosition, ViewingPosition.Key> {

    public Uni<ViewingPosition> find(UUID userId, UUID recordingId) {
        return findById(new ViewingPosition.Key(userId, recordingId));
    }

    public Uni<ViewingPosition> findForUpdate(UUID userId, UUID recordingId) {
        return findById(new ViewingPosition.Key(userId, recordingId), LockModeType.PESSIMISTIC_WRITE);
    }
}
