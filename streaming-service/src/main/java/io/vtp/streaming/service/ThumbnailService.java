package io.vtp.streaming.service;

import io.smallrye.mutiny.Uni;
import io.vtp.kit.blocking.BlockingWork;
import io.vtp.kit.problem.ApiException;
import io.vtp.media.ffmpeg.FfmpegBinaries;
import io.vtp.media.storage.MediaStore;
import io.vtp.media.storage.StoredObject;
import io.vtp.streaming.config.StreamingConfig;
import io.vtp.streaming.media.FfmpegRun;
import io.vtp.streaming.media.Ladder;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET thumbnail}: the ladder's poster, or a frame at {@code t} seconds, rendered once from the
 * ladder itself (the 4 s segment holding {@code t} of the best rung up to 720p, so it works the same
 * on every store) and kept beside it for the next request.
 */
@ApplicationScoped
public class ThumbnailService {

    /** A JPEG in the store. */
    public record Image(String key, StoredObject object) {
    }

    private final PlaybackService playback;
    private final MediaStore store;
    private final FfmpegBinaries binaries;
    private final BlockingWork blocking;
    private final StreamingConfig config;

    public ThumbnailService(PlaybackService playback, MediaStore store, FfmpegBinaries binaries, BlockingWork blocking,
                            StreamingConfig config) {
        this.playback = playback;
        this.store = store;
        this.binaries = binaries;
        this.blocking = blocking;
        this.config = config;
    }

    public Uni<Image> thumbnail(Viewer viewer, UUID recordingId, Double at) {
        return playback.published(viewer, recordingId).chain(p -> {
            if (!p.ladder().hasVideo()) {
                return Uni.createFrom().failure(ApiException.notFound("recording " + recordingId + " has no picture"));
            }
            if (at == null) {
                String key = p.rendition().prefix + "poster.jpg";
                return blocking.run(() -> store.stat(key)).map(o -> new Image(key,
                        o.orElseThrow(() -> ApiException.notFound("recording " + recordingId + " has no poster"))));
            }
            if (at < 0 || at > p.ladder().durationSeconds()) {
                throw ApiException.invalidField("t", String.format(Locale.ROOT,
                        "must be between 0 and the duration, %.1f seconds", p.ladder().durationSeconds()));
            }
            long second = (long) Math.floor(at);
            String key = p.rendition().prefix + String.format(Locale.ROOT, "frame-%06d.jpg", second);
            return blocking.run(() -> new Image(key, cachedOrRendered(p, key, second)));
        });
    }

    private StoredObject cachedOrRendered(PlaybackService.Published p, String key, long second)
            throws IOException, InterruptedException {
        Optional<StoredObject> cached = store.stat(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        Ladder.Variant rung = p.ladder().video().stream().filter(v -> Math.min(v.width(), v.height()) <= 720)
                .reduce((a, b) -> b).orElse(p.ladder().video().get(0));
        String prefix = p.rendition().prefix;
        String playlist = read(prefix + rung.playlist());
        double start = 0;
        String segment = null;
        String init = rung.playlist().replace("media_", "init-").replace(".m3u8", ".m4s");
        double duration = 0;
        for (String line : playlist.split("\n")) {
            if (line.startsWith("#EXTINF:")) {
                duration = Double.parseDouble(line.substring(8, line.indexOf(',') < 0 ? line.length() : line.indexOf(',')));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                if (second < start + duration || segment == null) {
                    segment = line;
                    if (second < start + duration) {
                        break;
                    }
                }
                start += duration;
                segment = line;
            }
        }
        double offset = Math.max(0, second - start);
        Path work = Files.createDirectories(config.workDir().resolve("frames"));
        Path clip = Files.createTempFile(work, "clip", ".mp4");
        Path frame = Files.createTempFile(work, "frame", ".jpg");
        try {
            try (OutputStream out = Files.newOutputStream(clip)) {
                for (String part : List.of(init, segment)) {
                    try (InputStream in = store.open(prefix + part)) {
                        in.transferTo(out);
                    }
                }
            }
            new FfmpegRun().run(List.of(binaries.ffmpeg().toString(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
                    "-protocol_whitelist", "file", "-i", "file:" + clip, "-ss", String.format(Locale.ROOT, "%.3f", offset),
                    "-frames:v", "1", "-q:v", "3", "-update", "1", frame.toString()), Duration.ofSeconds(30), s -> { });
            if (Files.size(frame) == 0) {
                throw ApiException.notFound("no frame at " + second + " s");
            }
            return store.put(key, frame, "image/jpeg");
        } catch (FfmpegRun.Failed e) {
            throw new IOException("rendering a frame failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(clip);
            Files.deleteIfExists(frame);
        }
    }

    private String read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
