package io.vtp.streaming.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vtp.kit.persistence.PgErrors;
import io.vtp.kit.problem.ApiException;
import io.vtp.streaming.config.MediaComponents.DefaultLadder;
import io.vtp.streaming.domain.JobStatus;
import io.vtp.streaming.domain.MediaSource;
import io.vtp.streaming.domain.TranscodeJob;
import io.vtp.streaming.media.Rung;
import io.vtp.streaming.repository.JobRepository;
import io.vtp.streaming.repository.RenditionRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Queues, cancels and reports transcode jobs. */
@ApplicationScoped
public class TranscodeService {

    public static final int MAX_RUNGS = 8;

    /** A job and whether its recording has a published ladder. */
    public record JobView(TranscodeJob job, boolean ready) {
    }

    private final PlaybackAccess access;
    private final JobRepository jobs;
    private final RenditionRepository renditions;
    private final TranscodeWorker worker;
    private final TranscodeOutcomes outcomes;
    private final DefaultLadder defaults;
    private final Json json;
    private final Clock clock;

    public TranscodeService(PlaybackAccess access, JobRepository jobs, RenditionRepository renditions,
                            TranscodeWorker worker, TranscodeOutcomes outcomes,
                            DefaultLadder defaults, Json json, Clock clock) {
        this.access = access;
        this.jobs = jobs;
        this.renditions = renditions;
        this.worker = worker;
        this.outcomes = outcomes;
        this.defaults = defaults;
        this.json = json;
        this.clock = clock;
    }

    /** {@code POST transcode}: the default ladder again. */
    public Uni<TranscodeJob> transcode(Viewer viewer, UUID recordingId) {
        return queue(viewer, recordingId, defaults.rungs(), false);
    }

    /** {@code POST transcode/quality}: a ladder of the caller's rungs (validated). */
    public Uni<TranscodeJob> transcodeCustom(Viewer viewer, UUID recordingId, List<Rung> rungs) {
        validate(rungs);
        return queue(viewer, recordingId, rungs, true);
    }

    /** Queues the default ladder for a newly completed recording (from its event), unless one is queued. */
    public Uni<Void> queueForNewSource(MediaSource source) {
        return jobs.active(source.recordingId).chain(active -> active != null ? Uni.createFrom().voidItem()
                : jobs.persist(newJob(source.recordingId, defaults.rungs(), false, null)).replaceWithVoid());
    }

    public Uni<JobView> progress(Viewer viewer, UUID recordingId) {
        return Panache.withSession(() -> access.watchable(viewer, recordingId)
                .chain(source -> jobs.latest(recordingId))
                .chain(job -> {
                    if (job == null) {
                        return Uni.createFrom().failure(ApiException.notFound(
                                "recording " + recordingId + " has no transcode job yet"));
                    }
                    return renditions.findById(recordingId).map(r -> new JobView(job, r != null));
                }));
    }

    /**
     * The latest job's progress as it changes, polled once a second on the request's Vert.x
     * context (so it works whichever replica runs the job), ending after the job ends.
     */
    public Multi<JobView> progressEvents(Viewer viewer, UUID recordingId) {
        Context context = Vertx.currentContext();
        return Multi.createFrom().<JobView>emitter(emitter -> {
            AtomicReference<String> last = new AtomicReference<>("");
            AtomicLong timer = new AtomicLong(-1);
            Runnable poll = () -> context.runOnContext(ignored -> progress(viewer, recordingId).subscribe().with(view -> {
                String state = view.job().status + "/" + view.job().stage + "/" + view.job().percent + "/" + view.ready();
                if (!state.equals(last.getAndSet(state))) {
                    emitter.emit(view);
                }
                if (!JobStatus.of(view.job().status).active()) {
                    context.owner().cancelTimer(timer.get());
                    emitter.complete();
                }
            }, failure -> {
                context.owner().cancelTimer(timer.get());
                emitter.fail(failure);
            }));
            timer.set(context.owner().setPeriodic(1000, id -> poll.run()));
            emitter.onTermination(() -> context.owner().cancelTimer(timer.get()));
            poll.run();
        });
    }

    /** {@code DELETE transcode}: cancels the queued or running job; its ffmpeg is killed. */
    public Uni<TranscodeJob> cancel(Viewer viewer, UUID recordingId) {
        return Panache.withTransaction(() -> access.manageable(viewer, recordingId)
                        .chain(source -> jobs.active(recordingId))
                        .chain(active -> {
                            if (active == null) {
                                return Uni.createFrom().failure(new ApiException(StreamingProblems.NO_ACTIVE_TRANSCODE,
                                        "recording " + recordingId + " has no queued or running transcode"));
                            }
                            return jobs.findForUpdate(active.id).chain(job -> outcomes.cancel(job, Instant.now(clock))
                                    .replaceWith(job));
                        }))
                .invoke(job -> worker.cancelled(job.id));
    }

    private Uni<TranscodeJob> queue(Viewer viewer, UUID recordingId, List<Rung> rungs, boolean custom) {
        return Panache.withTransaction(() -> access.manageable(viewer, recordingId)
                        .chain(source -> jobs.active(recordingId))
                        .chain(active -> {
                            if (active != null) {
                                return Uni.createFrom().failure(inProgress(active));
                            }
                            TranscodeJob job = newJob(recordingId, rungs, custom, viewer.id());
                            return jobs.persist(job).call(() -> Panache.getSession().chain(s -> s.flush()));
                        }))
                .onFailure(e -> PgErrors.isUniqueViolation(e, "transcode_jobs_active")).transform(e -> new ApiException(StreamingProblems.TRANSCODE_ACTIVE,
                        "a transcode of recording " + recordingId + " is already queued or running"))
                .invoke(job -> worker.wake());
    }

    private TranscodeJob newJob(UUID recordingId, List<Rung> rungs, boolean custom, UUID by) {
        TranscodeJob job = new TranscodeJob();
        job.id = UUID.randomUUID();
        job.recordingId = recordingId;
        job.status = JobStatus.QUEUED.value();
        job.rungs = json.rungs(rungs);
        job.custom = custom;
        job.requestedBy = by;
        job.stage = "queued";
        job.createdAt = Instant.now(clock);
        return job;
    }

    static ApiException inProgress(TranscodeJob job) {
        return new ApiException(StreamingProblems.TRANSCODE_ACTIVE, "a transcode of recording " + job.recordingId
                + " is already " + job.status).withExtension("progress", progressMembers(job));
    }

    /** The job as the {@code progress} member of a problem. */
    static Map<String, Object> progressMembers(TranscodeJob job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_id", job.id.toString());
        m.put("status", job.status);
        m.put("stage", job.stage);
        m.put("percent", Math.round(job.percent * 10) / 10.0);
        return m;
    }

    private static void validate(List<Rung> rungs) {
        if (rungs == null || rungs.isEmpty()) {
            throw ApiException.invalidField("rungs", "must list at least one rung");
        }
        if (rungs.size() > MAX_RUNGS) {
            throw ApiException.invalidField("rungs", "must list at most " + MAX_RUNGS + " rungs");
        }
        Set<Integer> heights = new HashSet<>();
        for (int i = 0; i < rungs.size(); i++) {
            Rung r = rungs.get(i);
            if (r == null) {
                throw ApiException.invalidField("rungs[" + i + "]", "must be an object with height and bitrate_kbps");
            }
            String problem = r.problem();
            if (problem != null) {
                throw ApiException.invalidField("rungs[" + i + "]", problem);
            }
            if (!heights.add(r.height())) {
                throw ApiException.invalidField("rungs[" + i + "].height", "two rungs of height " + r.height());
            }
        }
    }
}
