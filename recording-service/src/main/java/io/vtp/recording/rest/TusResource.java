package io.vtp.recording.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.vtp.kit.identity.Caller;
import io.vtp.kit.problem.ApiException;
import io.vtp.recording.config.RecordingConfig;
import io.vtp.recording.service.RecordingProblems;
import io.vtp.recording.service.TusService;
import io.vtp.recording.service.TusService.UploadState;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/**
 * Resumable imports over the tus 1.0 protocol (https://tus.io/protocols/resumable-upload): Core,
 * Creation and Termination, so tus-js-client and Uppy resume an interrupted upload where it
 * stopped. {@code Upload-Metadata} carries {@code title} (else {@code filename}) and
 * {@code filename}. The last PATCH turns the upload into a recording in "processing"; its id comes
 * back in the headers {@code X-Recording-Id} and {@code X-Recording-Location} (its path).
 */
@Path(TusResource.PATH)
@Tag(name = "import")
@Authenticated
public class TusResource {

    static final String PATH = "/api/v1/recordings/uploads";
    static final String VERSION = "1.0.0";
    static final String OFFSET_CONTENT_TYPE = "application/offset+octet-stream";

    private final TusService tus;
    private final RecordingConfig config;
    private final Caller caller;
    private final UploadBodies uploads;

    public TusResource(TusService tus, RecordingConfig config, Caller caller, UploadBodies uploads) {
        this.tus = tus;
        this.config = config;
        this.caller = caller;
        this.uploads = uploads;
    }

    @OPTIONS
    @PermitAll
    @Operation(summary = "tus: the server's protocol versions, extensions and largest upload")
    public Response options() {
        return Response.noContent()
                .header("Tus-Resumable", VERSION)
                .header("Tus-Version", VERSION)
                .header("Tus-Extension", "creation,termination")
                .header("Tus-Max-Size", config.imports().maxBytes().asLongValue())
                .build();
    }

    @POST
    @Blocking
    @Operation(summary = "tus Creation: announce an upload (Upload-Length, Upload-Metadata); 201 with its URL")
    public Response create(@HeaderParam("Tus-Resumable") String version, @HeaderParam("Upload-Length") String length,
                           @HeaderParam("Upload-Defer-Length") String defer,
                           @HeaderParam("Upload-Metadata") String metadata) throws IOException {
        requireVersion(version);
        if (defer != null) {
            throw ApiException.invalidField("Upload-Defer-Length", "is not supported: send Upload-Length");
        }
        long total = number("Upload-Length", length);
        Map<String, String> meta = TusMetadata.parse(metadata);
        String filename = meta.get("filename");
        String title = meta.getOrDefault("title", filename);
        var command = ImportResource.command(title, null, null, filename);
        UploadState state = tus.create(Actors.of(caller), total, command.title(), command.filename(), metadata);
        return withState(Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, PATH + "/" + state.id()), state).build();
    }

    @HEAD
    @Path("/{id}")
    @Operation(summary = "tus: how many bytes of the upload arrived (Upload-Offset)")
    public Uni<Response> head(@PathParam("id") UUID id, @HeaderParam("Tus-Resumable") String version) {
        requireVersion(version);
        return tus.state(Actors.of(caller), id).map(state -> {
            Response.ResponseBuilder r = withState(Response.ok(), state)
                    .header("Upload-Length", state.length())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store");
            if (state.metadata() != null) {
                r.header("Upload-Metadata", state.metadata());
            }
            return r.build();
        });
    }

    @PATCH
    @Path("/{id}")
    @Blocking
    @Consumes(OFFSET_CONTENT_TYPE)
    @Operation(summary = "tus: append bytes at Upload-Offset (Content-Type application/offset+octet-stream)")
    public Response patch(@PathParam("id") UUID id, @HeaderParam("Tus-Resumable") String version,
                          @HeaderParam("Upload-Offset") String offset, RoutingContext routing) throws IOException {
        requireVersion(version);
        long at = number("Upload-Offset", offset);
        UploadState state = tus.append(Actors.of(caller), id, at, uploads.body(routing));
        return withState(Response.noContent(), state).build();
    }

    @DELETE
    @Path("/{id}")
    @Blocking
    @Operation(summary = "tus Termination: abandon the upload and delete its bytes")
    public Response terminate(@PathParam("id") UUID id, @HeaderParam("Tus-Resumable") String version)
            throws IOException {
        requireVersion(version);
        tus.terminate(Actors.of(caller), id);
        return Response.noContent().header("Tus-Resumable", VERSION).build();
    }

    private static Response.ResponseBuilder withState(Response.ResponseBuilder r, UploadState state) {
        r.header("Tus-Resumable", VERSION).header("Upload-Offset", state.offset())
                .header("Upload-Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(state.expiresAt().atOffset(ZoneOffset.UTC)));
        if (state.recordingId() != null) {
            r.header("X-Recording-Id", state.recordingId())
                    .header("X-Recording-Location", "/api/v1/recordings/" + state.recordingId());
        }
        return r;
    }

    private static void requireVersion(String version) {
        if (!VERSION.equals(version)) {
            throw new ApiException(RecordingProblems.TUS_VERSION, "send Tus-Resumable: " + VERSION)
                    .withHeader("Tus-Version", VERSION); // the versions this server speaks (tus 1.0 core)
        }
    }

    private static long number(String header, String value) {
        if (value == null || !value.trim().matches("\\d{1,18}")) {
            throw ApiException.invalidField(header, "must be a non-negative whole number of bytes");
        }
        return Long.parseLong(value.trim());
    }
}
