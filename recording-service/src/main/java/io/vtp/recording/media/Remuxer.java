package io.vtp.recording.media;

import io.vtp.media.ffmpeg.FfmpegBinaries;
import io.vtp.media.ffmpeg.FfmpegMessages;
import io.vtp.media.ffmpeg.MediaException;
import io.vtp.media.ffmpeg.MediaInfo;
import io.vtp.media.ffmpeg.MediaProbe;
import io.vtp.media.ffmpeg.MediaRules;
import io.vtp.media.ffmpeg.ToolFailure;
import io.vtp.media.ffmpeg.ToolProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Rewrites a recording, without re-encoding, into a well-formed file with a duration and a seek index: browsers'
 * MediaRecorder WebM has neither, and imported files may be anything. Keeps the first video stream (not cover art)
 * and the first audio stream and drops the rest (subtitles, data, further tracks). The container follows what the
 * input holds: WebM for Matroska/WebM input with WebM codecs (cues written before the clusters), MP4 with the index
 * in front for MP4/QuickTime input with MP4 codecs, Matroska for everything else. FFmpeg runs out of process with
 * the same protocol and demuxer restrictions as {@link MediaProbe}. Thread-safe.
 */
public final class Remuxer {

    /** The demuxers FFmpeg may use on an input; the same list as {@link MediaProbe#ALLOWED_DEMUXERS}. */
    public static final String ALLOWED_DEMUXERS = MediaProbe.ALLOWED_DEMUXERS;

    /** The name of the written file, before its extension. */
    public static final String OUTPUT_NAME = "media";

    private static final String GENERIC_FAILURE = "the file could not be rewritten into a standard container";

    private final FfmpegBinaries binaries;
    private final MediaProbe probe;
    private final Duration timeout;

    /**
     * @param binaries where ffmpeg is
     * @param probe reads the input before and the output after remuxing
     * @param timeout how long one ffmpeg run may take before it is killed
     */
    public Remuxer(FfmpegBinaries binaries, MediaProbe probe, Duration timeout) {
        this.binaries = Objects.requireNonNull(binaries, "binaries");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /**
     * Probes the input, then remuxes it into {@code outputDir/media.<extension>} (replacing a file of that name).
     *
     * @throws MediaException at stage {@link MediaException#PROBE} when the input is not accepted media, at
     *     {@link MediaException#VALIDATION} when it holds neither audio nor video, at {@link MediaException#REMUX}
     *     when ffmpeg fails or the result has no duration
     */
    public RemuxResult remux(Path input, Path outputDir) throws MediaException {
        return remux(input, probe.probe(input), outputDir);
    }

    /**
     * Remuxes an input that the caller has already probed (and typically checked with
     * {@link MediaRules#checkStreams}), sparing a second probe of the input.
     *
     * @param probed what {@link MediaProbe#probe} said about {@code input}
     * @throws MediaException as {@link #remux(Path, Path)}, except that the input is not probed again
     */
    public RemuxResult remux(Path input, MediaInfo probed, Path outputDir) throws MediaException {
        if (!probed.hasVideo() && !probed.hasAudio()) {
            throw new MediaException(MediaException.VALIDATION, MediaRules.NO_STREAMS);
        }
        OutputContainer container = OutputContainer.forInput(probed);
        String extension = container.extension(probed.hasVideo());
        Path in = input.toAbsolutePath();
        Path dir = outputDir.toAbsolutePath();
        Path out = dir.resolve(OUTPUT_NAME + "." + extension);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new MediaException(Stages.REMUX, "the rewritten file could not be written", e);
        }

        runFfmpeg(command(in, out, container), in, out, dir);

        MediaInfo written;
        try {
            written = probe.probe(out);
        } catch (MediaException e) {
            deleteQuietly(out);
            throw new MediaException(Stages.REMUX, "the rewritten file could not be read back", e);
        }
        if (!(written.durationSeconds() > 0)) {
            deleteQuietly(out);
            throw new MediaException(Stages.REMUX, "the rewritten file has no duration");
        }
        return new RemuxResult(out, extension, container.mimeType(written.hasVideo()), written);
    }

    private List<String> command(Path in, Path out, OutputContainer container) {
        List<String> command = new ArrayList<>(List.of(
                binaries.ffmpeg().toString(),
                "-hide_banner",
                "-nostdin",
                "-v", "error",
                "-protocol_whitelist", "file",
                "-format_whitelist", ALLOWED_DEMUXERS,
                "-fflags", "+genpts",
                "-i", "file:" + in,
                "-map", "0:V:0?", // capital V: video that is not an attached picture (cover art)
                "-map", "0:a:0?",
                "-map_metadata", "-1", // tags such as a phone's GPS position do not travel with a lecture
                "-c", "copy",
                "-f", container.muxer));
        command.addAll(container.muxerOptions);
        command.add("-y");
        command.add("file:" + out);
        return command;
    }

    private void runFfmpeg(List<String> command, Path in, Path out, Path dir) throws MediaException {
        ToolProcess.Outcome outcome;
        try {
            outcome = ToolProcess.run(command, timeout, 0, MediaProbe.STDERR_LIMIT);
        } catch (TimeoutException e) {
            deleteQuietly(out);
            throw new MediaException(Stages.REMUX, "rewriting the file took too long", e);
        } catch (InterruptedException e) {
            deleteQuietly(out);
            Thread.currentThread().interrupt();
            throw new MediaException(Stages.REMUX, "rewriting the file was interrupted", e);
        } catch (IOException e) {
            deleteQuietly(out);
            throw new MediaException(Stages.REMUX, GENERIC_FAILURE, e);
        }
        if (outcome.exitCode() != 0) {
            deleteQuietly(out);
            String line = FfmpegMessages.lastMeaningfulLine(outcome.stderr(),
                    Map.of(in.toString(), "input", out.toString(), "output", dir.toString(), "the output folder"));
            String reason = line == null ? GENERIC_FAILURE : "the file could not be rewritten: " + line;
            if (reason.length() > FfmpegMessages.MAX_REASON) {
                reason = reason.substring(0, FfmpegMessages.MAX_REASON - 3).trim() + "...";
            }
            throw new MediaException(Stages.REMUX, reason, new ToolFailure("ffmpeg", outcome));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover in the caller's scratch folder; it is removed with the folder
        }
    }
}
