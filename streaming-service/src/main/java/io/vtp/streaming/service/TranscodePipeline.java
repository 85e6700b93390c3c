package io.vtp.streaming.service;

import io.vtp.media.ffmpeg.FfmpegBinaries;
import io.vtp.media.ffmpeg.MediaException;
import io.vtp.media.ffmpeg.MediaInfo;
import io.vtp.media.ffmpeg.MediaProbe;
import io.vtp.media.ffmpeg.MediaRules;
import io.vtp.media.storage.MediaStore;
import io.vtp.streaming.config.StreamingConfig;
import io.vtp.streaming.media.FfmpegRun;
import io.vtp.streaming.media.Ladder;
import io.vtp.streaming.media.LadderCommand;
import io.vtp.streaming.media.LadderPlan;
import io.vtp.streaming.media.MasterPlaylist;
import io.vtp.streaming.media.Packager;
import io.vtp.streaming.media.Rung;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The blocking work of one transcode job, on a worker thread: fetch the source, probe it, encode the
 * whole ladder in one ffmpeg run, package it, make the poster, and write every file to the media
 * store under a prefix of its own ({@code renditions/{recordingId}/{jobId}/}). Nothing is published
 * here: the ladder becomes visible only when the worker commits it, so a crash at any point leaves
 * players on the previous ladder (or none).
 */
@ApplicationScoped
public class TranscodePipeline {

    private static final Logger LOG = Logger.getLogger(TranscodePipeline.class);
    /** Stages, as transcode.progress names them. */
    public static final String PROBING = "probing";
    public static final String ENCODING = "encoding";
    public static final String PACKAGING = "packaging";
    public static final String THUMBNAILS = "thumbnails";
    public static final String FINALIZING = "finalizing";

    /** Reports progress from the worker thread: the stage and the overall percentage (a cancelled job is killed through its {@link FfmpegRun}). */
    public interface Progress {
        void report(String stage, double percent);
    }

    /** What the job asks for. */
    public record Job(UUID jobId, UUID recordingId, String sourceKey, List<Rung> rungs) {
    }

    /** A ladder written to the store, not yet published. */
    public record Result(String prefix, Ladder ladder, boolean poster) {
    }

    private final MediaStore store;
    private final MediaProbe probe;
    private final MediaRules rules;
    private final FfmpegBinaries binaries;
    private final StreamingConfig config;

    public TranscodePipeline(MediaStore store, MediaProbe probe, MediaRules rules, FfmpegBinaries binaries,
                             StreamingConfig config) {
        this.store = store;
        this.probe = probe;
        this.rules = rules;
        this.binaries = binaries;
        this.config = config;
    }

    public static String prefix(UUID recordingId, UUID jobId) {
        return "renditions/" + recordingId + "/" + jobId + "/";
    }

