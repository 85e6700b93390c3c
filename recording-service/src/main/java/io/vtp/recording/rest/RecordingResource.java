package io.vtp.recording.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.http.QueryParams;
import io.vtp.kit.identity.Caller;
import io.vtp.recording.domain.RecordingStatus;
import io.vtp.recording.repository.RecordingRepository;
import io.vtp.recording.rest.dto.DownloadUrlResponse;
import io.vtp.recording.rest.dto.InfoResponse;
import io.vtp.recording.rest.dto.RecordingListResponse;
import io.vtp.recording.rest.dto.RecordingResponse;
import io.vtp.recording.service.RecordingService;
import io.vtp.kit.problem.ApiException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Reading, listing and deleting recordings. */
@Path("/api/v1/recordings")
@Tag(name = "recordings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class RecordingResource {

    private final RecordingService recordings;
    private final Caller caller;

    public RecordingResource(RecordingService recordings, Caller caller) {
        this.recordings = recordings;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The recordings the caller may see, newest first (filters: room, course, status, owner)")
    public Uni<RecordingListResponse> list(@QueryParam("room_id") String roomId,
                                           @QueryParam("course_id") String courseId,
                                           @QueryParam("status") String status,
                                           @QueryParam("started_by") String startedBy,
                                           @QueryParam("limit") String limitParam,
                                           @QueryParam("offset") String offsetParam) {
        int limit = QueryParams.integer("limit", limitParam, 20, 1, 100);
        int offset = QueryParams.integer("offset", offsetParam, 0, 0, 1_000_000);
        String wanted = status == null || status.isBlank() ? null : status.trim();
        if (wanted != null && RecordingStatus.parse(wanted) == null) {
            throw ApiException.invalidField("status", "must be one of recording, processing, completed, failed");
        }
        RecordingRepository.Filter filter = new RecordingRepository.Filter(
                QueryParams.uuid("room_id", roomId).orElse(null), QueryParams.uuid("course_id", courseId).orElse(null),
                wanted, QueryParams.uuid("started_by", startedBy).orElse(null));
        return recordings.list(Actors.of(caller), filter, limit, offset).map(page -> new RecordingListResponse(
                page.items().stream().map(RecordingResponse::of).toList(), page.total(), page.limit(), page.offset()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One recording")
    public Uni<RecordingResponse> get(@PathParam("id") UUID id) {
        return recordings.get(Actors.of(caller), id).map(RecordingResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a recording (owner, admins); its media is removed in the background")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return recordings.delete(Actors.of(caller), id).map(x -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/info")
    @Operation(summary = "Media metadata of a completed recording (duration, codecs, resolution, fps, bitrate, size)")
    public Uni<InfoResponse> info(@PathParam("id") UUID id) {
        return recordings.completed(Actors.of(caller), id).map(InfoResponse::of);
    }

    @GET
    @Path("/{id}/download-url")
    @Operation(summary = "A signed link that downloads the recording without an Authorization header, for a few minutes")
    public Uni<DownloadUrlResponse> downloadUrl(@PathParam("id") UUID id) {
        return recordings.downloadLink(Actors.of(caller), id)
                .map(link -> new DownloadUrlResponse(link.path(), link.expiresAt()));
    }
}
