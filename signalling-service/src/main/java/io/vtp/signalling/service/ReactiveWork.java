package io.vtp.signalling.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vtp.kit.jobs.LeasedJobs;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * Database work started from a socket callback (an event loop with no request context): each unit
 * runs on a Vert.x context of its own, marked safe for Hibernate Reactive (../shared/STACK.md).
 */
@ApplicationScoped
public class ReactiveWork {

    private final Vertx vertx;

    public ReactiveWork(Vertx vertx) {
        this.vertx = vertx;
    }

    /** {@code work} in one transaction. */
    public <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return on(() -> Panache.withTransaction(work));
    }

    /** {@code work} in a session without a transaction (reads). */
    public <T> Uni<T> session(Supplier<Uni<T>> work) {
        return on(() -> Panache.withSession(work));
    }

    private <T> Uni<T> on(Supplier<Uni<T>> work) {
        Context context = LeasedJobs.isolatedContext(vertx.getDelegate());
        return Uni.createFrom().<T>deferred(work::get)
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
