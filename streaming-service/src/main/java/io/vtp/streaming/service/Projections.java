package io.vtp.streaming.service;

import io.smallrye.mutiny.Uni;
import io.vtp.streaming.domain.MediaSource;
import io.vtp.streaming.domain.TranscodeJob;
import io.vtp.streaming.repository.JobRepository;
import io.vtp.streaming.repository.MediaSourceRepository;
import io.vtp.streaming.repository.RenditionRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps streaming-service's view of recordings from vtp.recordings (in the inbox's transaction): a
 * completed recording becomes a source and gets its default ladder queued; a deleted one is
 * withdrawn at once (its jobs cancelled, its ladder unpublished and its files deleted).
 */
@ApplicationScoped
public class Projections {

    /** What recording.completed says of the media. */
    public record Completed(UUID recordingId, UUID ownerId, UUID courseId, String title, String storageKey,
                            double durationSeconds, Integer width, Integer height, Boolean hasVideo, Boolean hasAudio,
                            String videoCodec, String audioCodec, Instant completedAt) {
    }

    private final MediaSourceRepository sources;
    private final JobRepository jobs;
    private final RenditionRepository renditions;
    private final TranscodeService transcodes;
    private final TranscodeOutcomes outcomes;
    private final TranscodeWorker worker;
    private final Clock clock;

    public Projections(MediaSourceRepository sources, JobRepository jobs, RenditionRepository renditions,
                       TranscodeService transcodes, TranscodeOutcomes outcomes, TranscodeWorker worker, Clock clock) {
        this.sources = sources;
        this.jobs = jobs;
        this.renditions = renditions;
        this.transcodes = transcodes;
        this.outcomes = outcomes;
        this.worker = worker;
        this.clock = clock;
    }

    /** A completed recording: a new source with its default ladder queued (a redelivery changes nothing). */
    public Uni<Void> completed(Completed c) {
        return sources.findForUpdate(c.recordingId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem(); // the recording completed once; a re-run is asked for explicitly
            }
            MediaSource s = new MediaSource();
            s.recordingId = c.recordingId();
            s.ownerId = c.ownerId();
            s.courseId = c.courseId();
            s.title = c.title() == null ? "" : c.title();
            s.storageKey = c.storageKey();
            s.durationSeconds = c.durationSeconds();
            s.width = c.width();
            s.height = c.height();
            s.hasVideo = c.hasVideo() != null ? c.hasVideo() : c.videoCodec() != null;
            s.hasAudio = c.hasAudio() != null ? c.hasAudio() : c.audioCodec() != null;
            s.completedAt = c.completedAt() != null ? c.completedAt() : Instant.now(clock);
            return sources.persist(s).chain(saved -> transcodes.queueForNewSource(saved));
        });
    }

    /** A deleted recording: nothing of it is served any more. */
    public Uni<Void> deleted(UUID recordingId) {
        Instant now = Instant.now(clock);
        return sources.findForUpdate(recordingId).chain(source -> {
            if (source == null || source.deleted) {
                return Uni.createFrom().voidItem();
            }
            source.deleted = true;
            return jobs.activeOf(recordingId).chain(active -> cancelAll(active, now))
                    .chain(() -> renditions.findById(recordingId))
                    .chain(r -> r == null ? Uni.createFrom().voidItem()
                            : renditions.retire(r.prefix, recordingId, now).chain(() -> renditions.delete(r)));
        });
    }

    /** After the inbox committed: a queued job starts now, a cancelled one stops now. */
    public void afterCommit() {
        worker.wake();
    }

    private Uni<Void> cancelAll(List<TranscodeJob> active, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (TranscodeJob job : active) {
            chain = chain.chain(() -> jobs.findForUpdate(job.id).chain(locked -> outcomes.cancel(locked, now))
                    .invoke(() -> worker.cancelled(job.id)));
        }
        return chain;
    }
}
