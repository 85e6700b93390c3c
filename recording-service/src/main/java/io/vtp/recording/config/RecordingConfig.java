package io.vtp.recording.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** recording-service's own settings ({@code vtp.recording.*}). */
@ConfigMapping(prefix = "vtp.recording")
public interface RecordingConfig {

    /**
     * Local scratch space: tus staging files and FFmpeg's work files. Not the media store; in
     * Kubernetes an emptyDir (or a volume shared by the replicas when resumable uploads must
     * survive a pod change).
     */
    @WithDefault("${java.io.tmpdir}/vtp-recording")
    Path workDir();

    Capture capture();

    Imports imports();

    Processing processing();

    Media media();

    /** How long a signed download URL from {@code GET /recordings/{id}/download-url} stays valid. */
    @WithDefault("15m")
    Duration downloadUrlTtl();

    /** Soft-deleted recordings: how often their media is swept from the store. */
    @WithDefault("1m")
    Duration purgeInterval();

    interface Capture {
        /** Largest chunk a browser may send (413 above it). */
        @WithDefault("8M")
        MemorySize maxChunkBytes();

        /** Highest chunk sequence number accepted (a 250 ms timeslice reaches 57,600 in four hours). */
        @WithDefault("99999")
        int maxSeq();

        /** A recording that receives no chunk for this long is stopped automatically. */
        @WithDefault("10m")
        Duration idleTimeout();

        /** How often idle recordings are looked for. */
        @WithDefault("30s")
        Duration idleCheckInterval();
    }

    interface Imports {
        /** Largest file an import (raw, multipart or tus) may have. */
        @WithDefault("20G")
        MemorySize maxBytes();

        /** An unfinished tus upload is forgotten (and its bytes deleted) this long after its last PATCH. */
        @WithDefault("24h")
        Duration uploadExpiry();

        /**
         * How much of an upload's body (raw import, tus PATCH) the connection reads ahead of the
         * writer before it is paused: the socket and the disk work at once, at this much heap per upload.
         */
        @WithDefault("1M")
        MemorySize readAhead();

        /** An upload whose client sends nothing for this long fails (and its connection is dropped). */
        @WithDefault("60s")
        Duration idleTimeout();
    }

    interface Processing {
        /** Recordings processed at once by one instance (FFmpeg remuxes are I/O-bound: 2 fit 2 cores). */
        @WithDefault("2")
        int concurrency();

        /** Longest a single FFmpeg or ffprobe run may take. */
        @WithDefault("30m")
        Duration timeout();

        /** How long a claimed job is held before another replica may take it over. */
        @WithDefault("40m")
        Duration lease();

        /** How often the job table is polled (a stop or an import wakes the worker at once). */
        @WithDefault("5s")
        Duration pollInterval();

        /** Attempts before a recording whose processing keeps failing for infrastructure reasons fails. */
        @WithDefault("3")
        int maxAttempts();
    }

    interface Media {
        /** Smallest accepted video width or height. */
        @WithDefault("16")
        int minDimension();

        /** Largest accepted video width or height. */
        @WithDefault("8192")
        int maxDimension();

        /** Longest accepted recording. */
        @WithDefault("12h")
        Duration maxDuration();
    }
}
