package io.vtp.streaming.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vtp.kit.jobs.LeasedJobs;
import io.vtp.media.ffmpeg.MediaException;
import io.vtp.streaming.config.StreamingConfig;
import io.vtp.streaming.media.FfmpegRun;
import io.vtp.streaming.repository.JobRepository;
import io.vtp.streaming.repository.MediaSourceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs transcode jobs. The queue is the transcode_jobs table: a job is claimed with a lease
 * ({@code FOR UPDATE SKIP LOCKED}), renewed with every progress report, so replicas share the work
 * and a job whose worker died is taken over when its lease runs out; nothing is lost on restart.
 * A new job wakes the worker at once; polling is the fallback. At most
 * {@code vtp.streaming.transcode.concurrency} jobs run at once per instance, each on a thread and a
 * Vert.x context of its own. A job cancelled meanwhile is noticed at its next progress report and
 * its ffmpeg killed.
 */
@ApplicationScoped
public class TranscodeWorker {

    private static final Logger LOG = Logger.getLogger(TranscodeWorker.class);

    private final JobRepository jobs;
    private final MediaSourceRepository sources;
    private final TranscodePipeline pipeline;
    private final TranscodeOutcomes outcomes;
    private final StreamingConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final LeasedJobs queue;
    private final Map<UUID, FfmpegRun> runs = new ConcurrentHashMap<>();

    public TranscodeWorker(JobRepository jobs, MediaSourceRepository sources, TranscodePipeline pipeline,
                           TranscodeOutcomes outcomes, StreamingConfig config, Clock clock, Vertx vertx) {
        this.jobs = jobs;
        this.sources = sources;
        this.pipeline = pipeline;
        this.outcomes = outcomes;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
        this.queue = new LeasedJobs(vertx, "transcode", config.transcode().concurrency(), this::claim, this::process);
    }

    void shutdown(@Observes ShutdownEvent event) {
        runs.values().forEach(FfmpegRun::cancel); // the lease runs out and another instance takes the job over
        queue.shutdown();
    }

    /** Jobs this instance is running right now. */
    public int running() {
        return queue.running();
    }

    @Scheduled(every = "${vtp.streaming.transcode.poll-interval}", delayed = "2s")
    void poll() {
        queue.wake();
    }

    /** Called after a commit that queued a job: start it now rather than at the next poll. */
    public void wake() {
        queue.wake();
    }

    /** Kills the ffmpeg of {@code jobId} if this instance runs it (after the job was marked cancelled). */
    public void cancelled(UUID jobId) {
        FfmpegRun run = runs.get(jobId);
        if (run != null) {
            run.cancel();
        }
    }

    private Uni<UUID> claim() {
        Instant now = Instant.now(clock);
        return Panache.withTransaction(() -> jobs.claimNext(now, now.plus(config.transcode().lease())));
    }

    private Uni<Void> process(UUID id, Context context) {
        return Panache.withTransaction(() -> jobs.findForUpdate(id).chain(job -> sources.findById(job.recordingId)
                        .chain(source -> outcomes.started(job, source))))
                .chain(work -> {
                    if (work == null) {
                        return Uni.createFrom().voidItem(); // cancelled or its recording deleted meanwhile
                    }
                    FfmpegRun run = new FfmpegRun();
                    runs.put(work.jobId(), run);
                    ProgressReporter reporter = new ProgressReporter(work.jobId(), run);
                    return queue.blocking(context, () -> new Outcome(pipeline.run(work, run, reporter), null, null, false))
                            .onFailure().recoverWithItem(Outcome::of)
                            .chain(outcome -> {
                                runs.remove(work.jobId());
                                return queue.stopping() && outcome.cancelled()
                                        ? Uni.createFrom().voidItem() // shutting down: the lease runs out, another instance resumes
                                        : outcomes.record(work.jobId(), outcome);
                            });
                });
    }

    /** What the pipeline made of a job. */
    public record Outcome(TranscodePipeline.Result result, MediaException mediaFailure, Throwable infraFailure,
                          boolean cancelled) {

        static Outcome of(Throwable failure) {
            if (failure instanceof MediaException m) {
                return new Outcome(null, m, null, false);
            }
            return new Outcome(null, null, failure, failure instanceof FfmpegRun.Failed f && f.cancelled());
        }
    }

    /**
     * Progress from the worker thread to the database, at most every progress-interval: stage and
     * percentage, the lease renewed, a transcode.progress event; a job found cancelled is killed.
     * Each report runs on a Vert.x context of its own: it may overlap the job's own transactions,
     * and a reactive session must never be shared by two at once.
     */
    private final class ProgressReporter implements TranscodePipeline.Progress {
        private final UUID jobId;
        private final FfmpegRun run;
        private volatile long lastAt;
        private volatile String lastStage = "";

        ProgressReporter(UUID jobId, FfmpegRun run) {
            this.jobId = jobId;
            this.run = run;
        }

        @Override
        public void report(String stage, double percent) {
            long now = System.nanoTime();
            boolean stageChanged = !stage.equals(lastStage);
            if (!stageChanged && now - lastAt < config.transcode().progressInterval().toNanos()) {
                return;
            }
            lastAt = now;
            lastStage = stage;
            Context context = LeasedJobs.isolatedContext(vertx);
            context.runOnContext(ignored -> outcomes.progress(jobId, stage, percent)
                    .subscribe().with(stillRunning -> {
                        if (!stillRunning) {
                            run.cancel();
                        }
                    }, failure -> LOG.debugf("Progress of job %s not saved: %s", jobId, failure.getMessage())));
        }
    }
}
