package io.vtp.recording.service;

import io.vtp.kit.blocking.BlockingWork;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.problem.ApiException;
import io.vtp.recording.config.RecordingConfig;
import io.vtp.recording.domain.Recording;
import io.vtp.recording.domain.RecordingSource;
import io.vtp.recording.domain.RecordingStatus;
import io.vtp.media.ffmpeg.ContainerSniffer;
import io.vtp.recording.messaging.RecordingEvents;
import io.vtp.recording.repository.RecordingRepository;
import io.vtp.media.storage.MediaStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Imports of existing files: streamed request bodies, multipart uploads and finished tus uploads
 * all end here. The file is sniffed (its first bytes, never its name), streamed into the store
 * under {@code raw/{id}/source} and queued for the same processing as a stopped capture.
 *
 * <p>The {@code stream}/{@code file} methods block: they run on the worker thread of a blocking
 * resource method and cross to the request's Vert.x context for the database
 * ({@link Blocking#await}).
 */
@ApplicationScoped
public class ImportService {

    private final RecordingRepository recordings;
    private final CourseScope courses;
    private final RecordingEvents events;
    private final MediaStore store;
    private final ProcessingWorker worker;
    private final RecordingConfig config;
    private final Clock clock;

    public ImportService(RecordingRepository recordings, CourseScope courses, RecordingEvents events, MediaStore store,
                         ProcessingWorker worker, RecordingConfig config, Clock clock) {
        this.recordings = recordings;
        this.courses = courses;
        this.events = events;
        this.store = store;
        this.worker = worker;
        this.config = config;
        this.clock = clock;
    }

    /** Blocking: may {@code actor} import into the course (if any)? Throws the problem if not. */
    public UUID checkAllowed(Actor actor, UUID courseId) {
        return BlockingWork.await(() -> Panache.withSession(() -> courses.courseFor(actor, courseId, null)));
    }

    /** Blocking: imports a streamed body; nothing is stored when it is not media or too large. */
    public Recording importStream(Actor actor, ImportCommand command, InputStream body) throws IOException {
        UUID courseId = checkAllowed(actor, command.courseId());
        byte[] head = body.readNBytes(ContainerSniffer.HEAD_BYTES);
        requireMedia(head, head.length);
        UUID id = UUID.randomUUID();
        String key = sourceKey(id);
        long limit = config.imports().maxBytes().asLongValue();
        if (head.length > limit) {
            throw BoundedInputStream.tooLarge(limit);
        }
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head),
                new BoundedInputStream(body, limit, head.length));
        try {
            store.put(key, whole, "application/octet-stream");
        } catch (IOException | RuntimeException e) {
            BoundedInputStream.TooLarge tooLarge = BoundedInputStream.TooLarge.in(e);
            if (tooLarge != null) {
                throw tooLarge.problem();
            }
            throw e;
        }
        return queue(actor, id, courseId, command, key);
    }

    /** Blocking: imports a file already on local disk (a multipart part, a finished tus upload). */
    public Recording importFile(Actor actor, ImportCommand command, Path file) throws IOException {
        UUID courseId = checkAllowed(actor, command.courseId());
        if (Files.size(file) > config.imports().maxBytes().asLongValue()) {
            throw BoundedInputStream.tooLarge(config.imports().maxBytes().asLongValue());
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(ContainerSniffer.HEAD_BYTES);
        }
        requireMedia(head, head.length);
        UUID id = UUID.randomUUID();
        String key = sourceKey(id);
        store.put(key, file, "application/octet-stream");
        return queue(actor, id, courseId, command, key);
    }

    private Recording queue(Actor actor, UUID id, UUID courseId, ImportCommand command, String key) {
        try {
            Recording r = BlockingWork.await(() -> Panache.withTransaction(() -> {
                Instant now = Instant.now(clock);
                Recording rec = new Recording();
                rec.id = id;
                rec.title = command.title();
                rec.description = command.description();
                rec.courseId = courseId;
                rec.ownerId = actor.id();
                rec.source = RecordingSource.UPLOAD.value();
                rec.status = RecordingStatus.PROCESSING.value();
                rec.startedAt = now;
                rec.stoppedAt = now;
                rec.lastActivityAt = now;
                rec.sourceKey = key;
                rec.originalFilename = command.filename();
                return recordings.persist(rec).chain(() -> events.started(rec)).replaceWith(rec);
            }));
            worker.wake();
            return r;
        } catch (RuntimeException e) {
            deleteQuietly(key);
            throw e;
        }
    }

    private void deleteQuietly(String key) {
        try {
            store.delete(key);
        } catch (IOException | UncheckedIOException ignored) {
            // swept with the recording's prefix later
        }
    }

    static void requireMedia(byte[] head, int length) {
        Optional<String> container = ContainerSniffer.sniff(head, length);
        if (container.isEmpty()) {
            throw new ApiException(RecordingProblems.UNSUPPORTED_MEDIA, length == 0 ? "the file is empty"
                    : "the file is not an audio or video format this service reads (WebM/Matroska, MP4/MOV, "
                    + "AVI, FLV, MPEG-TS, MPEG-PS, Ogg, WAV, MP3, AAC, FLAC)");
        }
    }

    static String sourceKey(UUID id) {
        return "raw/" + id + "/source";
    }
}
