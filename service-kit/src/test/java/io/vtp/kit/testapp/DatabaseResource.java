package io.vtp.kit.testapp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** A read through Hibernate Reactive, as every service's endpoints make them (io.vtp.kit.persistence tests). */
@Path("/kit-test/outbox-count")
@Produces(MediaType.APPLICATION_JSON)
public class DatabaseResource {

    @GET
    public Uni<Map<String, Object>> count() {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s
                        .createQuery("select count(*) from OutboxEvent", Long.class).getSingleResult()))
                .map(n -> Map.of("outbox_events", n));
    }
}
