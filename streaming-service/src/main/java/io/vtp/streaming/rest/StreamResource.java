package io.vtp.streaming.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.identity.Caller;
import io.vtp.media.http.RangedResponses;
import io.vtp.streaming.service.PlaybackService;
import io.vtp.streaming.service.StreamFiles;
import io.vtp.streaming.service.TranscodePipeline;
import io.vtp.streaming.service.Viewer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Playback: the HLS master playlist and the DASH manifest (with the caller's access token), and the
 * ladder's playlists, segments, sprites and thumbnail track below them (with the playback token
 * the master put into their URIs). Segments are immutable: cached for a year, validated by ETag,
 * served in byte ranges.
 */
@Path("/api/v1/recordings/{id}/stream")
@Tag(name = "playback")
public class StreamResource {

    static final String HLS = "application/vnd.apple.mpegurl";
    static final String DASH = "application/dash+xml";
    /** Playlists name a token: private, and short (a player re-fetches the master for a new one). */
    static final String TEXT_CACHE = "private, max-age=60";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final PlaybackService playback;
    private final StreamFiles files;
    private final Caller caller;

    public StreamResource(PlaybackService playback, StreamFiles files, Caller caller) {
        this.playback = playback;
        this.files = files;
        this.caller = caller;
    }

    @GET
    @Path("/master.m3u8")
    @Authenticated
    @Operation(summary = "HLS master playlist of the adaptive ladder; every URI in it carries a playback token")
    public Uni<Response> master(@PathParam("id") UUID id) {
        return playback.master(Viewer.of(caller), id).map(StreamResource::playlist);
    }

    @GET
    @Path("/playlist.m3u8")
    @Authenticated
    @Operation(summary = "The same master playlist, at the path older frontends use")
    public Uni<Response> legacyPlaylist(@PathParam("id") UUID id) {
        return master(id);
    }

    @GET
    @Path("/manifest.mpd")
    @Authenticated
    @Operation(summary = "DASH manifest over the same CMAF segments; its segment URIs carry a playback token")
    public Uni<Response> dash(@PathParam("id") UUID id) {
        return playback.dash(Viewer.of(caller), id).map(mpd -> Response.ok(mpd.getBytes(StandardCharsets.UTF_8), DASH)
                .header(HttpHeaders.CACHE_CONTROL, TEXT_CACHE).build());
    }

    @GET
    @Path("/{job}/{file}")
    @Blocking
    @Operation(summary = "A file of the ladder (variant or I-frame playlist, init or media segment, sprite, thumbnail track); needs the playback token")
    public Response file(@PathParam("id") UUID id, @PathParam("job") String job, @PathParam("file") String name,
                         @QueryParam("token") String token, @HeaderParam("Range") String range,
                         @HeaderParam("If-Range") String ifRange, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                         @Context UriInfo uri) throws IOException {
        StreamFiles.File file = files.file(id, job, name, uri.getRequestUri().getRawPath(), token);
        if (file.isText()) {
            return Response.ok(file.text().getBytes(StandardCharsets.UTF_8), TranscodePipeline.contentType(name))
                    .header(HttpHeaders.CACHE_CONTROL, TEXT_CACHE).build();
        }
        return RangedResponses.of(files.store(), file.key(), file.object().size(), file.object().etag(),
                        file.object().lastModified(), new RangedResponses.Conditions(range, ifRange, ifNoneMatch))
                .type(TranscodePipeline.contentType(name))
                .header(HttpHeaders.CACHE_CONTROL, IMMUTABLE)
                .build();
    }

    @HEAD
    @Path("/{job}/{file}")
    @Blocking
    @Operation(summary = "Headers of a file of the ladder")
    public Response fileHead(@PathParam("id") UUID id, @PathParam("job") String job, @PathParam("file") String name,
                             @QueryParam("token") String token, @Context UriInfo uri) throws IOException {
        StreamFiles.File file = files.file(id, job, name, uri.getRequestUri().getRawPath(), token);
        long length = file.isText() ? file.text().getBytes(StandardCharsets.UTF_8).length : file.object().size();
        return Response.ok().type(TranscodePipeline.contentType(name)).header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Accept-Ranges", file.isText() ? "none" : "bytes")
                .header(HttpHeaders.CACHE_CONTROL, file.isText() ? TEXT_CACHE : IMMUTABLE).build();
    }

    private static Response playlist(String body) {
        return Response.ok(body.getBytes(StandardCharsets.UTF_8), HLS).header(HttpHeaders.CACHE_CONTROL, TEXT_CACHE).build();
    }
}
