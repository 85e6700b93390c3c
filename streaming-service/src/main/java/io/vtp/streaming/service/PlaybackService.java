package io.vtp.streaming.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.blocking.BlockingWork;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.signing.SignedUrls;
import io.vtp.media.storage.MediaStore;
import io.vtp.streaming.config.StreamingConfig;
import io.vtp.streaming.domain.Rendition;
import io.vtp.streaming.media.Ladder;
import io.vtp.streaming.media.MasterPlaylist;
import io.vtp.streaming.media.TokenRewriter;
import io.vtp.streaming.repository.JobRepository;
import io.vtp.streaming.repository.RenditionRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The entry points of playback, fetched with the caller's access token: the HLS master playlist and
 * the DASH manifest of the published ladder, with a playback token (service-kit's signed URLs, over
 * {@code /api/v1/recordings/{id}/stream/{jobId}/}) in every URI they list. Everything below them is
 * served to that token alone, without a database lookup ({@link StreamFiles}).
 */
@ApplicationScoped
public class PlaybackService {

    /** A published ladder, and the token for its files. */
    public record Published(Rendition rendition, Ladder ladder, String token) {
    }

    private final PlaybackAccess access;
    private final RenditionRepository renditions;
    private final JobRepository jobs;
    private final SignedUrls signedUrls;
    private final MediaStore store;
    private final BlockingWork blocking;
    private final Json json;
    private final StreamingConfig config;

    public PlaybackService(PlaybackAccess access, RenditionRepository renditions, JobRepository jobs,
                           SignedUrls signedUrls, MediaStore store, BlockingWork blocking, Json json,
                           StreamingConfig config) {
        this.access = access;
        this.renditions = renditions;
        this.jobs = jobs;
        this.signedUrls = signedUrls;
        this.store = store;
        this.blocking = blocking;
        this.json = json;
        this.config = config;
    }

    /**
     * Playback cannot work without signing keys: a deployment that lacks them fails at start with
     * the kit's message naming the setting, not with a 500 on every master playlist.
     */
    void requireSigningKeys(@Observes StartupEvent event) {
        signedUrls.sign("/api/v1/recordings/", Duration.ofMinutes(1));
    }

    /** The path every playback file of {@code recordingId} lies under. */
    public static String streamBase(UUID recordingId) {
        return "/api/v1/recordings/" + recordingId + "/stream/";
    }

    /** The published ladder, if {@code viewer} may watch it; 409 with the job's progress when there is none yet. */
    public Uni<Published> published(Viewer viewer, UUID recordingId) {
        return Panache.withSession(() -> access.watchable(viewer, recordingId)
                .chain(source -> renditions.findById(recordingId))
                .chain(r -> r != null ? Uni.createFrom().item(r) : jobs.latest(recordingId).map(job -> {
                    ApiException notReady = new ApiException(StreamingProblems.NOT_READY, job == null
                            ? "recording " + recordingId + " has not been transcoded yet"
                            : job.status.equals("failed") ? "transcoding recording " + recordingId + " failed: " + job.errorMessage
                            : "recording " + recordingId + " is being transcoded (" + job.status + ")");
                    throw job == null ? notReady : notReady.withExtension("progress", TranscodeService.progressMembers(job));
                })))
                .map(r -> new Published(r, json.ladder(r.ladder),
                        signedUrls.sign(streamBase(recordingId) + r.jobId + "/", config.playback().tokenTtl())));
    }

    public Uni<String> master(Viewer viewer, UUID recordingId) {
        return published(viewer, recordingId).map(p -> MasterPlaylist.render(p.ladder(),
                name -> p.rendition().jobId + "/" + name + "?token=" + p.token()));
    }

    public Uni<String> dash(Viewer viewer, UUID recordingId) {
        return published(viewer, recordingId).chain(p -> blocking.run(() -> read(p.rendition().prefix + "manifest.mpd"))
                .map(mpd -> TokenRewriter.dash(mpd, p.rendition().jobId + "/", p.token())));
    }

    private String read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
