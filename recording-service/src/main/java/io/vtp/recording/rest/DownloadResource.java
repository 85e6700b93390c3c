package io.vtp.recording.rest;

import io.smallrye.common.annotation.Blocking;
import io.vtp.kit.identity.Caller;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.CommonProblem;
import io.vtp.media.http.ByteRange;
import io.vtp.recording.domain.Recording;
import io.vtp.recording.service.RecordingProblems;
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
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.PathPart;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
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
            r = io.vtp.recording.service.Blocking.await(() -> recordings.completedByLink(id, path, token));
        } else {
            if (!caller.isAuthenticated()) {
                throw new ApiException(CommonProblem.UNAUTHORIZED, "a bearer access token or a signed link is required");
            }
            r = io.vtp.recording.service.Blocking.await(() -> recordings.completed(Actors.of(caller), id));
        }
        String etag = "\"" + r.etag + "\"";
        long size = r.sizeBytes;
        String lastModified = DateTimeFormatter.RFC_1123_DATE_TIME.format(r.completedAt.atOffset(ZoneOffset.UTC));
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        ByteRange.Parsed parsed = ifRange == null || ifRange.trim().equals(etag) || ifRange.trim().equals(lastModified)
                ? ByteRange.parse(range, size) : new ByteRange.Whole();
        if (parsed instanceof ByteRange.Unsatisfiable) {
            throw new ApiException(RecordingProblems.RANGE_NOT_SATISFIABLE, "the file has " + size + " bytes")
                    .withHeader("Content-Range", "bytes */" + size); // RFC 9110, 15.5.17
        }
        long start = 0;
        long length = size;
        Response.ResponseBuilder response = Response.ok();
        if (parsed instanceof ByteRange.Partial partial) {
            start = partial.range().start();
            length = partial.range().length();
            response = Response.status(Response.Status.PARTIAL_CONTENT)
                    .header("Content-Range", "bytes " + start + "-" + partial.range().end() + "/" + size);
        }
        return response.entity(body(r.storageKey, start, length))
                .type(r.mimeType)
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.LAST_MODIFIED, lastModified)
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=0")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", disposition(r))
                .build();
    }

    private Object body(String key, long start, long length) {
        Optional<java.nio.file.Path> local = store.localFile(key);
        if (local.isPresent()) {
            return new PathPart(local.get(), start, length);
        }
        return (StreamingOutput) out -> {
            try (InputStream in = length == 0 ? InputStream.nullInputStream() : store.open(key, start, length)) {
                in.transferTo(out);
            }
        };
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

    private static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
