package io.vtp.course.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vtp.course.rest.dto.CourseListResponse;
import io.vtp.course.rest.dto.CoursePatchRequest;
import io.vtp.course.rest.dto.CourseRequest;
import io.vtp.course.rest.dto.CourseResponse;
import io.vtp.course.rest.dto.CourseSummary;
import io.vtp.course.rest.dto.StatsResponse;
import io.vtp.course.service.CourseChanges;
import io.vtp.course.service.CourseQuery;
import io.vtp.course.service.CourseService;
import io.vtp.kit.cache.EncodedBodies;
import io.vtp.kit.http.FreshReads;
import io.vtp.kit.http.QueryParams;
import io.vtp.kit.identity.Caller;
import io.vtp.kit.json.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/courses")
@Tag(name = "courses")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CourseResource {

    private final CourseService courses;
    private final Caller caller;
    private final EncodedBodies bodies;

    public CourseResource(CourseService courses, Caller caller, EncodedBodies bodies) {
        this.courses = courses;
        this.caller = caller;
        this.bodies = bodies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a course (instructors and administrators); the caller becomes its owner")
    public Uni<Response> create(@NotNull @Valid CourseRequest request) {
        return courses.create(Actors.of(caller), changes(request, false))
                .map(detail -> Response.status(Response.Status.CREATED)
                        // a path, never an absolute URL built from the client's Host header
                        .header(HttpHeaders.LOCATION, "/api/v1/courses/" + detail.access().course().id)
                        .entity(CourseResponse.of(detail)).build());
    }

    @GET
    @Operation(summary = "Courses the caller may see: active ones and their own (administrators: all)")
    public Uni<CourseListResponse> list(@QueryParam("semester") @Size(max = 50) @PlainText String semester,
                                        @QueryParam("year") String year,
                                        @QueryParam("instructor_id") String instructorId,
                                        @QueryParam("status") @Size(max = 16) String status,
                                        @QueryParam("q") @Size(max = 200) @PlainText String text,
                                        @QueryParam("limit") String limitParam,
                                        @QueryParam("offset") String offsetParam) {
        int limit = QueryParams.integer("limit", limitParam, 20, 1, 100);
        int offset = QueryParams.integer("offset", offsetParam, 0, 0, 1_000_000);
        var actor = Actors.of(caller);
        CourseQuery query = new CourseQuery(actor.isAdmin() ? null : actor.id(), blankToEmpty(semester),
                year == null || year.isBlank() ? Optional.empty()
                        : Optional.of(QueryParams.integer("year", year, 0, 2000, 2100)),
                Optional.ofNullable(Enums.status("status", blankToNull(status))), QueryParams.uuid("instructor_id", instructorId),
                blankToEmpty(text));
        return courses.list(actor, query, limit, offset).map(page -> new CourseListResponse(
                page.items().stream().map(CourseSummary::of).toList(), page.total(), limit, offset));
    }

    @GET
    @Path("/my")
    @Operation(summary = "The caller's courses with their role in each: enrolled (students) or taught (staff)")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CourseListResponse.class)))
    public Uni<Response> mine(@QueryParam("limit") String limitParam,
                              @QueryParam("offset") String offsetParam,
                              @HeaderParam(HttpHeaders.CACHE_CONTROL) String cacheControl) {
        int limit = QueryParams.integer("limit", limitParam, 50, 1, 100);
        int offset = QueryParams.integer("offset", offsetParam, 0, 0, 1_000_000);
        boolean fresh = FreshReads.requested(cacheControl);
        // a cached page's JSON is written once (EncodedBodies), not at every hit
        return courses.mine(Actors.of(caller), limit, offset, fresh).map(page -> bodies.ok(page, !fresh,
                p -> new CourseListResponse(p.items().stream().map(CourseSummary::of).toList(), p.total(), limit, offset)));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One course with its counts and the caller's role in it")
    public Uni<CourseResponse> get(@PathParam("id") UUID id) {
        return courses.get(Actors.of(caller), id).map(CourseResponse::of);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a course's fields (owners, instructors, administrators)")
    public Uni<CourseResponse> replace(@PathParam("id") UUID id, @NotNull @Valid CourseRequest request) {
        return courses.update(Actors.of(caller), id, changes(request, true)).map(CourseResponse::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change some of a course's fields (owners, instructors, administrators)")
    public Uni<CourseResponse> patch(@PathParam("id") UUID id, @NotNull @Valid CoursePatchRequest r) {
        CourseChanges changes = new CourseChanges(r.code(), r.name(), r.description(), r.department(), r.semester(),
                r.year(), r.maxStudents(), Enums.status("status", r.status()),
                Enums.mode("enrollment_mode", r.enrollmentMode()), false);
        return courses.update(Actors.of(caller), id, changes).map(CourseResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a course with its enrolments, recording links and permissions (owners, administrators)")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return courses.delete(Actors.of(caller), id).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/{id}/stats")
    @Operation(summary = "Course figures from course-service's own data (course staff, administrators)")
    public Uni<StatsResponse> stats(@PathParam("id") UUID id) {
        return courses.stats(Actors.of(caller), id).map(StatsResponse::of);
    }

    private static CourseChanges changes(CourseRequest r, boolean replace) {
        return new CourseChanges(r.code(), r.name().trim(), r.description(), r.department(), r.semester(), r.year(),
                r.maxStudents(), Enums.status("status", r.status()), Enums.mode("enrollment_mode", r.enrollmentMode()),
                replace);
    }

    private static Optional<String> blankToEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
