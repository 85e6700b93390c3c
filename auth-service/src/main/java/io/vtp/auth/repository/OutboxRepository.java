package io.vtp.auth.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.vtp.auth.domain.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.jpa.SpecHints;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEvent> {

    /**
     * The oldest unpublished events, locked so that two replicas never relay the same batch
     * (rows locked by another relay are skipped).
     */
    public List<OutboxEvent> lockPending(int limit) {
        return find("publishedAt is null order by seq")
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint(SpecHints.HINT_SPEC_LOCK_TIMEOUT, -2) // SKIP LOCKED
                .page(0, limit)
                .list();
    }

    public long countPending() {
        return count("publishedAt is null");
    }

    public long purgePublishedBefore(Instant before) {
        return delete("publishedAt < ?1", before);
    }
}
