package io.vtp.recording.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vtp.kit.jobs.LeasedJobs;
import io.vtp.recording.config.RecordingConfig;
import io.vtp.recording.domain.Recording;
import io.vtp.recording.domain.RecordingStatus;
import io.vtp.media.ffmpeg.MediaException;
import io.vtp.media.ffmpeg.MediaInfo;
import io.vtp.recording.messaging.RecordingEvents;
import io.vtp.recording.repository.ChunkRepository;
import io.vtp.recording.repository.ChunkRepository.Chunk;
import io.vtp.recording.repository.RecordingRepository;
import io.vtp.media.storage.MediaStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns recordings in "processing" into completed or failed ones. The queue is the recordings
 * table: a job is claimed with a lease ({@code FOR UPDATE SKIP LOCKED}), so replicas share the work
 * and a job whose worker died is taken over when its lease runs out; nothing is lost on restart.
 * A stop or an import wakes the worker at once; polling is the fallback. At most
 * {@code vtp.recording.processing.concurrency} jobs run at once per instance, on their own threads.
 */
@ApplicationScoped
public class ProcessingWorker {

    private static final Logger LOG = Logger.getLogger(ProcessingWorker.class);

    private final RecordingRepository recordings;
    private final ChunkRepository chunks;
    private final RecordingEvents events;
    private final MediaPipeline pipeline;
    private final MediaStore store;
    private final RecordingConfig config;
    private final Clock clock;
    private final LeasedJobs jobs;

    public ProcessingWorker(RecordingRepository recordings, ChunkRepository chunks, RecordingEvents events,
                            MediaPipeline pipeline, MediaStore store, RecordingConfig config, Clock clock,
                            Vertx vertx) {
        this.recordings = recordings;
        this.chunks = chunks;
        this.events = events;
        this.pipeline = pipeline;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.jobs = new LeasedJobs(vertx, "recording-processing", config.processing().concurrency(), this::claim,
                this::process);
    }

    void shutdown(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        jobs.shutdown(); // a job cut short keeps its lease and is taken over when it runs out
    }

    /** Jobs being processed by this instance right now. */
    public int running() {
        return jobs.running();
    }

    @Scheduled(every = "${vtp.recording.processing.poll-interval}", delayed = "2s")
    void poll() {
        jobs.wake();
    }

    /** Called after a commit that queued a job: start it now rather than at the next poll. */
    public void wake() {
        jobs.wake();
    }

    private Uni<UUID> claim() {
        Instant now = Instant.now(clock);
        return Panache.withTransaction(() -> recordings.claimNext(now, now.plus(config.processing().lease())));
    }

    private Uni<Void> process(UUID id, Context context) {
        return Panache.withSession(() -> recordings.findById(id).chain(r -> r.sourceKey != null
                        ? Uni.createFrom().item(new MediaPipeline.Job(id, List.of(), r.sourceKey))
                        : chunks.all(id).map(list -> new MediaPipeline.Job(id, list, null))))
                .chain(job -> jobs.blocking(context, () -> new Outcome(pipeline.process(job), null, null, job))
                        .onFailure().recoverWithItem(e -> e instanceof MediaException m
                                ? new Outcome(null, m, null, job)
                                : new Outcome(null, null, e instanceof Exception x ? x : new RuntimeException(e), job)))
                .chain(this::record);
    }

    /** What the pipeline made of a job. */
    record Outcome(MediaPipeline.Result result, MediaException mediaFailure, Exception infraFailure,
                   MediaPipeline.Job job) {
    }

    private Uni<Void> record(Outcome outcome) {
        UUID id = outcome.job().recordingId();
        return Panache.withTransaction(() -> recordings.findForUpdate(id).chain(r -> {
            if (r == null || !RecordingStatus.PROCESSING.value().equals(r.status)) {
                return Uni.createFrom().item(false);
            }
            Instant now = Instant.now(clock);
            if (outcome.result() != null) {
                complete(r, outcome.result(), now);
                return chunks.deleteAll(id).chain(() -> events.completed(r)).replaceWith(true);
            }
            if (outcome.mediaFailure() != null) {
                return fail(r, outcome.mediaFailure().stage(), outcome.mediaFailure().getMessage(), now).replaceWith(true);
            }
            LOG.warnf("Processing recording %s failed (attempt %d of %d): %s", id, r.processingAttempts,
                    config.processing().maxAttempts(), outcome.infraFailure().toString());
            if (r.processingAttempts >= config.processing().maxAttempts()) {
                return fail(r, MediaException.STORAGE, "the media could not be processed: storage was unavailable",
                        now).replaceWith(false);
            }
            r.processingLeaseUntil = now.plusSeconds(5L * r.processingAttempts); // retried after a short wait
            return Uni.createFrom().item(false);
        })).chain(finished -> finished ? cleanUp(outcome) : Uni.createFrom().voidItem());
    }

    private Uni<Void> fail(Recording r, String stage, String reason, Instant now) {
        r.status = RecordingStatus.FAILED.value();
        r.errorStage = stage;
        r.errorMessage = reason.length() > 500 ? reason.substring(0, 500) : reason;
        r.processingLeaseUntil = null;
        return events.failed(r, now);
    }

    private static void complete(Recording r, MediaPipeline.Result result, Instant now) {
        MediaInfo info = result.media().info();
        r.status = RecordingStatus.COMPLETED.value();
        r.completedAt = now;
        r.processingLeaseUntil = null;
        r.storageKey = result.storageKey();
        r.mimeType = result.media().mimeType();
        r.sizeBytes = result.stored().size();
        r.etag = result.stored().etag();
        r.container = info.containerFormat();
        r.durationSeconds = info.durationSeconds();
        r.bitrate = info.bitRate();
        if (info.video() != null) {
            r.videoCodec = info.video().codec();
            r.width = info.video().width();
            r.height = info.video().height();
            r.fps = info.video().fps();
        }
        if (info.audio() != null) {
            r.audioCodec = info.audio().codec();
            r.sampleRate = info.audio().sampleRate();
            r.channels = info.audio().channels();
        }
    }

    /** After the outcome is committed: the inputs are no longer needed. */
    private Uni<Void> cleanUp(Outcome outcome) {
        return jobs.blocking(Vertx.currentContext(), () -> {
            for (Chunk chunk : outcome.job().chunks()) {
                deleteQuietly(chunk.storageKey());
            }
            if (outcome.job().sourceKey() != null) {
                deleteQuietly(outcome.job().sourceKey());
            }
            return null;
        }).replaceWithVoid();
    }

    private void deleteQuietly(String key) {
        try {
            store.delete(key);
        } catch (Exception e) {
            LOG.debugf("Could not delete %s after processing: %s", key, e.getMessage());
        }
    }
}
