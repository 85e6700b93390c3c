package io.vtp.streaming.service;

import io.vtp.kit.problem.ApiException;
import io.vtp.kit.signing.SignedUrls;
import io.vtp.kit.signing.Verification;
import io.vtp.media.storage.MediaStore;
import io.vtp.media.storage.StoredObject;
import io.vtp.streaming.media.TokenRewriter;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The files of a ladder ({@code stream/{jobId}/{name}}), served to a valid playback token alone: no
 * access token and no database lookup, so native players and CDNs can fetch them, fast. Text files
 * (playlists, the thumbnail track) get the token put into the URIs they list; media files are sent
 * as they are stored, from the file itself where the store is a file system. Runs on a worker thread.
 */
@ApplicationScoped
public class StreamFiles {

    private static final Logger LOG = Logger.getLogger(StreamFiles.class);
    /** The names a ladder's files have: no separators, no leading dot. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}\\.(m3u8|m4s|jpg|vtt|mpd)");

    /** One file to send: its stored object, and either rewritten text or the bytes (local file or store). */
    public record File(StoredObject object, String text, Optional<Path> local, String key) {
        public boolean isText() {
            return text != null;
        }
    }

    private final SignedUrls signedUrls;
    private final MediaStore store;

    public StreamFiles(SignedUrls signedUrls, MediaStore store) {
        this.signedUrls = signedUrls;
        this.store = store;
    }

    /**
     * @param rawPath the request's raw path, which the token must cover
     * @throws ApiException 400 for a name that is not a ladder file's, 403 for a missing, expired or
     *                      foreign token, 404 for a file the ladder does not have (or no longer has)
     */
    public File file(UUID recordingId, String jobId, String name, String rawPath, String token) throws IOException {
        UUID job = parseJob(jobId);
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.invalidField("file", "is not the name of a playback file");
        }
        Verification v = signedUrls.verify(rawPath, token);
        if (!v.isValid()) {
            LOG.debugf("Playback token refused for %s: %s", rawPath, v.reason());
            throw new ApiException(StreamingProblems.PLAYBACK_TOKEN_INVALID,
                    "the playback link is invalid or has expired; fetch the master playlist again");
        }
        String key = TranscodePipeline.prefix(recordingId, job) + name;
        Optional<StoredObject> object = store.stat(key);
        if (object.isEmpty() || name.equals("master.m3u8")) { // the stored master has no tokens: players get it from stream/master.m3u8
            throw ApiException.notFound("no playback file " + name);
        }
        if (isText(name)) {
            String text;
            try (InputStream in = store.open(key)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new File(object.get(), name.endsWith(".vtt") ? TokenRewriter.vtt(text, token) : TokenRewriter.hls(text, token),
                    Optional.empty(), key);
        }
        return new File(object.get(), null, store.localFile(key), key);
    }

    /** A media file of a ladder on the local file system, with what its response needs. */
    public record LocalMedia(Path path, StoredObject object, String contentType) {
    }

    /**
     * The media file (segment, init segment, sprite) that a valid playback token opens, when the
     * store keeps it as a local file; empty for everything else (a text file, an object store, and
     * every bad request: {@link #file} answers those). Never throws, never blocks beyond a local
     * {@code stat}: it runs on the event loop.
     *
     * @param recordingId the path's recording id, as sent
     */
    public Optional<LocalMedia> localMedia(String recordingId, String jobId, String name, String rawPath, String token) {
        if (token == null || name == null || isText(name) || name.endsWith(".mpd") || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Optional<UUID> id = uuid(recordingId);
        Optional<UUID> job = uuid(jobId);
        if (id.isEmpty() || job.isEmpty() || !signedUrls.verify(rawPath, token).isValid()) {
            return Optional.empty();
        }
        String key = TranscodePipeline.prefix(id.get(), job.get()) + name;
        try {
            Optional<Path> local = store.localFile(key);
            Optional<StoredObject> object = local.isEmpty() ? Optional.empty() : store.stat(key);
            return object.map(o -> new LocalMedia(local.get(), o, TranscodePipeline.contentType(name)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // file() meets the same problem and answers it
        }
    }

    private static boolean isText(String name) {
        return name.endsWith(".m3u8") || name.endsWith(".vtt");
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return text != null && text.length() == 36 ? Optional.of(UUID.fromString(text)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public MediaStore store() {
        return store;
    }

    private static UUID parseJob(String jobId) {
        return uuid(jobId).orElseThrow(() -> ApiException.invalidField("job", "is not a ladder id"));
    }
}
