package io.vtp.streaming.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vtp.streaming.domain.TranscodeJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<TranscodeJob, UUID> {

    /**
     * Claims the oldest queued job, or a running one whose lease ran out (its worker died): leased
     * until {@code leaseUntil}, attempt counted. Null when there is none.
     */
    public Uni<UUID> claimNext(Instant now, Instant leaseUntil) {
        String sql = "update transcode_jobs set status = 'running', lease_until = :until, attempts = attempts + 1,"
                + " started_at = coalesce(started_at, :now)"
                + " where id = (select id from transcode_jobs where status in ('queued', 'running')"
                + " and (lease_until is null or lease_until < :now)"
                + " order by created_at limit 1 for update skip locked) returning id";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, UUID.class)
                        .setParameter("until", leaseUntil).setParameter("now", now).getResultList())
                .map(ids -> ids.isEmpty() ? null : ids.get(0));
    }

    public Uni<TranscodeJob> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The queued or running job of a recording, if any. */
    public Uni<TranscodeJob> active(UUID recordingId) {
        return find("recordingId = ?1 and status in ('queued', 'running')", recordingId).firstResult();
    }

    /** The recording's most recent job, if any. */
    public Uni<TranscodeJob> latest(UUID recordingId) {
        return find("recordingId = ?1 order by createdAt desc", recordingId).firstResult();
    }

    public Uni<List<TranscodeJob>> activeOf(UUID recordingId) {
        return find("recordingId = ?1 and status in ('queued', 'running')", recordingId).list();
    }
}
