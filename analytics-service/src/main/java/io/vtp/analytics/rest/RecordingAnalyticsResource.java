package io.vtp.analytics.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vtp.analytics.service.Actor;
import io.vtp.analytics.service.ReportService;
import io.vtp.kit.identity.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

import static io.vtp.analytics.rest.Representations.TEXT_CSV;
import static io.vtp.analytics.rest.Representations.respond;

/** {@code GET /api/v1/recordings/{id}/analytics} (seed Phase 2a): the per-recording summary, routed here by the gateway. */
@Path("/api/v1/recordings/{id}/analytics")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
public class RecordingAnalyticsResource {

    private final ReportService reports;
    private final Caller caller;

    public RecordingAnalyticsResource(ReportService reports, Caller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Sessions, unique viewers, total and average playtime, last access, coverage and completion of a recording (staff)")
    public Uni<Response> summary(@PathParam("id") String id, @Context HttpHeaders headers) {
        UUID recording = Params.uuid("id", id);
        return respond(headers, reports.recordingSummary(new Actor(caller.id(), caller.role()), recording),
                r -> new CsvTable("recording_id", "total_sessions", "unique_viewers", "total_playtime", "average_playtime",
                        "last_accessed_at", "average_coverage", "completion_rate")
                        .row(r.recordingId(), r.totalSessions(), r.uniqueViewers(), r.totalPlaytime(), r.averagePlaytime(),
                                r.lastAccessedAt(), r.averageCoverage(), r.completionRate()),
                "recording-" + recording);
    }
}
