package io.vtp.course.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vtp.course.rest.dto.EnrollRequest;
import io.vtp.course.rest.dto.EnrollmentResponse;
import io.vtp.course.rest.dto.ImportResponse;
import io.vtp.course.rest.dto.JoinCodeRequest;
import io.vtp.course.rest.dto.JoinCodeResponse;
import io.vtp.course.rest.dto.RosterResponse;
import io.vtp.course.service.EnrollmentService;
import io.vtp.kit.cache.EncodedBodies;
import io.vtp.kit.http.FreshReads;
import io.vtp.kit.http.QueryParams;
import io.vtp.kit.identity.Caller;
import io.vtp.kit.json.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/courses/{id}")
@Tag(name = "enrollment")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class EnrollmentResource {

    static final String TEXT_CSV = "text/csv";

    private final EnrollmentService enrollments;
    private final Caller caller;
    private final EncodedBodies bodies;

    public EnrollmentResource(EnrollmentService enrollments, Caller caller, EncodedBodies bodies) {
        this.enrollments = enrollments;
        this.caller = caller;
        this.bodies = bodies;
    }

    @POST
    @Path("/enroll")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enrol yourself (students) or another user (course staff, administrators); 200 when already enrolled")
    public Uni<Response> enroll(@PathParam("id") UUID id, @Valid EnrollRequest request) {
        Optional<UUID> student = request == null ? Optional.empty() : Optional.ofNullable(request.studentId());
        Optional<String> code = request == null ? Optional.empty() : Optional.ofNullable(request.joinCode());
        return enrollments.enroll(Actors.of(caller), id, student, code)
                .map(result -> Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                        .entity(EnrollmentResponse.of(result.enrollment())).build());
    }

    @DELETE
    @Path("/enroll/{student_id}")
    @Operation(summary = "Remove a student (course staff, administrators, or the student themself)")
    public Uni<Response> remove(@PathParam("id") UUID id, @PathParam("student_id") UUID studentId) {
        return enrollments.remove(Actors.of(caller), id, studentId).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/join-code")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or rotate the course's join code, optionally expiring (course staff)")
    public Uni<JoinCodeResponse> joinCode(@PathParam("id") UUID id, @Valid JoinCodeRequest request) {
        return enrollments.rotateJoinCode(Actors.of(caller), id,
                        Optional.ofNullable(request == null ? null : request.expiresAt()))
                .map(JoinCodeResponse::of);
    }

    @POST
    // Clients send the colon as is (as for Google-style custom methods); Quarkus REST matches the
    // raw path, so a client that percent-encodes it (%3A) gets a 404.
    @Path("/enrollments:import")
    @Consumes(TEXT_CSV)
    @Operation(summary = "Enrol users by e-mail address from a CSV file; the answer says what happened to each line (course staff)")
    public Uni<ImportResponse> importRoster(@PathParam("id") UUID id, String csv) {
        return enrollments.importRoster(Actors.of(caller), id, RosterCsv.read(csv)).map(ImportResponse::of);
    }

    @GET
    @Path("/enrollments")
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @Operation(summary = "The course's students with names and e-mails; CSV when the client accepts text/csv first (course staff)")
    public Uni<Response> roster(@PathParam("id") UUID id,
                                @QueryParam("q") @Size(max = 200) @PlainText String text,
                                @QueryParam("limit") String limitParam,
                                @QueryParam("offset") String offsetParam,
                                @HeaderParam(HttpHeaders.CACHE_CONTROL) String cacheControl,
                                @Context HttpHeaders headers) {
        boolean csv = prefersCsv(headers);
        int limit = QueryParams.integer("limit", limitParam, csv ? 10_000 : 50, 1, csv ? 100_000 : 200);
        int offset = QueryParams.integer("offset", offsetParam, 0, 0, 1_000_000);
        Optional<String> query = text == null || text.isBlank() ? Optional.empty() : Optional.of(text.trim());
        // CSV exports (up to 100,000 rows) are always read from the database
        boolean fresh = csv || FreshReads.requested(cacheControl);
        return enrollments.roster(Actors.of(caller), id, query, limit, offset, fresh).chain(page -> {
            if (csv) {
                var entries = page.items().stream().map(e -> RosterResponse.Entry.of(id, e)).toList();
                // up to 100,000 rows: written on a worker thread, never on the event loop
                return Uni.createFrom().item(() -> Response.ok(RosterCsv.write(entries), TEXT_CSV + "; charset=UTF-8")
                                .header("Content-Disposition", "attachment; filename=\"enrollments-" + id + ".csv\"")
                                .header("X-Total-Count", page.total())
                                .build())
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            }
            // a cached page's JSON is written once (EncodedBodies), not at every hit
            return Uni.createFrom().item(bodies.ok(page, !fresh && query.isEmpty(),
                    p -> new RosterResponse(p.items().stream().map(e -> RosterResponse.Entry.of(id, e)).toList(),
                            p.total(), limit, offset)));
        });
    }

    private static boolean prefersCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType() && !type.isWildcardSubtype()) {
                return false;
            }
            if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
                return true;
            }
        }
        return false;
    }
}
