package io.vtp.recording.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.signing.SignedUrls;
import io.vtp.kit.signing.Verification;
import io.vtp.recording.config.RecordingConfig;
import io.vtp.recording.domain.Recording;
import io.vtp.recording.domain.RecordingStatus;
import io.vtp.recording.messaging.RecordingEvents;
import io.vtp.recording.repository.RecordingRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Reading, listing and deleting recordings, and the links that download them. */
@ApplicationScoped
public class RecordingService {

    /** A signed download link and when it stops working. */
    public record DownloadLink(String path, Instant expiresAt) {
    }

    private final RecordingRepository recordings;
    private final RecordingAccess access;
    private final RecordingEvents events;
    private final SignedUrls signedUrls;
    private final RecordingConfig config;
    private final Clock clock;

    public RecordingService(RecordingRepository recordings, RecordingAccess access, RecordingEvents events,
                            SignedUrls signedUrls, RecordingConfig config, Clock clock) {
        this.recordings = recordings;
        this.access = access;
        this.events = events;
        this.signedUrls = signedUrls;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Recording> get(Actor actor, UUID id) {
        return Panache.withSession(() -> access.visible(actor, id));
    }

    public Uni<Page<Recording>> list(Actor actor, RecordingRepository.Filter filter, int limit, int offset) {
        RecordingRepository.Viewer viewer = new RecordingRepository.Viewer(actor.id(), actor.isAdmin());
        return Panache.withSession(() -> recordings.list(viewer, filter, limit, offset).chain(items -> {
            if (offset == 0 && items.size() < limit) {
                return Uni.createFrom().item(new Page<>(items, items.size(), limit, offset));
            }
            return recordings.count(viewer, filter).map(total -> new Page<>(items, total, limit, offset));
        }));
    }

    /**
     * Soft delete: the recording disappears at once (404 from then on) and recording.deleted goes
     * out; its media leaves the store with the next purge sweep ({@link Housekeeping}).
     */
    public Uni<Void> delete(Actor actor, UUID id) {
        return Panache.withTransaction(() -> access.changeable(actor, id).chain(r -> {
            r.deletedAt = Instant.now(clock);
            r.deletedBy = actor.id();
            return events.deleted(r);
        }));
    }

    /** A completed recording the caller may see: what a download or the media info needs. */
    public Uni<Recording> completed(Actor actor, UUID id) {
        return get(actor, id).map(RecordingService::requireCompleted);
    }

    /** The recording a valid signed link points at (no caller: the link is the permission). */
    public Uni<Recording> completedByLink(UUID id, String requestPath, String token) {
        Verification check = signedUrls.verify(requestPath, token);
        if (!check.isValid()) {
            return Uni.createFrom().failure(new ApiException(RecordingProblems.DOWNLOAD_LINK_INVALID,
                    "the download link is " + describe(check)));
        }
        return Panache.withSession(() -> recordings.findLive(id)).map(r -> {
            if (r == null) {
                throw RecordingAccess.notFound(id);
            }
            return requireCompleted(r);
        });
    }

    /** A link that downloads the recording without an Authorization header, for a few minutes. */
    public Uni<DownloadLink> downloadLink(Actor actor, UUID id) {
        return completed(actor, id).map(r -> {
            String path = downloadPath(r.id);
            String token = signedUrls.sign(path, config.downloadUrlTtl());
            return new DownloadLink(SignedUrls.appendTo(path, token), Instant.now(clock).plus(config.downloadUrlTtl()));
        });
    }

    public static String downloadPath(UUID id) {
        return "/api/v1/recordings/" + id + "/download";
    }

    private static Recording requireCompleted(Recording r) {
        if (!RecordingStatus.COMPLETED.value().equals(r.status)) {
            throw new ApiException(RecordingProblems.NOT_READY, "the recording is " + r.status
                    + (RecordingStatus.FAILED.value().equals(r.status) ? " and has no media" : "; try again when it is completed"));
        }
        return r;
    }

    private static String describe(Verification check) {
        return switch (check.reason()) {
            case EXPIRED -> "expired";
            case WRONG_PATH -> "for another resource";
            default -> "not valid";
        };
    }
}
