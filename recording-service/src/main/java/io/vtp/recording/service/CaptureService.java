package io.vtp.recording.service;

import io.vtp.kit.blocking.BlockingWork;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.CommonProblem;
import io.vtp.recording.config.RecordingConfig;
import io.vtp.recording.domain.Recording;
import io.vtp.recording.domain.RecordingSource;
import io.vtp.recording.domain.RecordingStatus;
import io.vtp.recording.messaging.RecordingEvents;
import io.vtp.recording.repository.ChunkRepository;
import io.vtp.recording.repository.ChunkRepository.Chunk;
import io.vtp.recording.repository.RecordingRepository;
import io.vtp.media.storage.MediaStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Lecture capture from the browser: start, MediaRecorder chunks in any order (idempotent per
 * sequence number), stop. Stopping hands the recording to {@link ProcessingWorker}.
 */
@ApplicationScoped
public class CaptureService {

    private static final Logger LOG = Logger.getLogger(CaptureService.class);

    private final RecordingRepository recordings;
    private final ChunkRepository chunks;
    private final RecordingAccess access;
    private final CourseScope courses;
    private final RecordingEvents events;
    private final MediaStore store;
    private final BlockingWork blocking;
    private final ProcessingWorker worker;
    private final RecordingConfig config;
    private final Clock clock;

