package io.vtp.streaming.messaging;

import io.smallrye.mutiny.Uni;
import io.vtp.events.EventType;
import io.vtp.kit.outbox.Outbox;
import io.vtp.streaming.domain.TranscodeJob;
import io.vtp.streaming.media.Ladder;
import io.vtp.streaming.media.Rung;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The events of topic {@code vtp.media} (schemas in event-contracts), written to the outbox in the
 * caller's transaction and keyed by recording id, so each recording's events stay in order.
 */
@ApplicationScoped
public class MediaEvents {

    record Started(UUID jobId, UUID recordingId, boolean custom, List<RungData> rungs, Instant startedAt) {
    }

    record RungData(int height, int bitrateKbps) {
    }

    record Progress(UUID jobId, UUID recordingId, double percent, String stage, Instant updatedAt) {
    }

    record Ready(UUID recordingId, UUID jobId, String masterPlaylistPath, String dashManifestPath,
                 String thumbnailPath, double durationSeconds, List<RenditionData> renditions, Instant readyAt) {
    }

    record RenditionData(String name, int width, int height, int bitrateKbps, String codecs) {
    }

    record Failed(UUID jobId, UUID recordingId, String stage, String reason, boolean retryable, Instant failedAt) {
    }

    private final Outbox outbox;

    public MediaEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> started(TranscodeJob job, List<Rung> rungs, Instant at) {
        return append(EventType.MEDIA_TRANSCODE_STARTED, job.recordingId, new Started(job.id, job.recordingId, job.custom,
                rungs.stream().map(r -> new RungData(r.height(), r.bitrateKbps())).toList(), at), at);
    }

    public Uni<Void> progress(TranscodeJob job, Instant at) {
        return append(EventType.MEDIA_TRANSCODE_PROGRESS, job.recordingId,
                new Progress(job.id, job.recordingId, Math.round(job.percent * 10) / 10.0, job.stage, at), at);
    }

    /** The ladder under {@code prefix} is published. */
    public Uni<Void> ready(TranscodeJob job, String prefix, Ladder ladder, boolean poster, Instant at) {
        List<RenditionData> renditions = ladder.hasVideo()
                ? ladder.video().stream().map(v -> new RenditionData(v.name(), v.width(), v.height(), v.bitrateKbps(),
                        ladder.audio() == null ? v.codecs() : v.codecs() + "," + ladder.audio().codecs())).toList()
                : List.of(new RenditionData("audio", 0, 0, 0, ladder.audio().codecs()));
        return append(EventType.MEDIA_READY, job.recordingId, new Ready(job.recordingId, job.id,
                prefix + "master.m3u8", prefix + "manifest.mpd", poster ? prefix + "poster.jpg" : null,
                ladder.durationSeconds(), renditions, at), at);
    }

    public Uni<Void> failed(TranscodeJob job, boolean retryable, Instant at) {
        return append(EventType.MEDIA_TRANSCODE_FAILED, job.recordingId, new Failed(job.id, job.recordingId,
                job.errorStage, job.errorMessage, retryable, at), at);
    }

    private Uni<Void> append(EventType type, UUID key, Object data, Instant at) {
        return outbox.append(type, key.toString(), data, at).replaceWithVoid();
    }
}
