package io.vtp.streaming.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** streaming-service's settings ({@code vtp.streaming.*}). */
@ConfigMapping(prefix = "vtp.streaming")
public interface StreamingConfig {

    /**
     * Local scratch space: the source copy and the ladder being encoded. Not the media store; in
     * Kubernetes an emptyDir sized for a few GiB.
     */
    @WithDefault("${java.io.tmpdir}/vtp-streaming")
    Path workDir();

    Transcode transcode();

    /** How often replaced or withdrawn ladders whose grace period is over are deleted from the store. */
    @WithDefault("1m")
    Duration purgeInterval();

    Playback playback();

    interface Transcode {
        /** Jobs run at once per instance; each ffmpeg uses every core, so 1 fits 2 cores. */
        @WithDefault("1")
        int concurrency();

        /** How long a claimed job is this instance's before another may take it over; renewed while it runs. */
        @WithDefault("2m")
        Duration lease();

        /** How often the queue is checked when nothing woke the worker. */
        @WithDefault("10s")
        Duration pollInterval();

        /** Attempts before a job that keeps failing for infrastructure reasons (not its media) fails. */
        @WithDefault("3")
        int maxAttempts();

        /** Longest a ladder may encode before it is killed and failed. */
        @WithDefault("6h")
        Duration timeout();

        /** libx264 preset: speed against bits. */
        @WithDefault("veryfast")
        String preset();

        /** Constant rate factor of the capped-CRF rungs (lower is better and bigger). */
        @WithDefault("23")
        int crf();

        /** Highest frame rate of any rung; faster sources are reduced to it. */
        @WithDefault("30")
        int maxFps();

        /** The default ladder as {@code height:kbps}, lowest first. */
        @WithDefault("360:500,480:1000,720:2000,1080:4000")
        List<String> rungs();

        /** AAC bit rate of the audio rendition, in kbps. */
        @WithDefault("128")
        int audioKbps();

        /** Shortest time between two progress events of one job. */
        @WithDefault("2s")
        Duration progressInterval();
    }

    interface Playback {
        /**
         * Lifetime of the token in playlist and segment URIs: long enough to watch a lecture through
         * (a player keeps the URIs of the master it was given).
         */
        @WithDefault("6h")
        Duration tokenTtl();

        /** How long a replaced ladder's files stay for players still holding its URIs. */
        @WithDefault("6h")
        Duration retiredGrace();

        /** Origins allowed to fetch playlists and segments from web players; {@code *} for any. */
        @WithDefault("*")
        String corsOrigin();

        /** A viewing session ends when its viewer has reported nothing for this long. */
        @WithDefault("30m")
        Duration sessionIdle();
    }
}
