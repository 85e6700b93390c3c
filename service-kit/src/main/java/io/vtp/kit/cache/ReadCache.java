package io.vtp.kit.cache;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * A short-lived read-through cache for reactive reads that every request repeats (a user's own
 * profile, their course list): a hit answers on the caller's event loop without a database round
 * trip.
 *
 * <ul>
 *   <li>Concurrent misses of one key share one load; an entry in use is reloaded in the background
 *       once it is {@code refreshAfter} old, so a busy key never waits for the database; no entry
 *       is older than {@code ttl}.</li>
 *   <li>The loader runs on a Vert.x context of its own (safe for a reactive session), whether a
 *       request missed or Caffeine refreshes; the caller continues on its own context.</li>
 *   <li>{@link #forget} and {@link #forgetIf} drop entries, loads still in flight included (their
 *       result reaches the callers waiting for it, but is not kept): call them once a change has
 *       committed, and every later read of this replica sees it. Other replicas see it within
 *       {@code ttl}.</li>
 *   <li>A load that fails is not kept; a null result is not kept either (wrap absence in
 *       {@code Optional}).</li>
 * </ul>
 */
public final class ReadCache<K, V> {

    private final AsyncLoadingCache<K, V> entries;
    private final Function<K, Uni<V>> loader;
    private final Vertx vertx;

    /**
     * @param loader reads the value of a key; it runs on a fresh safe duplicated context, so it
     *               opens its own session ({@code Panache.withSession}) when it needs one
     */
    public ReadCache(Vertx vertx, long maximumSize, Duration ttl, Duration refreshAfter, Function<K, Uni<V>> loader) {
        if (refreshAfter.compareTo(ttl) >= 0) {
            throw new IllegalArgumentException("refreshAfter must be shorter than ttl");
        }
        this.vertx = vertx;
        this.loader = loader;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(ttl)
                .refreshAfterWrite(refreshAfter)
                .buildAsync((key, executor) -> load(key));
    }

    /** The cached value, or the result of a load that this call starts or joins. */
    public Uni<V> get(K key) {
        CompletableFuture<V> entry = entries.get(key);
        if (entry.isCompletedExceptionally()) {
            // a load that failed just now: Caffeine drops it once its own callback has run, which
            // may not have happened yet; a later caller starts a new load rather than share the failure
            entries.asMap().remove(key, entry);
            entry = entries.get(key);
        }
        if (entry.isDone() && !entry.isCompletedExceptionally()) {
            return Uni.createFrom().item(entry.join()); // the common case: answered right here
        }
        Uni<V> loaded = Uni.createFrom().completionStage(entry);
        Context caller = Vertx.currentContext();
        if (caller != null) {
            // a load completes on its own context: continue on the caller's
            loaded = loaded.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        }
        return loaded;
    }

    /** A value read now, past the cache (a client that asked for {@code Cache-Control: no-cache}); not kept. */
    public Uni<V> fresh(K key) {
        return loader.apply(key);
    }

    public void forget(K key) {
        entries.synchronous().invalidate(key);
    }

    /**
     * Drops every entry whose key and value pass {@code test}, and every load still in flight (its
     * value is not known yet, and it may have read the state before the change).
     */
    public void forgetIf(BiPredicate<K, V> test) {
        for (Map.Entry<K, CompletableFuture<V>> entry : entries.asMap().entrySet()) {
            CompletableFuture<V> value = entry.getValue();
            if (!value.isDone() || value.isCompletedExceptionally() || test.test(entry.getKey(), value.join())) {
                entries.asMap().remove(entry.getKey(), value);
            }
        }
    }

    public void forgetAll() {
        entries.synchronous().invalidateAll();
    }

    /** Entries held now, loads in flight included (for tests and metrics). */
    public long size() {
        return entries.synchronous().estimatedSize();
    }

    private CompletableFuture<V> load(K key) {
        CompletableFuture<V> loaded = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> loader.apply(key).subscribe().with(loaded::complete, loaded::completeExceptionally));
        return loaded;
    }
}
