package io.vtp.streaming.rest.dto;

import io.vtp.streaming.domain.TranscodeJob;
import io.vtp.streaming.media.Rung;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A transcode job as clients see it. {@code ready} tells whether the recording has a published
 * ladder (an earlier one may still be served while a new job runs); {@code master_url} is where
 * players start.
 */
public record TranscodeJobResponse(UUID jobId, UUID recordingId, String status, String stage, double percent,
                                   boolean custom, List<RungBody> rungs, Instant createdAt, Instant startedAt,
                                   Instant finishedAt, Error error, boolean ready, String masterUrl) {

    /** Why a job failed (or that it was cancelled). */
    public record Error(String stage, String reason) {
    }

    public static TranscodeJobResponse of(TranscodeJob job, List<Rung> rungs, boolean ready) {
        return new TranscodeJobResponse(job.id, job.recordingId, job.status, job.stage, Math.round(job.percent * 10) / 10.0,
                job.custom, rungs.stream().map(r -> new RungBody(r.height(), r.bitrateKbps())).toList(),
                job.createdAt, job.startedAt, job.finishedAt,
                job.errorMessage == null ? null : new Error(job.errorStage, job.errorMessage), ready,
                ready ? "/api/v1/recordings/" + job.recordingId + "/stream/master.m3u8" : null);
    }
}
