package io.vtp.recording.service;

import io.vtp.kit.blocking.BlockingWork;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.problem.ApiException;
import io.vtp.recording.config.RecordingConfig;
import io.vtp.recording.domain.Recording;
import io.vtp.recording.domain.Upload;
import io.vtp.recording.repository.UploadRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resumable imports over tus 1.0 (Core, Creation, Termination). The bytes of an upload in progress
 * are appended to a staging file in the work directory; the offset the database holds is what
 * was durably written (the file is forced before the offset moves), so a client that lost its
 * connection asks for it with HEAD and goes on from there. The last byte turns the upload into an
 * import ({@link ImportService#importFile}).
 *
 * <p>Staging files are local to the instance: with several replicas, either route an upload's
 * requests to one replica (session affinity on the upload URL) or put the work directory on a
 * volume the replicas share.
 */
@ApplicationScoped
public class TusService {

    private static final Logger LOG = Logger.getLogger(TusService.class);
    private static final int BUFFER = 256 * 1024;

    /** The state a HEAD or PATCH answers with. */
    public record UploadState(UUID id, long offset, long length, String metadata, Instant expiresAt, UUID recordingId) {
        static UploadState of(Upload u) {
            return new UploadState(u.id, u.uploadOffset, u.uploadLength, u.metadata, u.expiresAt, u.recordingId);
        }
    }

    private final UploadRepository uploads;
    private final ImportService imports;
    private final RecordingConfig config;
    private final Clock clock;
    private final BlockingWork blocking;
    private final Set<UUID> writing = ConcurrentHashMap.newKeySet();

    public TusService(UploadRepository uploads, ImportService imports, RecordingConfig config, Clock clock,
                      BlockingWork blocking) {
        this.blocking = blocking;
        this.uploads = uploads;
        this.imports = imports;
        this.config = config;
        this.clock = clock;
    }

    /** Blocking: creates an upload of {@code length} bytes (tus Creation). */
    public UploadState create(Actor actor, long length, String title, String filename, String metadata)
            throws IOException {
        imports.checkAllowed(actor, null);
        long max = config.imports().maxBytes().asLongValue();
        if (length > max) {
            throw BoundedInputStream.tooLarge(max);
        }
        UUID id = UUID.randomUUID();
        Files.createDirectories(stagingDir());
        Files.newByteChannel(staging(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        Instant now = Instant.now(clock);
        Upload u = new Upload();
        u.id = id;
        u.ownerId = actor.id();
        u.title = title;
        u.filename = filename;
        u.metadata = metadata;
        u.uploadLength = length;
        u.createdAt = now;
        u.updatedAt = now;
        u.expiresAt = now.plus(config.imports().uploadExpiry());
        try {
            BlockingWork.await(() -> Panache.withTransaction(() -> uploads.persist(u)));
        } catch (RuntimeException e) {
            Files.deleteIfExists(staging(id));
            throw e;
        }
        if (length == 0) {
            return finish(actor, u);
        }
        return UploadState.of(u);
    }

    /** The upload's state if it is the caller's (tus HEAD). */
    public Uni<UploadState> state(Actor actor, UUID id) {
        return Panache.withSession(() -> uploads.findById(id).map(u -> UploadState.of(mine(actor, u, id))));
    }

    /**
     * Blocking: appends the body at {@code offset} (tus PATCH). Whatever arrived before the client
     * went away is kept and counted, so the client resumes from there.
     */
    public UploadState append(Actor actor, UUID id, long offset, InputStream body) throws IOException {
        if (!writing.add(id)) {
            throw new ApiException(RecordingProblems.UPLOAD_BUSY, "another request is writing to this upload");
        }
        try {
            Upload u = BlockingWork.await(() -> Panache.withSession(() -> uploads.findById(id)));
            mine(actor, u, id);
            if (u.recordingId != null || u.isComplete()) {
                throw new ApiException(RecordingProblems.UPLOAD_OFFSET_MISMATCH, "the upload is already complete");
            }
            if (offset != u.uploadOffset) {
                throw new ApiException(RecordingProblems.UPLOAD_OFFSET_MISMATCH,
                        "Upload-Offset is " + offset + " but the upload is at " + u.uploadOffset);
            }
            long written = 0;
            IOException broken = null;
            try (FileChannel file = FileChannel.open(staging(id), StandardOpenOption.WRITE)) {
                file.truncate(offset); // bytes past the offset were never confirmed
                file.position(offset);
                long room = u.uploadLength - offset;
                byte[] buffer = new byte[BUFFER];
                try {
                    int n;
                    while ((n = body.read(buffer)) > 0) {
                        if (written + n > room) {
                            throw new ApiException(RecordingProblems.UPLOAD_OFFSET_MISMATCH,
                                    "the body goes past Upload-Length (" + u.uploadLength + " bytes)");
                        }
                        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                        while (chunk.hasRemaining()) {
                            file.write(chunk);
                        }
                        written += n;
                    }
                } catch (IOException e) {
                    broken = e; // the client went away: keep what arrived
                }
                file.force(false);
            }
            long newOffset = offset + written;
            Instant now = Instant.now(clock);
            Upload saved = BlockingWork.await(() -> Panache.withTransaction(() -> uploads.findForUpdate(id).map(row -> {
                row.uploadOffset = newOffset;
                row.updatedAt = now;
                row.expiresAt = now.plus(config.imports().uploadExpiry());
                return row;
            })));
            if (broken != null) {
                LOG.debugf("tus upload %s interrupted at %d of %d bytes", id, newOffset, saved.uploadLength);
                throw broken;
            }
            return saved.isComplete() ? finish(actor, saved) : UploadState.of(saved);
        } finally {
            writing.remove(id);
        }
    }

    /** Blocking: the complete staging file becomes an import. */
    private UploadState finish(Actor actor, Upload u) throws IOException {
        Path file = staging(u.id);
        Recording r = imports.importFile(actor, new ImportCommand(u.title, null, null, u.filename), file);
        Upload done = BlockingWork.await(() -> Panache.withTransaction(() -> uploads.findForUpdate(u.id).map(row -> {
            row.recordingId = r.id;
            return row;
        })));
        Files.deleteIfExists(file);
        return UploadState.of(done);
    }

    /** Blocking: tus Termination; the upload and its bytes are gone (a recording made of it stays). */
    public void terminate(Actor actor, UUID id) throws IOException {
        if (!writing.add(id)) {
            throw new ApiException(RecordingProblems.UPLOAD_BUSY, "another request is writing to this upload");
        }
        try {
            BlockingWork.await(() -> Panache.withTransaction(() -> uploads.findForUpdate(id).chain(u -> {
                mine(actor, u, id);
                return uploads.delete(u);
            })));
            Files.deleteIfExists(staging(id));
        } finally {
            writing.remove(id);
        }
    }

    /** Forgets unfinished uploads whose expiry passed (their staging files on a worker thread); yields how many. */
    public Uni<Integer> expire() {
        Instant now = Instant.now(clock);
        return Panache.withTransaction(() -> uploads.expired(now, 100).call(list -> list.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : uploads.delete("id in ?1", list.stream().map(u -> u.id).toList()).replaceWithVoid()))
                .call(list -> blocking.run(() -> {
                    for (Upload u : list) {
                        try {
                            Files.deleteIfExists(staging(u.id));
                        } catch (IOException e) {
                            LOG.debugf("Could not delete staging file of upload %s: %s", u.id, e.getMessage());
                        }
                    }
                    return null;
                }))
                .map(List::size);
    }

    private static Upload mine(Actor actor, Upload u, UUID id) {
        if (u == null || (!actor.isAdmin() && !u.ownerId.equals(actor.id()))) {
            throw ApiException.notFound("no upload " + id);
        }
        return u;
    }

    private Path stagingDir() {
        return config.workDir().resolve("uploads");
    }

    private Path staging(UUID id) {
        return stagingDir().resolve(id + ".part");
    }
}
