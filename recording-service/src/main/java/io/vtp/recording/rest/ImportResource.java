package io.vtp.recording.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.vertx.ext.web.RoutingContext;
import io.vtp.kit.http.QueryParams;
import io.vtp.kit.identity.Caller;
import io.vtp.kit.json.Texts;
import io.vtp.kit.problem.ApiException;
import io.vtp.recording.rest.dto.RecordingResponse;
import io.vtp.recording.service.ImportCommand;
import io.vtp.recording.service.ImportService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.util.UUID;

/**
 * {@code POST /api/v1/recordings/import}: an existing file, as the streamed request body or as the
 * {@code file} part of a multipart form. Either way it is sniffed, stored and processed like a
 * stopped capture; the answer (202) is the recording in "processing".
 */
@Path("/api/v1/recordings/import")
@Tag(name = "import")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    static final String DEFAULT_TITLE = "Imported recording";

    private final ImportService imports;
    private final UploadBodies uploads;
    private final Caller caller;

    public ImportResource(ImportService imports, UploadBodies uploads, Caller caller) {
        this.imports = imports;
        this.uploads = uploads;
        this.caller = caller;
    }

    @POST
    @Blocking
    @Consumes({"video/*", "audio/*", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Import a file sent as the request body (?title=&description=&course_id=&filename=)")
    public Response raw(@QueryParam("title") String title, @QueryParam("description") String description,
                        @QueryParam("course_id") String courseId, @QueryParam("filename") String filename,
                        RoutingContext routing) throws IOException {
        ImportCommand command = command(title, description, courseId, filename);
        return accepted(imports.importStream(Actors.of(caller), command, uploads.body(routing)));
    }

    @POST
    @Blocking
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Import a file sent as the part 'file' of a form (fields title, description, course_id)")
    public Response form(@RestForm("file") FileUpload file, @RestForm("title") String title,
                         @RestForm("description") String description, @RestForm("course_id") String courseId)
            throws IOException {
        if (file == null) {
            throw ApiException.invalidField("file", "the form needs a part named file");
        }
        ImportCommand command = command(title, description, courseId, file.fileName());
        return accepted(imports.importFile(Actors.of(caller), command, file.uploadedFile()));
    }

    private static Response accepted(io.vtp.recording.domain.Recording r) {
        return Response.status(Response.Status.ACCEPTED).header(HttpHeaders.LOCATION, "/api/v1/recordings/" + r.id)
                .entity(RecordingResponse.of(r)).build();
    }

    static ImportCommand command(String title, String description, String courseId, String filename) {
        String t = title == null || title.isBlank() ? DEFAULT_TITLE : title.strip();
        text("title", t, 200);
        if (description != null) {
            text("description", description, 5000);
        }
        String name = filename == null || filename.isBlank() ? null : filename.strip();
        if (name != null) {
            text("filename", name, 255);
        }
        UUID course = QueryParams.uuid("course_id", courseId).orElse(null);
        return new ImportCommand(t, description, course, name);
    }

    private static void text(String field, String value, int max) {
        if (value.length() > max) {
            throw ApiException.invalidField(field, "must be at most " + max + " characters");
        }
        if (!Texts.isWellFormed(value) || (!"description".equals(field) && Texts.hasControlCharacter(value))) {
            throw ApiException.invalidField(field, "must be plain text");
        }
    }
}
