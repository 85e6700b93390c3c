package io.vtp.streaming.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.blocking.BlockingWork;
import io.vtp.media.ffmpeg.MediaException;
import io.vtp.media.storage.MediaStore;
import io.vtp.streaming.config.StreamingConfig;
import io.vtp.streaming.domain.JobStatus;
import io.vtp.streaming.domain.MediaSource;
import io.vtp.streaming.domain.Rendition;
import io.vtp.streaming.domain.TranscodeJob;
import io.vtp.streaming.media.Ladder;
import io.vtp.streaming.messaging.MediaEvents;
import io.vtp.streaming.repository.JobRepository;
import io.vtp.streaming.repository.MediaSourceRepository;
import io.vtp.streaming.repository.RenditionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The transactional steps of a transcode job: its start, its progress, and its outcome. Publishing
 * is one transaction: the renditions row points at the new ladder, the previous ladder is retired
 * (deleted after a grace period, for players still holding its URIs), the job is completed and
 * media.ready is written to the outbox. Until that commit players see the previous ladder or none.
 */
@ApplicationScoped
public class TranscodeOutcomes {

    private static final Logger LOG = Logger.getLogger(TranscodeOutcomes.class);

    private final JobRepository jobs;
    private final MediaSourceRepository sources;
    private final RenditionRepository renditions;
    private final MediaEvents events;
    private final MediaStore store;
    private final Json json;
    private final StreamingConfig config;
    private final Clock clock;
    private final BlockingWork blocking;

    public TranscodeOutcomes(JobRepository jobs, MediaSourceRepository sources, RenditionRepository renditions,
                             MediaEvents events, MediaStore store, Json json, StreamingConfig config, Clock clock,
                             BlockingWork blocking) {
        this.blocking = blocking;
        this.jobs = jobs;
        this.sources = sources;
        this.renditions = renditions;
        this.events = events;
        this.store = store;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    /** In the claim's follow-up transaction: the work to do, or null when the job must not run. */
    Uni<TranscodePipeline.Job> started(TranscodeJob job, MediaSource source) {
        if (job == null || !JobStatus.RUNNING.value().equals(job.status)) {
            return Uni.createFrom().nullItem();
        }
        Instant now = Instant.now(clock);
        if (source == null || source.deleted) {
            job.status = JobStatus.CANCELLED.value();
            job.finishedAt = now;
            job.leaseUntil = null;
            return Uni.createFrom().nullItem();
        }
        job.stage = TranscodePipeline.PROBING;
        job.percent = 0;
        job.progressAt = now;
        var rungs = json.rungs(job.rungs);
        return events.started(job, rungs, now)
                .replaceWith(new TranscodePipeline.Job(job.id, job.recordingId, source.storageKey, rungs));
    }

    /** Saves progress and renews the lease; false when the job is no longer running here (cancelled). */
    Uni<Boolean> progress(UUID jobId, String stage, double percent) {
        return Panache.withTransaction(() -> jobs.findForUpdate(jobId).chain(job -> {
            if (job == null || !JobStatus.RUNNING.value().equals(job.status)) {
                return Uni.createFrom().item(false);
            }
            Instant now = Instant.now(clock);
            job.stage = stage;
            job.percent = Math.max(job.percent, Math.min(99, percent));
            job.progressAt = now;
            job.leaseUntil = now.plus(config.transcode().lease());
            return events.progress(job, now).replaceWith(true);
        }));
    }

    Uni<Void> record(UUID jobId, TranscodeWorker.Outcome outcome) {
        return Panache.withTransaction(() -> jobs.findForUpdate(jobId).chain(job -> {
            Instant now = Instant.now(clock);
            if (job == null || !JobStatus.RUNNING.value().equals(job.status)) {
                return Uni.createFrom().item(outcome.result() != null ? outcome.result().prefix() : null); // cancelled meanwhile
            }
            if (outcome.result() != null) {
                return sources.findForUpdate(job.recordingId).chain(source -> {
                    if (source == null || source.deleted) {
                        return cancel(job, now).replaceWith(outcome.result().prefix());
                    }
                    source.durationSeconds = outcome.result().ladder().durationSeconds(); // as probed, not as announced
                    return publish(job, outcome.result(), now).replaceWith((String) null);
                });
            }
            if (outcome.mediaFailure() != null) {
                MediaException e = outcome.mediaFailure();
                return fail(job, e.stage(), e.getMessage(), false, now).replaceWith((String) null);
            }
            if (outcome.cancelled()) {
                return Uni.createFrom().item((String) null); // cancelled by a request: the request already recorded it
            }
            LOG.warnf("Transcode job %s failed (attempt %d of %d): %s", jobId, job.attempts,
                    config.transcode().maxAttempts(), String.valueOf(outcome.infraFailure()));
            if (job.attempts >= config.transcode().maxAttempts()) {
                return fail(job, MediaException.STORAGE, "the ladder could not be made: storage or scratch space failed",
                        true, now).replaceWith((String) null);
            }
            job.leaseUntil = now.plusSeconds(10L * job.attempts); // retried after a short wait, by any instance
            return Uni.createFrom().item((String) null);
        })).chain(orphan -> orphan == null ? Uni.createFrom().voidItem()
                : blocking.run(() -> deleteQuietly(orphan)).replaceWithVoid());
    }

    private Uni<Void> publish(TranscodeJob job, TranscodePipeline.Result result, Instant now) {
        Ladder ladder = result.ladder();
        return renditions.findById(job.recordingId).chain(previous -> {
            Uni<Void> retired = Uni.createFrom().voidItem();
            Rendition r = previous;
            if (r == null) {
                r = new Rendition();
                r.recordingId = job.recordingId;
            } else {
                retired = renditions.retire(previous.prefix, job.recordingId, now.plus(config.playback().retiredGrace()));
            }
            r.jobId = job.id;
            r.prefix = result.prefix();
            r.durationSeconds = ladder.durationSeconds();
            r.ladder = json.ladder(ladder);
            r.publishedAt = now;
            Rendition row = r;
            LOG.infof("Transcode job %s published the ladder of recording %s (%d rungs)", job.id, job.recordingId,
                    ladder.video().size());
            job.status = JobStatus.COMPLETED.value();
            job.stage = TranscodePipeline.FINALIZING;
            job.percent = 100;
            job.finishedAt = now;
            job.progressAt = now;
            job.leaseUntil = null;
            return retired.chain(() -> previous == null ? renditions.persist(row) : Uni.createFrom().item(row))
                    .chain(() -> events.ready(job, result.prefix(), ladder, result.poster(), now));
        });
    }

    Uni<Void> fail(TranscodeJob job, String stage, String reason, boolean retryable, Instant now) {
        LOG.infof("Transcode job %s of recording %s failed at %s: %s", job.id, job.recordingId, stage, reason);
        job.status = JobStatus.FAILED.value();
        job.errorStage = stage;
        job.errorMessage = reason.length() > 500 ? reason.substring(0, 500) : reason;
        job.finishedAt = now;
        job.leaseUntil = null;
        return events.failed(job, retryable, now);
    }

    Uni<Void> cancel(TranscodeJob job, Instant now) {
        job.status = JobStatus.CANCELLED.value();
        job.finishedAt = now;
        job.leaseUntil = null;
        job.errorStage = "cancelled";
        job.errorMessage = "cancelled";
        return events.failed(job, true, now);
    }

    private int deleteQuietly(String prefix) {
        try {
            return store.deletePrefix(prefix);
        } catch (Exception e) {
            LOG.infof("Could not delete the unpublished ladder %s: %s", prefix, e.getMessage());
            return 0;
        }
    }
}
