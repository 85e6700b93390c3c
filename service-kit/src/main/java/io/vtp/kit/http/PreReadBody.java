package io.vtp.kit.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.ByteArrayInputStream;

/**
 * Hands a body that {@link BodyLimits} already read (a chunked body, read up to its limit) to
 * Quarkus REST as the request's entity stream. Without it Quarkus REST would wait for body data
 * that was already consumed: its non-blocking input handler registers a read listener on a
 * request whose data and end have gone by (and a request seen through Quarkus's wrappers does not
 * even report itself ended), and hands the resource garbage.
 *
 * <p>A pre-matching filter runs before that input handler, and an entity stream set here makes it
 * stand aside. The body is recognised by the mark {@link BodyLimits} leaves in the routing
 * context, not by {@code request.isEnded()}.
 */
public class PreReadBody {

    @ServerRequestFilter(preMatching = true)
    public void useReadBody(ContainerRequestContext request, RoutingContext routing) {
        if (!Boolean.TRUE.equals(routing.get(BodyLimits.PRE_READ))) {
            return;
        }
        Buffer body = routing.body() == null ? null : routing.body().buffer();
        request.setEntityStream(new ByteArrayInputStream(body == null ? new byte[0] : body.getBytes()));
    }
}
