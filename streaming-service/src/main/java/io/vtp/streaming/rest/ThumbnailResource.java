package io.vtp.streaming.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.vtp.kit.blocking.BlockingWork;
import io.vtp.kit.identity.Caller;
import io.vtp.kit.problem.ApiException;
import io.vtp.media.http.RangedResponses;
import io.vtp.media.storage.MediaStore;
import io.vtp.streaming.service.ThumbnailService;
import io.vtp.streaming.service.Viewer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** The poster of a recording, or a frame at {@code ?t=seconds}. */
@Path("/api/v1/recordings/{id}/thumbnail")
@Tag(name = "playback")
@Authenticated
public class ThumbnailResource {

    private final ThumbnailService thumbnails;
    private final MediaStore store;
    private final Caller caller;

    public ThumbnailResource(ThumbnailService thumbnails, MediaStore store, Caller caller) {
        this.thumbnails = thumbnails;
        this.store = store;
        this.caller = caller;
    }

    @GET
    @Blocking
    @Operation(summary = "JPEG poster of the recording; ?t=seconds renders (once) and returns the frame at that time")
    public Response thumbnail(@PathParam("id") UUID id, @QueryParam("t") String t,
                              @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Double at = t == null ? null : seconds(t);
        Viewer viewer = Viewer.of(caller);
        ThumbnailService.Image image = BlockingWork.await(() -> thumbnails.thumbnail(viewer, id, at));
        return RangedResponses.of(store, image.key(), image.object().size(), image.object().etag(),
                        image.object().lastModified(), new RangedResponses.Conditions(null, null, ifNoneMatch))
                .type("image/jpeg")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .build();
    }

    private static double seconds(String t) {
        try {
            double value = Double.parseDouble(t.trim());
            if (!Double.isNaN(value) && !Double.isInfinite(value) && t.trim().matches("[0-9]+(\\.[0-9]+)?")) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.invalidField("t", "must be a number of seconds, e.g. 12.5");
    }
}
