package io.vtp.streaming.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vtp.streaming.domain.Rendition;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RenditionRepository implements PanacheRepositoryBase<Rendition, UUID> {

    /** Files under {@code prefix} may be deleted after {@code after}. */
    public Uni<Void> retire(String prefix, UUID recordingId, Instant after) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into retired_renditions (prefix, recording_id, delete_after) values (:p, :r, :a)"
                                + " on conflict (prefix) do update set delete_after = least(retired_renditions.delete_after, excluded.delete_after)")
                .setParameter("p", prefix).setParameter("r", recordingId).setParameter("a", after).executeUpdate())
                .replaceWithVoid();
    }

    /** Retired prefixes whose grace period is over. */
    public Uni<List<String>> retiredDue(Instant now, int max) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select prefix from retired_renditions where delete_after <= :now order by delete_after limit :max",
                        String.class).setParameter("now", now).setParameter("max", max).getResultList());
    }

    public Uni<Void> forgetRetired(String prefix) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from retired_renditions where prefix = :p")
                .setParameter("p", prefix).executeUpdate()).replaceWithVoid();
    }
}
