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

    /** Sessions nobody has reported on since {@code before}, oldest first, locked (skipping those others hold). */
    public Uni<java.util.List<ViewingPosition>> idleSince(java.time.Instant before, int max) {
        return getSession().chain(s -> s.createNativeQuery("select * from viewing_positions where last_event <> 'ended'"
                        + " and reported_at < :before order by reported_at limit :max for update skip locked", ViewingPosition.class)
                .setParameter("before", before).setParameter("max", max).getResultList());
    }

    public Uni<ViewingPosition> findForUpdate(UUID userId, UUID recordingId) {
        return findById(new ViewingPosition.Key(userId, recordingId), LockModeType.PESSIMISTIC_WRITE);
    }
}
