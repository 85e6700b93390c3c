package io.vtp.auth.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.vtp.auth.domain.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEvent> {

    /**
     * Makes this transaction the only relay until it ends; false if another replica's relay is
     * running. One relay at a time keeps events in order across replicas.
     */
    public boolean becomeRelay() {
        return (Boolean) getEntityManager()
                .createNativeQuery("select pg_try_advisory_xact_lock(hashtext('vtp.outbox.relay'))")
                .getSingleResult();
    }

    /** The oldest unpublished events, in the order they were written. */
    public List<OutboxEvent> pending(int limit) {
        return find("publishedAt is null order by seq").page(0, limit).list();
    }

    public long countPending() {
        return count("publishedAt is null");
    }

    public long purgePublishedBefore(Instant before) {
        return delete("publishedAt < ?1", before);
    }
}
