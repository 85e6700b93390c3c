package io.vtp.recording.rest;

import io.smallrye.common.annotation.Blocking;
import io.vtp.kit.blocking.BlockingWork;
import io.vtp.kit.identity.Caller;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.CommonProblem;
import io.vtp.media.http.RangedResponses;
import io.vtp.recording.domain.Recording;
import io.vtp.recording.service.RecordingService;
import io.vtp.media.storage.MediaStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * {@code GET /api/v1/recordings/{id}/download}: the stored file, with an Authorization header or
 * with the {@code token} of a signed link. Single byte ranges (Range, If-Range), ETag and
 * If-None-Match, a Content-Disposition naming the file after the recording. From the filesystem
 * store the file goes out with sendfile; from S3 it streams through.
 */
@Path("/api/v1/recordings/{id}/download")
@Tag(name = "recordings")
public class DownloadResource {

    private final RecordingService recordings;
    private final MediaStore store;
    private final Caller caller;

    public DownloadResource(RecordingService recordings, MediaStore store, Caller caller) {
        this.recordings = recordings;
        this.store = store;
        this.caller = caller;
    }

    @GET
    @Blocking
    @Operation(summary = "Download the recording's file (Range supported); a signed link's token replaces the Authorization header")
    public Response download(@PathParam("id") UUID id, @QueryParam("token") String token,
                             @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
                             @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context UriInfo uri) {
        Recording r;
        if (token != null) {
            String path = uri.getRequestUri().getRawPath();
            r = BlockingWork.await(() -> recordings.completedByLink(id, path, token));
        } else {
            if (!caller.isAuthenticated()) {
                throw new ApiException(CommonProblem.UNAUTHORIZED, "a bearer access token or a signed link is required");
            }
            r = BlockingWork.await(() -> recordings.completed(Actors.of(caller), id));
        }
        return RangedResponses.of(store, r.storageKey, r.sizeBytes, r.etag, r.completedAt,
                        new RangedResponses.Conditions(range, ifRange, ifNoneMatch))
                .type(r.mimeType)
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=0")
                .header("Content-Disposition", disposition(r))
                .build();
    }

    /** {@code attachment} named after the title: an ASCII fallback and the exact UTF-8 name (RFC 6266). */
    static String disposition(Recording r) {
        int dot = r.storageKey.lastIndexOf('.');
        String extension = dot < 0 ? "" : r.storageKey.substring(dot);
        String name = r.title.strip() + extension;
        String ascii = name.replaceAll("[^A-Za-z0-9 ._()-]", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
