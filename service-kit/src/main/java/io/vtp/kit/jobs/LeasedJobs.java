package io.vtp.kit.jobs;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Runs the jobs of a leased queue (a table a job is claimed from with {@code FOR UPDATE SKIP
 * LOCKED} and a lease, so replicas share it and a dead worker's job is taken over): at most
 * {@code concurrency} at once per instance, each on a Vert.x context of its own (its reactive
 * sessions never meet those of a request or of another job), with a bounded thread pool for its
 * blocking part. {@link #wake()} after a commit that queued a job starts it at once; call it from a
 * scheduled method too, as the fallback.
 */
public final class LeasedJobs {

    private static final Logger LOG = Logger.getLogger(LeasedJobs.class);

    private final Vertx vertx;
    private final String name;
    private final Supplier<Uni<UUID>> claim;
    private final BiFunction<UUID, Context, Uni<Void>> work;
    private final Semaphore slots;
    private final ExecutorService executor;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean stopping;

    /**
     * @param claim claims the next job in a transaction of its own: its id, or null when there is none
     * @param work  runs a claimed job on the context given, completing when the job's outcome is recorded
     */
    public LeasedJobs(Vertx vertx, String name, int concurrency, Supplier<Uni<UUID>> claim,
                      BiFunction<UUID, Context, Uni<Void>> work) {
        this.vertx = vertx;
        this.name = name;
        this.claim = claim;
        this.work = work;
        int n = Math.max(1, concurrency);
        this.slots = new Semaphore(n);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A new Vert.x context, marked safe for Hibernate Reactive, that nothing else runs on. */
    public static Context isolatedContext(Vertx vertx) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return context;
    }

    /** Claims and starts jobs while slots are free. */
    public void wake() {
        if (stopping) {
            return;
        }
        Context context = isolatedContext(vertx);
        context.runOnContext(ignored -> claimOne(context));
    }

    /** Runs {@code task} on the jobs' thread pool; its result (or failure) comes back on {@code context}. */
    public <T> Uni<T> blocking(Context context, Callable<T> task) {
        return Uni.createFrom().<T>emitter(emitter -> executor.execute(() -> {
            try {
                emitter.complete(task.call());
            } catch (Exception e) {
                emitter.fail(e);
            }
        })).emitOn(runnable -> context.runOnContext(ignored -> runnable.run()));
    }

    /** Jobs this instance runs right now. */
    public int running() {
        return running.get();
    }

    /** No more claims; running jobs are interrupted (their leases run out and another instance takes them over). */
    public void shutdown() {
        stopping = true;
        executor.shutdownNow();
    }

    public boolean stopping() {
        return stopping;
    }

    private void claimOne(Context context) {
        if (!slots.tryAcquire()) {
            return;
        }
        claim.get().subscribe().with(id -> {
            if (id == null) {
                slots.release();
                return;
            }
            running.incrementAndGet();
            wake(); // another job may be waiting and a slot free
            work.apply(id, context).subscribe().with(done -> finished(), failure -> {
                LOG.errorf("%s job %s ended unexpectedly: %s", name, id, failure.toString());
                finished();
            });
        }, failure -> {
            slots.release();
            LOG.warnf("Could not claim a %s job: %s", name, failure.getMessage());
        });
    }

    private void finished() {
        running.decrementAndGet();
        slots.release();
        wake();
    }
}
