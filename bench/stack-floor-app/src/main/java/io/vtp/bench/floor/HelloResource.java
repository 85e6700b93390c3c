package io.vtp.bench.floor;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The one endpoint of the floor app. It counts the notes through a reactive session, so that its
 * first 200 means what auth-service's readiness means: the database answers through the pool.
 */
@Path("/hello")
public class HelloResource {

    @GET
    @WithSession
    @Produces(MediaType.TEXT_PLAIN)
    public Uni<String> hello() {
        return Note.count().map(n -> "notes: " + n);
    }
}
