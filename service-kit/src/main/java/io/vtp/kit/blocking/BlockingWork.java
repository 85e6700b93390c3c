package io.vtp.kit.blocking;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The two crossings between blocking I/O (the media store, FFmpeg, request bodies) and the
 * reactive session, done the one way that keeps Hibernate Reactive on its Vert.x context
 * (../shared/STACK.md, pitfalls).
 */
@ApplicationScoped
public class BlockingWork {

    private final Vertx vertx;

    public BlockingWork(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Runs {@code task} on a worker thread; the result comes back on the caller's context. */
    public <T> Uni<T> run(Callable<T> task) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new BlockingTaskException(e);
            }
        }), false).onFailure(BlockingTaskException.class).transform(Throwable::getCause);
    }

    /**
     * From a blocking resource method (a worker thread that carries the request's Vert.x context):
     * subscribes to the reactive work on that context's event loop and waits for its result.
     */
    public static <T> T await(Supplier<Uni<? extends T>> work) {
        Context context = io.vertx.core.Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("BlockingWork.await needs the request's Vert.x context");
        }
        return Uni.createFrom().<T>deferred(work)
                .runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()))
                .await().indefinitely();
    }

    /** Carries a checked exception of a blocking task across the Uni. */
    static final class BlockingTaskException extends RuntimeException {
        BlockingTaskException(Exception cause) {
            super(cause);
        }
    }
}