    /**
     * Runs the job. {@code run} is the ffmpeg handle the caller may cancel from another thread.
     *
     * @throws MediaException   the source cannot be made into a ladder (the job fails with this reason)
     * @throws FfmpegRun.Failed cancelled (or, not cancelled, an encoder failure the caller reports)
     * @throws IOException      the store or the scratch space failed (worth retrying)
     */
    public Result run(Job job, FfmpegRun run, Progress progress)
            throws MediaException, FfmpegRun.Failed, IOException, InterruptedException {
        Path work = config.workDir().resolve(job.jobId().toString());
        deleteTree(work);
        Files.createDirectories(work);
        try {
            progress.report(PROBING, 0);
            Path source = localSource(job.sourceKey(), work);
            MediaInfo info = probe.probe(source);
            rules.checkStreams(info);
            rules.check(info);
            LadderPlan plan = LadderPlan.of(new LadderPlan.Source(
                            info.video() == null ? null : info.video().width(),
                            info.video() == null ? null : info.video().height(),
                            info.video() == null ? 0 : info.video().fps(), info.hasAudio(), info.durationSeconds()),
                    job.rungs(), config.transcode().maxFps());
            Path out = Files.createDirectories(work.resolve("out"));
            Path thumbs = Files.createDirectories(work.resolve("thumbs"));
            LadderCommand.Settings settings = new LadderCommand.Settings(config.transcode().preset(),
                    config.transcode().crf(), config.transcode().audioKbps());
            List<String> command = LadderCommand.build(binaries.ffmpeg(), source, out, thumbs, plan, settings);
            double duration = Math.max(0.1, info.durationSeconds());
            progress.report(ENCODING, 1);
            try {
                run.run(command, config.transcode().timeout(), seconds ->
                        progress.report(ENCODING, 1 + 89 * Math.min(1, seconds / duration)));
            } catch (FfmpegRun.Failed failed) {
                if (failed.cancelled()) {
                    throw failed;
                }
                throw new MediaException("transcode", failed.getMessage());
            }
            progress.report(PACKAGING, 90);
            int thumbHeight = plan.hasVideo() ? LadderCommand.thumbHeight(plan.video().get(plan.video().size() - 1)) : 0;
            if (plan.hasVideo()) {
                new FfmpegRun().run(LadderCommand.tile(binaries.ffmpeg(), thumbs, out), Duration.ofMinutes(5), s -> { });
            }
            Ladder ladder;
            try {
                ladder = Packager.pack(out, plan, LadderCommand.thumbInterval(plan.durationSeconds()), thumbHeight);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Packaging job %s failed: %s", job.jobId(), e.toString());
                throw new MediaException("package", "the encoded ladder could not be packaged", e);
            }
            Files.writeString(out.resolve("master.m3u8"), MasterPlaylist.render(ladder, name -> name),
                    StandardCharsets.UTF_8);
            progress.report(THUMBNAILS, 93);
            boolean poster = plan.hasVideo() && poster(source, out.resolve("poster.jpg"), duration);
            progress.report(FINALIZING, 95);
            String prefix = prefix(job.recordingId(), job.jobId());
            upload(out, prefix);
            return new Result(prefix, ladder, poster);
        } finally {
            deleteTree(work);
        }
    }

    /** The source as a local file: the store's own file, or a copy in the job's scratch space. */
    private Path localSource(String key, Path work) throws IOException, MediaException {
        if (store.stat(key).isEmpty()) {
            throw new MediaException(MediaException.STORAGE, "the recording's media is no longer in the store");
        }
        var local = store.localFile(key);
        if (local.isPresent()) {
            return local.get();
        }
        Path copy = work.resolve("source" + extension(key));
        try (InputStream in = store.open(key)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    /** A poster frame at 10% of the way in (at most 30 s): past title fades, usually showing the first slide. */
    private boolean poster(Path source, Path target, double duration) throws InterruptedException {
        double at = Math.min(30, duration * 0.1);
        try {
            new FfmpegRun().run(List.of(binaries.ffmpeg().toString(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
                    "-protocol_whitelist", "file", "-ss", String.format(Locale.ROOT, "%.3f", at),
                    "-i", "file:" + source.toAbsolutePath(), "-map", "0:v:0", "-frames:v", "1",
                    "-vf", "scale=w='min(1280,iw)':h=-2", "-q:v", "3", "-update", "1", target.toString()),
                    Duration.ofMinutes(2), s -> { });
            return Files.isRegularFile(target) && Files.size(target) > 0;
        } catch (FfmpegRun.Failed | IOException e) {
            LOG.infof("No poster for %s: %s", source.getFileName(), e.getMessage());
            return false;
        }
    }

    private void upload(Path out, String prefix) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(out)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            store.put(prefix + name, file, contentType(name));
        }
    }

    public static String contentType(String name) {
        if (name.endsWith(".m3u8")) {
            return "application/vnd.apple.mpegurl";
        }
        if (name.endsWith(".mpd")) {
            return "application/dash+xml";
        }
        if (name.endsWith(".m4s")) {
            return name.startsWith("init-") ? "video/mp4" : "video/iso.segment";
        }
        if (name.endsWith(".jpg")) {
            return "image/jpeg";
        }
        if (name.endsWith(".vtt")) {
            return "text/vtt";
        }
        return "application/octet-stream";
    }

    private static String extension(String key) {
        int dot = key.lastIndexOf('.');
        int slash = key.lastIndexOf('/');
        return dot > slash ? key.substring(dot) : "";
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
