package io.vtp.streaming.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vtp.media.http.RangedResponses;
import io.vtp.streaming.service.StreamFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;

/**
 * The hot path of playback: a GET of a media file of a ladder (CMAF segment, init segment,
 * sprite) with a valid playback token, from a file system store, answered by a Vert.x route that
 * sends the file with {@code sendfile} straight from the event loop, ahead of Quarkus REST.
 * Everything else falls through to {@link StreamResource}, which answers it as before: text files
 * (their URIs get the token), an object store, HEAD, and every error (400, 403, 404, 416), so each
 * problem+json answer has one author. Both take the same decisions from {@link StreamFiles} and
 * {@link RangedResponses#plan}, and send the same headers.
 */
@ApplicationScoped
public class SegmentRoute {

    static final String PATH = "/api/v1/recordings/:id/stream/:job/:file";

    private final StreamFiles files;
    private final Counter served;

    public SegmentRoute(StreamFiles files, MeterRegistry registry) {
        this.files = files;
        this.served = Counter.builder("vtp.streaming.segments.direct")
                .description("Media files of ladders sent by the direct route (the rest go through StreamResource)")
                .register(registry);
    }

    void register(@Observes Router router) {
        router.get(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::serve);
    }

    void serve(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Optional<StreamFiles.LocalMedia> media = files.localMedia(ctx.pathParam("id"), ctx.pathParam("job"),
                ctx.pathParam("file"), request.path(), request.getParam("token"));
        if (media.isEmpty()) {
            ctx.next();
            return;
        }
        StreamFiles.LocalMedia file = media.get();
        RangedResponses.Plan plan = RangedResponses.plan(file.object().size(), file.object().etag(),
                file.object().lastModified(), new RangedResponses.Conditions(request.getHeader("Range"),
                        request.getHeader("If-Range"), request.getHeader(HttpHeaders.IF_NONE_MATCH)));
        if (plan instanceof RangedResponses.Unsatisfiable) {
            ctx.next(); // StreamResource answers the 416 problem
            return;
        }
        HttpServerResponse response = ctx.response()
                .putHeader(HttpHeaders.ETAG, plan.etag())
                .putHeader(HttpHeaders.CACHE_CONTROL, StreamResource.IMMUTABLE);
        served.increment();
        if (plan instanceof RangedResponses.NotModified) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, file.contentType())
                .putHeader(HttpHeaders.LAST_MODIFIED, plan.lastModified())
                .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes")
                .putHeader("X-Content-Type-Options", "nosniff");
        long start = 0;
        long length = file.object().size();
        if (plan instanceof RangedResponses.Partial partial) {
            start = partial.start();
            length = partial.length();
            response.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE, partial.contentRange());
        }
        response.sendFile(file.path().toString(), start, length).onFailure(e -> {
            if (!response.headWritten()) { // gone since the stat (a ladder replaced): StreamResource says 404
                response.headers().clear();
                response.setStatusCode(200);
                ctx.next();
            }
        });
    }
}
