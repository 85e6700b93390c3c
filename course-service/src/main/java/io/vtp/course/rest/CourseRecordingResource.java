package io.vtp.course.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vtp.course.rest.dto.LectureListResponse;
import io.vtp.course.rest.dto.LectureRequest;
import io.vtp.course.rest.dto.LectureResponse;
import io.vtp.course.service.CourseRecordingService;
import io.vtp.course.service.LectureChanges;
import io.vtp.kit.identity.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

@Path("/api/v1/courses/{id}/recordings")
@Tag(name = "course recordings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CourseRecordingResource {

    private final CourseRecordingService lectures;
    private final Caller caller;

    public CourseRecordingResource(CourseRecordingService lectures, Caller caller) {
        this.lectures = lectures;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Attach a recording of yours or of the course staff as a lecture (course staff)")
    public Uni<Response> add(@PathParam("id") UUID id, @NotNull @Valid LectureRequest r) {
        return lectures.add(Actors.of(caller), id,
                        new LectureChanges(r.recordingId(), r.lectureNumber(), r.lectureTitle(), r.sequenceOrder()))
                .map(lecture -> Response.status(Response.Status.CREATED).entity(LectureResponse.of(lecture)).build());
    }

    @GET
    @Operation(summary = "The course's recordings in sequence order (students: published ones)")
    public Uni<LectureListResponse> list(@PathParam("id") UUID id) {
        return lectures.list(Actors.of(caller), id).map(list -> new LectureListResponse(
                list.stream().map(LectureResponse::of).toList(), list.size()));
    }

    @POST
    @Path("/{recording_id}/publish")
    @Operation(summary = "Make a lecture visible to students; 409 while its adaptive stream is not ready (owners, instructors)")
    public Uni<LectureResponse> publish(@PathParam("id") UUID id, @PathParam("recording_id") UUID recordingId) {
        return lectures.publish(Actors.of(caller), id, recordingId).map(LectureResponse::of);
    }

    @POST
    @Path("/{recording_id}/unpublish")
    @Operation(summary = "Hide a lecture from students again (owners, instructors)")
    public Uni<LectureResponse> unpublish(@PathParam("id") UUID id, @PathParam("recording_id") UUID recordingId) {
        return lectures.unpublish(Actors.of(caller), id, recordingId).map(LectureResponse::of);
    }
}
