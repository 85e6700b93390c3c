package io.vtp.analytics.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vtp.analytics.config.AnalyticsConfig;
import io.vtp.analytics.repository.CourseRollups;
import io.vtp.kit.jobs.LeasedJobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * When alerts are evaluated: courses whose events were ingested are evaluated within
 * {@code vtp.analytics.risk.evaluate-interval}; every course every {@code sweep-interval}
 * (inactivity grows without events). One evaluation run at a time per instance.
 */
@ApplicationScoped
public class AlertScheduler {

    private static final Logger LOG = Logger.getLogger(AlertScheduler.class);

    private final Set<UUID> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Vertx vertx;
    private final AnalyticsConfig config;
    private final Instance<AlertService> alerts;
    private final Instance<CourseRollups> courses;
    private long evaluateTimer = -1;
    private long sweepTimer = -1;

    public AlertScheduler(Vertx vertx, AnalyticsConfig config, Instance<AlertService> alerts, Instance<CourseRollups> courses) {
        this.vertx = vertx;
        this.config = config;
        this.alerts = alerts;
        this.courses = courses;
    }

    /** Courses with new events: evaluated at the next tick. */
    public void changed(Collection<UUID> courseIds) {
        dirty.addAll(courseIds);
    }

    void onStart(@Observes StartupEvent event) {
        evaluateTimer = vertx.setPeriodic(config.risk().evaluateInterval().toMillis(), id -> runDirty());
        sweepTimer = vertx.setPeriodic(config.risk().sweepInterval().toMillis(), id -> sweep());
    }

    void onStop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(evaluateTimer);
        vertx.cancelTimer(sweepTimer);
    }

    private void runDirty() {
        if (!dirty.isEmpty()) {
            run(() -> {
                List<UUID> batch = new ArrayList<>(dirty);
                dirty.removeAll(batch);
                return Uni.createFrom().item(batch);
            });
        }
    }

    private void sweep() {
        run(() -> courses.get().allCourses());
    }

    /** Evaluates each course of {@code ids} in turn and waits for all of them. */
    public Uni<Void> evaluateAll(Collection<UUID> ids) {
        Context context = LeasedJobs.isolatedContext(vertx);
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(course -> Uni.createFrom().deferred(() -> alerts.get().evaluate(course))
                        .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()))
                        .invoke(outcome -> {
                            if (outcome.skipped()) {
                                dirty.add(course);
                            }
                        })
                        .onFailure().invoke(failure -> {
                            LOG.warnf("Alert evaluation of course %s failed: %s", course, failure.getMessage());
                            dirty.add(course);
                        })
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    private void run(Supplier<Uni<List<UUID>>> ids) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Uni.createFrom().deferred(ids::get).chain(this::evaluateAll)
                .eventually(() -> running.set(false))
                .subscribe().with(ignored -> { }, failure -> LOG.warnf("Alert evaluation failed: %s", failure.getMessage()));
    }
}
