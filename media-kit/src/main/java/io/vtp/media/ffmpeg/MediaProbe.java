package io.vtp.media.ffmpeg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Reads what a media file holds by running {@code ffprobe} out of process. Only local files are opened and only
 * the demuxers in {@link #ALLOWED_DEMUXERS}: playlists (hls), concat scripts, image sequences, devices and the like
 * are refused, so a hostile file cannot make FFmpeg read other files or the network. Thread-safe.
 */
public final class MediaProbe {

    /**
     * The demuxers FFmpeg may use on an input, as an FFmpeg {@code format_whitelist}. Entries are matched against
     * each part of a demuxer's name, so {@code matroska} admits the demuxer named {@code matroska,webm} and
     * {@code mov} admits {@code mov,mp4,m4a,3gp,3g2,mj2}; entries are exact, so {@code mpeg} (program streams)
     * does not admit {@code mpegvideo} or {@code mpegtsraw}.
     */
    public static final String ALLOWED_DEMUXERS = "matroska,mov,avi,flv,mpegts,ogg,wav,mp3,aac,flac,mpeg";

    /** Only the start of ffprobe's standard error is kept; the rest is drained. */
    public static final int STDERR_LIMIT = 8 * 1024;
    /** ffprobe's JSON for an ordinary file is a few KiB; a file declaring thousands of streams is refused. */
    static final int STDOUT_LIMIT = 4 * 1024 * 1024;

    private final FfmpegBinaries binaries;
    private final Duration timeout;

    /**
     * @param binaries where ffprobe is
     * @param timeout how long one probe may run before ffprobe is killed
     */
    public MediaProbe(FfmpegBinaries binaries, Duration timeout) {
        this.binaries = Objects.requireNonNull(binaries, "binaries");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /**
     * What the file holds.
     *
     * @throws MediaException at stage {@link MediaException#PROBE} when the file is missing or empty, is not in an
     *     accepted audio or video format, or could not be read within the time limit
     */
    public MediaInfo probe(Path file) throws MediaException {
        Path absolute = file.toAbsolutePath();
        long size = checkReadable(absolute);
        List<String> command = List.of(
                binaries.ffprobe().toString(),
                "-v", "error",
                "-hide_banner",
                "-protocol_whitelist", "file",
                "-format_whitelist", ALLOWED_DEMUXERS,
                "-print_format", "json",
                "-show_format",
                "-show_streams",
                "file:" + absolute);
        ToolProcess.Outcome outcome;
        try {
            outcome = ToolProcess.run(command, timeout, STDOUT_LIMIT, STDERR_LIMIT);
        } catch (TimeoutException e) {
            throw new MediaException(MediaException.PROBE, "analysing the file took too long", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException(MediaException.PROBE, "analysing the file was interrupted", e);
        } catch (IOException e) {
            throw new MediaException(MediaException.PROBE, "the file could not be analysed", e);
        }
        if (outcome.exitCode() != 0) {
            throw new MediaException(MediaException.PROBE, FfmpegMessages.probeReason(outcome.stderr(), sniff(absolute)),
                    new ToolFailure("ffprobe", outcome));
        }
        if (outcome.stdoutTruncated()) {
            throw new MediaException(MediaException.PROBE, "the file declares too many streams to be analysed");
        }
        Optional<MediaInfo> info;
        try {
            info = FfprobeJson.parse(outcome.stdout(), size, outcome.stderr());
        } catch (IOException e) {
            throw new MediaException(MediaException.PROBE, FfmpegMessages.NOT_MEDIA, e);
        }
        return info.orElseThrow(() -> new MediaException(MediaException.PROBE, FfmpegMessages.NOT_MEDIA));
    }

    /** The container the file's first bytes name, or null (also when they cannot be read). */
    private static String sniff(Path file) {
        if (!Files.isRegularFile(file)) {
            return null; // a pipe or device: reading it could block
        }
        byte[] head = new byte[ContainerSniffer.HEAD_BYTES];
        try (InputStream in = Files.newInputStream(file)) {
            int length = in.readNBytes(head, 0, head.length);
            return ContainerSniffer.sniff(head, length).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** The file's size; refuses a missing file, a directory and an empty regular file. */
    private static long checkReadable(Path file) throws MediaException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new MediaException(MediaException.PROBE, "the file is missing", e);
        } catch (IOException e) {
            throw new MediaException(MediaException.PROBE, "the file could not be read", e);
        }
        if (attributes.isDirectory()) {
            throw new MediaException(MediaException.PROBE, "the file could not be read");
        }
        if (attributes.isRegularFile() && attributes.size() == 0) {
            throw new MediaException(MediaException.PROBE, "the file is empty");
        }
        return attributes.size();
    }
}