    public CaptureService(RecordingRepository recordings, ChunkRepository chunks, RecordingAccess access,
                          CourseScope courses, RecordingEvents events, MediaStore store, BlockingWork blocking,
                          ProcessingWorker worker, RecordingConfig config, Clock clock) {
        this.recordings = recordings;
        this.chunks = chunks;
        this.access = access;
        this.courses = courses;
        this.events = events;
        this.store = store;
        this.blocking = blocking;
        this.worker = worker;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Recording> start(Actor actor, StartCommand command) {
        return Panache.withTransaction(() -> courses.courseFor(actor, command.courseId(), command.roomId())
                .chain(courseId -> {
                    Instant now = Instant.now(clock);
                    Recording r = new Recording();
                    r.id = UUID.randomUUID();
                    r.title = command.title();
                    r.description = command.description();
                    r.roomId = command.roomId();
                    r.courseId = courseId;
                    r.ownerId = actor.id();
                    r.source = RecordingSource.BROWSER.value();
                    r.status = RecordingStatus.RECORDING.value();
                    r.startedAt = now;
                    r.lastActivityAt = now;
                    return recordings.persist(r).chain(() -> events.started(r)).replaceWith(r);
                }));
    }

    /**
     * Stores chunk {@code seq}. The same bytes again answer as a duplicate; other bytes for a seq
     * already stored are a 409; chunks may come in any order while the recording is recording.
     */
    public Uni<ChunkReceipt> putChunk(Actor actor, UUID id, int seq, byte[] body) {
        if (seq < 0 || seq > config.capture().maxSeq()) {
            return Uni.createFrom().failure(ApiException.invalidField("seq",
                    "must be between 0 and " + config.capture().maxSeq()));
        }
        if (body == null || body.length == 0) {
            return Uni.createFrom().failure(ApiException.invalidField("body", "a chunk must not be empty"));
        }
        // the common case first: the owner (or an admin) sending to a recording that is recording
        return chunks.sender(id).chain(sender -> sender != null
                && RecordingStatus.RECORDING.value().equals(sender.status())
                && (actor.isAdmin() || sender.ownerId().equals(actor.id()))
                ? store(id, seq, body) : checkedPut(actor, id, seq, body));
    }

    /** Every other case, with the answers of the full access rules (404, 403, a duplicate after stop, 409). */
    private Uni<ChunkReceipt> checkedPut(Actor actor, UUID id, int seq, byte[] body) {
        return Panache.withSession(() -> access.visible(actor, id)).chain(r -> {
            mustBeOwner(actor, r);
            if (RecordingStatus.RECORDING.value().equals(r.status)) {
                return store(id, seq, body);
            }
            // no longer recording: the same bytes again still answer as a duplicate (a retry after stop)
            return blocking.run(() -> sha256(body)).chain(sha -> Panache.withSession(() -> chunks.find(id, seq))
                    .map(existing -> {
                        if (existing == null) {
                            mustBeRecording(r);
                        }
                        return receiptFor(existing, sha);
                    }));
        });
    }

    /**
     * Hashes and stores the chunk's bytes (a worker thread), then records it in one statement. A seq
     * already taken is found out there: the same bytes wrote the same key again and answer as a
     * duplicate, other bytes wrote another key, which is deleted again with the 409.
     */
    private Uni<ChunkReceipt> store(UUID id, int seq, byte[] body) {
        return blocking.run(() -> {
            String sha = sha256(body);
            String key = "raw/" + id + "/chunks/" + String.format("%06d", seq) + "-" + sha.substring(0, 16) + ".webm";
            store.put(key, body, "video/webm");
            return new Chunk(seq, body.length, sha, key);
        }).chain(chunk -> chunks.append(id, chunk, Instant.now(clock))
                .chain(appended -> appended ? Uni.createFrom().item(new ChunkReceipt(seq, chunk.sizeBytes(), chunk.sha256(), false))
                        : recordUnlessRefused(id, chunk))
                .onFailure().call(failure -> discard(chunk.storageKey(), failure)));
    }

    /** Why {@link ChunkRepository#append} did not add the chunk (stopped, deleted, seq taken), or a race won. */
    private Uni<ChunkReceipt> recordUnlessRefused(UUID id, Chunk chunk) {
        int seq = chunk.seq();
        return Panache.withTransaction(() -> recordings.findForUpdate(id).chain(r -> {
            if (r == null || r.isDeleted()) {
                throw RecordingAccess.notFound(id);
            }
            mustBeRecording(r);
            Instant now = Instant.now(clock);
            return chunks.insertIfAbsent(id, chunk, now).chain(inserted -> {
                if (inserted) {
                    r.chunkCount++;
                    r.chunkBytes += chunk.sizeBytes();
                    r.lastActivityAt = now;
                    return Uni.createFrom().item(new ChunkReceipt(seq, chunk.sizeBytes(), chunk.sha256(), false));
                }
                return chunks.find(id, seq).map(existing -> receiptFor(existing, chunk.sha256()));
            });
        }));
    }

    /** Our object lost (a race, a stop in between): it must not linger in the store. */
    private Uni<Void> discard(String key, Throwable failure) {
        return blocking.run(() -> {
            try {
                store.delete(key);
            } catch (Exception e) {
                LOG.debugf("Could not delete the unused chunk %s: %s", key, e.getMessage());
            }
            return null;
        }).replaceWithVoid();
    }

    /** Stops the capture; the recording moves on to processing. Stopping again answers its state. */
    public Uni<Recording> stop(Actor actor, UUID id) {
        return Panache.withTransaction(() -> access.changeable(actor, id).chain(r -> {
            if (!RecordingStatus.RECORDING.value().equals(r.status)) {
                return Uni.createFrom().item(r);
            }
            return stopNow(r, actor.id());
        })).invoke(r -> worker.wake());
    }

    /** In the caller's transaction, with {@code r} locked. */
    Uni<Recording> stopNow(Recording r, UUID by) {
        Instant now = Instant.now(clock);
        r.status = RecordingStatus.PROCESSING.value();
        r.stoppedAt = now;
        r.lastActivityAt = now;
        return events.stopped(r, by).replaceWith(r);
    }

    private static ChunkReceipt receiptFor(Chunk existing, String sha) {
        if (!existing.sha256().equals(sha)) {
            throw new ApiException(RecordingProblems.CHUNK_CONFLICT, "chunk " + existing.seq()
                    + " was already received with different content (" + existing.sizeBytes() + " bytes)");
        }
        return new ChunkReceipt(existing.seq(), existing.sizeBytes(), existing.sha256(), true);
    }

    private static void mustBeOwner(Actor actor, Recording r) {
        if (!actor.isAdmin() && !r.ownerId.equals(actor.id())) {
            throw new ApiException(CommonProblem.FORBIDDEN, "only the recording's owner may send its media");
        }
    }

    private static void mustBeRecording(Recording r) {
        if (!RecordingStatus.RECORDING.value().equals(r.status)) {
            throw new ApiException(RecordingProblems.NOT_RECORDING,
                    "the recording is " + r.status + " and takes no more chunks");
        }
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
