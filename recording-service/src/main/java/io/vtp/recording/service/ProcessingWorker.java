package io.vtp.recording.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

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
    private final Vertx vertx;
    private final Semaphore slots;
    private final ExecutorService executor;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;

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
        this.vertx = vertx;
        this.slots = new Semaphore(config.processing().concurrency());
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(config.processing().concurrency(), r -> {
            Thread t = new Thread(r, "recording-processing-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void shutdown(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        stopping = true;
        executor.shutdownNow(); // a job cut short keeps its lease and is taken over when it runs out
    }

    /** Jobs being processed by this instance right now. */
    public int running() {
        return running.get();
    }

    @Scheduled(every = "${vtp.recording.processing.poll-interval}", delayed = "2s")
    void poll() {
        startOnNewContext();
    }

    /** Called after a commit that queued a job: start it now rather than at the next poll. */
    public void wake() {
        startOnNewContext();
    }

    /**
     * Every job runs on a Vert.x context of its own: its reactive sessions never meet those of a
     * request or of another job.
     */
    private void startOnNewContext() {
        if (stopping) {
            return;
        }
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true); // isolated: Hibernate Reactive may keep a session in it
        context.runOnContext(ignored -> claimOne(context));
    }

    /** Claims one job if this instance has a free slot, and starts it. */
    private void claimOne(Context context) {
        if (!slots.tryAcquire()) {
            return;
        }
        Instant now = Instant.now(clock);
        Panache.withTransaction(() -> recordings.claimNext(now, now.plus(config.processing().lease())))
                .subscribe().with(id -> {
                    if (id == null) {
                        slots.release();
                        return;
                    }
                    running.incrementAndGet();
                    startOnNewContext(); // another job may be waiting and a slot free
                    process(id, context).subscribe().with(done -> finished(), failure -> {
                        LOG.errorf("Processing recording %s ended unexpectedly: %s", id, failure.toString());
                        finished();
                    });
                }, failure -> {
                    slots.release();
                    LOG.warnf("Could not claim a processing job: %s", failure.getMessage());
                });
    }

    private void finished() {
        running.decrementAndGet();
        slots.release();
        startOnNewContext();
    }

    private Uni<Void> process(UUID id, Context context) {
        return Panache.withSession(() -> recordings.findById(id).chain(r -> r.sourceKey != null
                        ? Uni.createFrom().item(new MediaPipeline.Job(id, List.of(), r.sourceKey))
                        : chunks.all(id).map(list -> new MediaPipeline.Job(id, list, null))))
                .chain(job -> Uni.createFrom().<Outcome>emitter(emitter -> executor.execute(() -> {
                    try {
                        emitter.complete(new Outcome(pipeline.process(job), null, null, job));
                    } catch (MediaException e) {
                        emitter.complete(new Outcome(null, e, null, job));
                    } catch (Exception e) {
                        emitter.complete(new Outcome(null, null, e, job));
                    }
                })).emitOn(runnable -> context.runOnContext(ignored -> runnable.run())))
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
        executor.execute(() -> {
            for (Chunk chunk : outcome.job().chunks()) {
                deleteQuietly(chunk.storageKey());
            }
            if (outcome.job().sourceKey() != null) {
                deleteQuietly(outcome.job().sourceKey());
            }
        });
        return Uni.createFrom().voidItem();
    }

    private void deleteQuietly(String key) {
        try {
            store.delete(key);
        } catch (Exception e) {
            LOG.debugf("Could not delete %s after processing: %s", key, e.getMessage());
        }
    }
}
