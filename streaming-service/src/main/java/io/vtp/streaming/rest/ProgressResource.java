package io.vtp.streaming.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.http.QueryParams;
import io.vtp.kit.identity.Caller;
import io.vtp.kit.problem.ApiException;
import io.vtp.streaming.rest.dto.ProgressReport;
import io.vtp.streaming.service.ViewingService;
import io.vtp.streaming.service.Viewer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Viewing progress: players report, viewers resume. */
@Path("/api/v1/recordings/{id}/progress")
@Tag(name = "viewing")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {

    private static final int MAX_RENDITION = 32;

    private final ViewingService viewing;
    private final Caller caller;

    public ProgressResource(ViewingService viewing, Caller caller) {
        this.viewing = viewing;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report the player's position and event (play, pause, seek, heartbeat, ended); 202, published on vtp.viewing")
    public Uni<Response> report(@PathParam("id") UUID id, ProgressReport body) {
        ViewingService.Report report = validate(body);
        return viewing.report(Viewer.of(caller), id, report).map(p -> Response.accepted(p).build());
    }

    @GET
    @Operation(summary = "The caller's last position in the recording (0 when never watched), to resume")
    public Uni<ViewingService.Position> last(@PathParam("id") UUID id) {
        return viewing.last(Viewer.of(caller), id);
    }

    static ViewingService.Report validate(ProgressReport body) {
        if (body == null) {
            throw ApiException.invalidField("position_seconds", "is required");
        }
        if (body.positionSeconds() == null || body.positionSeconds().isNaN() || body.positionSeconds() < 0
                || body.positionSeconds() > 24 * 3600) {
            throw ApiException.invalidField("position_seconds", "must be a number of seconds from 0 to 86400");
        }
        if (body.event() == null || !ViewingService.EVENTS.contains(body.event())) {
            throw ApiException.invalidField("event", "must be one of play, pause, seek, heartbeat, ended");
        }
        if (body.rendition() != null && (body.rendition().isBlank() || body.rendition().length() > MAX_RENDITION
                || !body.rendition().matches("[A-Za-z0-9 ._-]+"))) {
            throw ApiException.invalidField("rendition", "must be a rendition name such as 720p");
        }
        nonNegative("bandwidth_kbps", body.bandwidthKbps(), 10_000_000);
        nonNegative("buffer_seconds", body.bufferSeconds(), 3600);
        if (body.stalls() != null && (body.stalls() < 0 || body.stalls() > 100_000)) {
            throw ApiException.invalidField("stalls", "must be a count from 0 to 100000");
        }
        double rate = body.playbackRate() == null ? 1.0 : body.playbackRate();
        if (Double.isNaN(rate) || rate < 0.25 || rate > 4) {
            throw ApiException.invalidField("playback_rate", "must be between 0.25 and 4");
        }
        UUID session = body.sessionId() == null ? null : QueryParams.uuid("session_id", body.sessionId()).orElse(null);
        return new ViewingService.Report(body.event(), body.positionSeconds(), body.rendition(), rate,
                body.bandwidthKbps(), body.bufferSeconds(), body.stalls(), session);
    }

    private static void nonNegative(String field, Double value, double max) {
        if (value != null && (value.isNaN() || value < 0 || value > max)) {
            throw ApiException.invalidField(field, "must be a number from 0 to " + (long) max);
        }
    }
}
