package io.vtp.recording.rest;

import io.vtp.kit.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one problem whose response needs a header the kit's mapper does not add. */
public class RecordingMappers {

    /** 416 carries {@code Content-Range: bytes *}{@code /<size>} (RFC 9110, 15.5.17). */
    @ServerExceptionMapper
    public Response rangeNotSatisfiable(DownloadResource.RangeNotSatisfiable e, UriInfo uri) {
        return Response.status(416).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(e.kind(), e.getMessage(), uri.getPath()))
                .header("Content-Range", "bytes */" + e.size)
                .build();
    }

    /** 412 names the versions this server speaks ({@code Tus-Version}, tus 1.0 core). */
    @ServerExceptionMapper
    public Response tusVersion(TusResource.TusVersionMismatch e, UriInfo uri) {
        return Response.status(412).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(e.kind(), e.getMessage(), uri.getPath()))
                .header("Tus-Version", TusResource.VERSION)
                .build();
    }
}
