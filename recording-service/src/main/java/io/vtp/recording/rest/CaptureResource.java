package io.vtp.recording.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.identity.Caller;
import io.vtp.kit.problem.ApiException;
import io.vtp.recording.config.RecordingConfig;
import io.vtp.recording.rest.dto.ChunkResponse;
import io.vtp.recording.rest.dto.RecordingResponse;
import io.vtp.recording.rest.dto.StartRequest;
import io.vtp.recording.rest.dto.StartResponse;
import io.vtp.recording.service.CaptureService;
import io.vtp.recording.service.StartCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Lecture capture from the browser: start, MediaRecorder chunks, stop. */
@Path("/api/v1/recordings")
@Tag(name = "capture")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CaptureResource {

    private final CaptureService capture;
    private final RecordingConfig config;
    private final Caller caller;

    public CaptureResource(CaptureService capture, RecordingConfig config, Caller caller) {
        this.capture = capture;
        this.config = config;
        this.caller = caller;
    }

    @POST
    @Path("/start")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start capturing a lecture in the browser (instructors, admins)")
    public Uni<Response> start(@NotNull @Valid StartRequest r) {
        return capture.start(Actors.of(caller), new StartCommand(r.title().strip(), r.description(), r.roomId(), r.courseId()))
                .map(rec -> Response.status(Response.Status.CREATED)
                        .header(HttpHeaders.LOCATION, "/api/v1/recordings/" + rec.id)
                        .entity(StartResponse.of(rec, config.capture().maxChunkBytes().asLongValue())).build());
    }

    @PUT
    @Path("/{id}/chunks/{seq}")
    @Consumes({"video/*", "audio/*", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Send MediaRecorder chunk number seq (0, 1, 2, ...; any order; the same bytes again are harmless)")
    public Uni<Response> chunk(@PathParam("id") UUID id, @PathParam("seq") String seq, byte[] body) {
        int number = parseSeq(seq);
        return capture.putChunk(Actors.of(caller), id, number, body)
                .map(receipt -> Response.status(receipt.duplicate() ? Response.Status.OK : Response.Status.CREATED)
                        .entity(ChunkResponse.of(id, receipt)).build());
    }

    @POST
    @Path("/{id}/stop")
    @Operation(summary = "Stop capturing; the recording is assembled, remuxed and probed (202, status processing)")
    public Uni<Response> stop(@PathParam("id") UUID id) {
        return capture.stop(Actors.of(caller), id)
                .map(r -> Response.status(Response.Status.ACCEPTED).entity(RecordingResponse.of(r)).build());
    }

    private int parseSeq(String seq) {
        int max = config.capture().maxSeq();
        if (seq == null || !seq.matches("\\d{1,9}") || Integer.parseInt(seq) > max) {
            throw ApiException.invalidField("seq", "must be a whole number from 0 to " + max);
        }
        return Integer.parseInt(seq);
    }
}
