package io.vtp.streaming.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.identity.Caller;
import io.vtp.kit.problem.ApiException;
import io.vtp.streaming.domain.TranscodeJob;
import io.vtp.streaming.media.Rung;
import io.vtp.streaming.rest.dto.QualityRequest;
import io.vtp.streaming.rest.dto.RungBody;
import io.vtp.streaming.rest.dto.TranscodeJobResponse;
import io.vtp.streaming.service.Json;
import io.vtp.streaming.service.TranscodeService;
import io.vtp.streaming.service.Viewer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Transcode jobs: re-run the default ladder, a custom ladder, progress (JSON or Server-Sent Events), cancel. */
@Path("/api/v1/recordings/{id}/transcode")
@Tag(name = "transcoding")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class TranscodeResource {

    private final TranscodeService transcodes;
    private final Json json;
    private final Caller caller;

    public TranscodeResource(TranscodeService transcodes, Json json, Caller caller) {
        this.transcodes = transcodes;
        this.json = json;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Queue the default ladder again (owner, admins); 202 with the job")
    public Uni<Response> transcode(@PathParam("id") UUID id) {
        return transcodes.transcode(Viewer.of(caller), id).map(this::accepted);
    }

    @POST
    @Path("/quality")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a custom ladder: {rungs:[{height, bitrate_kbps}]} (1-8 rungs, 144-2160 px, 100-20000 kbps)")
    public Uni<Response> quality(@PathParam("id") UUID id, QualityRequest body) {
        return transcodes.transcodeCustom(Viewer.of(caller), id, rungs(body)).map(this::accepted);
    }

    @GET
    @Path("/progress")
    @Operation(summary = "The recording's latest transcode job: status, stage, percent; Server-Sent Events with Accept: text/event-stream")
    public Uni<TranscodeJobResponse> progress(@PathParam("id") UUID id) {
        return transcodes.progress(Viewer.of(caller), id).map(v -> view(v.job(), v.ready()));
    }

    @GET
    @Path("/progress")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The latest job's progress as Server-Sent Events, one per change, until it ends")
    public Multi<TranscodeJobResponse> progressEvents(@PathParam("id") UUID id) {
        return transcodes.progressEvents(Viewer.of(caller), id).map(v -> view(v.job(), v.ready()));
    }

    @DELETE
    @Operation(summary = "Cancel the queued or running job (owner, admins); its encoder is stopped")
    public Uni<TranscodeJobResponse> cancel(@PathParam("id") UUID id) {
        return transcodes.cancel(Viewer.of(caller), id).map(job -> view(job, false));
    }

    private Response accepted(TranscodeJob job) {
        return Response.accepted(view(job, false)).build();
    }

    private TranscodeJobResponse view(TranscodeJob job, boolean ready) {
        return TranscodeJobResponse.of(job, json.rungs(job.rungs), ready);
    }

    private static List<Rung> rungs(QualityRequest body) {
        if (body == null || body.rungs() == null) {
            throw ApiException.invalidField("rungs", "is required: a list of {height, bitrate_kbps}");
        }
        List<Rung> rungs = new ArrayList<>();
        for (int i = 0; i < body.rungs().size(); i++) {
            RungBody r = body.rungs().get(i);
            if (r == null || r.height() == null || r.bitrateKbps() == null) {
                throw ApiException.invalidField("rungs[" + i + "]", "needs height and bitrate_kbps");
            }
            rungs.add(new Rung(r.height(), r.bitrateKbps()));
        }
        return rungs;
    }
}
