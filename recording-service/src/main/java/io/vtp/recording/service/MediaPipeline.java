package io.vtp.recording.service;

import io.vtp.recording.config.RecordingConfig;
import io.vtp.media.ffmpeg.MediaException;
import io.vtp.media.ffmpeg.MediaInfo;
import io.vtp.media.ffmpeg.MediaProbe;
import io.vtp.media.ffmpeg.MediaRules;
import io.vtp.recording.media.Stages;
import io.vtp.recording.media.RemuxResult;
import io.vtp.recording.media.Remuxer;
import io.vtp.recording.repository.ChunkRepository.Chunk;
import io.vtp.media.storage.MediaStore;
import io.vtp.media.storage.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The blocking media work of one recording: gather its input (the browser's chunks in order, or
 * the imported file) into a scratch file, remux it with FFmpeg to a well-formed file with a
 * duration and a seek index, probe and check it, and store it under {@code raw/{id}/}. FFmpeg runs
 * out of process: a hostile file can fail a recording, never the service.
 */
@ApplicationScoped
public class MediaPipeline {

    /** What processing needs to know about a recording. */
    public record Job(UUID recordingId, List<Chunk> chunks, String sourceKey) {
    }

    /** A processed recording: the stored file and what it holds. */
    public record Result(String storageKey, StoredObject stored, RemuxResult media) {
    }

    private final MediaStore store;
    private final MediaProbe probe;
    private final Remuxer remuxer;
    private final MediaRules rules;
    private final RecordingConfig config;

    public MediaPipeline(MediaStore store, MediaProbe probe, Remuxer remuxer, MediaRules rules, RecordingConfig config) {
        this.store = store;
        this.probe = probe;
        this.remuxer = remuxer;
        this.rules = rules;
        this.config = config;
    }

    /**
     * Runs the pipeline. A {@link MediaException} means the media itself is unusable (the recording
     * fails with its reason); an {@link IOException} is the infrastructure's (the job is retried).
     */
    public Result process(Job job) throws MediaException, IOException {
        Path work = Files.createDirectories(config.workDir().resolve("processing"))
                .resolve(job.recordingId() + "-" + UUID.randomUUID());
        Files.createDirectories(work);
        try {
            Path input = job.sourceKey() != null ? sourceFile(job.sourceKey(), work) : assemble(job, work);
            MediaInfo probed = probe.probe(input);
            rules.checkStreams(probed); // nothing to remux in a 20000x20000 or stream-less file
            RemuxResult media = remuxer.remux(input, probed, work);
            rules.check(media.info()); // the duration is known only after the remux
            String key = "raw/" + job.recordingId() + "/recording." + media.extension();
            StoredObject stored = store.put(key, media.file(), media.mimeType());
            return new Result(key, stored, media);
        } finally {
            deleteTree(work);
        }
    }

    /** The browser's chunks, in sequence order, as one file; a gap fails naming the missing seq. */
    private Path assemble(Job job, Path work) throws MediaException, IOException {
        List<Chunk> chunks = job.chunks();
        if (chunks.isEmpty()) {
            throw new MediaException(Stages.ASSEMBLY, "no media was received: the recording has no chunks");
        }
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).seq() != i) {
                throw new MediaException(Stages.ASSEMBLY, "chunk " + i + " is missing (received "
                        + chunks.size() + " chunks, the highest is " + chunks.get(chunks.size() - 1).seq() + ")");
            }
        }
        Path input = work.resolve("input.webm");
        try (OutputStream out = Files.newOutputStream(input)) {
            for (Chunk chunk : chunks) {
                try (InputStream in = store.open(chunk.storageKey())) {
                    in.transferTo(out);
                }
            }
        }
        return input;
    }

    /** The imported file: the store's own file when it is local, else a scratch copy. */
    private Path sourceFile(String key, Path work) throws IOException {
        Optional<Path> local = store.localFile(key);
        if (local.isPresent()) {
            return local.get();
        }
        Path copy = work.resolve("input");
        try (InputStream in = store.open(key)) {
            Files.copy(in, copy);
        }
        return copy;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // scratch space: whatever is left is swept with the work directory
        }
    }
}
