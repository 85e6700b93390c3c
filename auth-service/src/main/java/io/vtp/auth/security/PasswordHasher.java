package io.vtp.auth.security;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vtp.auth.config.AuthConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Argon2id password hashing (argon2-jvm, the reference C implementation).
 *
 * <p>Hashing is slow on purpose, so it runs on {@code max-concurrent} dedicated threads and requests
 * queue for them in arrival order: a storm of logins waits here instead of taking every core from
 * the requests that don't hash. The dedicated threads also bound native memory: each hash allocates
 * {@code memory-kib} with malloc, and glibc keeps that much in the arena of every thread that ever
 * hashed (hundreds of MB once a storm had spread hashes over the whole worker pool).
 */
@ApplicationScoped
public class PasswordHasher {

    static final String THREAD_NAME = "vtp-password-hashing-";

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    private final AuthConfig.Hashing params;
    private final ExecutorService hashing;
    /** Verified against when an account does not exist, so that timing does not reveal it. */
    private final String decoyHash;

    @Inject
    public PasswordHasher(AuthConfig config) {
        this(config.hashing());
    }

    PasswordHasher(AuthConfig.Hashing params) {
        this.params = params;
        int threads = params.maxConcurrent().orElse(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        AtomicInteger count = new AtomicInteger();
        this.hashing = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, THREAD_NAME + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.decoyHash = onHashingThreadAndWait(() -> argon2.hash(params.iterations(), params.memoryKib(),
                params.parallelism(), "decoy-password-for-unknown-accounts".toCharArray()));
    }

    /** Hashes on a hashing thread; the result is delivered on the caller's Vert.x context. */
    public Uni<String> hash(String password) {
        return onHashingThread(() -> argon2.hash(params.iterations(), params.memoryKib(), params.parallelism(),
                password.toCharArray()));
    }

    public Uni<Boolean> verify(String hash, String password) {
        return onHashingThread(() -> argon2.verify(hash, password.toCharArray()));
    }

    /** Spends the same effort as {@link #verify} for a login whose account does not exist. */
    public Uni<Boolean> verifyDecoy(String password) {
        return verify(decoyHash, password).replaceWith(false);
    }

    /**
     * Runs {@code work} on one of the hashing threads and delivers its result back on the Vert.x
     * context of the caller (if it has one), where the reactive session lives: a session used from
     * another thread fails (HR000068) and leaks its connection.
     */
    <T> Uni<T> onHashingThread(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> hashed = Uni.createFrom().completionStage(() -> java.util.concurrent.CompletableFuture.supplyAsync(work, hashing));
        return context == null ? hashed : hashed.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** The blocking form, for start-up code and tests that run on a worker thread. */
    <T> T onHashingThreadAndWait(Supplier<T> work) {
        Future<T> result = hashing.submit(work::get);
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hash a password", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @PreDestroy
    void stop() {
        hashing.shutdownNow();
    }
}
