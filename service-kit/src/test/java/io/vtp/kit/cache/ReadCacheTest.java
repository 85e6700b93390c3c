package io.vtp.kit.cache;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vtp.kit.http.FreshReads;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kit's read cache on a plain Vert.x instance: shared loads, forgetting, failures, contexts. */
class ReadCacheTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** A loader whose loads the test completes by hand, counting them. */
    static final class ManualLoader implements Function<String, Uni<String>> {
        final AtomicInteger calls = new AtomicInteger();
        final Map<Integer, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
        final List<Context> contexts = new CopyOnWriteArrayList<>();

        @Override
        public Uni<String> apply(String key) {
            int call = calls.incrementAndGet();
            contexts.add(Vertx.currentContext());
            CompletableFuture<String> result = new CompletableFuture<>();
            pending.put(call, result);
            return Uni.createFrom().completionStage(result);
        }

        void complete(int call, String value) {
            waitFor(call).complete(value);
        }

        void fail(int call) {
            waitFor(call).completeExceptionally(new IllegalStateException("database down"));
        }

        private CompletableFuture<String> waitFor(int call) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!pending.containsKey(call)) {
                assertTrue(System.nanoTime() < deadline, "load " + call + " never started");
                Thread.onSpinWait();
            }
            return pending.get(call);
        }
    }

    private static ReadCache<String, String> cache(ManualLoader loader) {
        return new ReadCache<>(vertx, 100, Duration.ofMinutes(5), Duration.ofMinutes(4), loader);
    }

    private static CompletableFuture<String> get(ReadCache<String, String> cache, String key) {
        return cache.get(key).subscribeAsCompletionStage();
    }

    /** A get of {@code key} that starts load number {@code call}, which yields {@code value}: the get's answer. */
    private static String loaded(ReadCache<String, String> cache, ManualLoader loader, String key, int call, String value)
            throws Exception {
        CompletableFuture<String> answer = get(cache, key);
        loader.complete(call, value);
        return answer.get(5, TimeUnit.SECONDS);
    }

    @Test
    void concurrentMissesShareOneLoadAndHitsLoadNothing() throws Exception {
        ManualLoader loader = new ManualLoader();
        ReadCache<String, String> cache = cache(loader);
        CompletableFuture<String> first = get(cache, "k");
        CompletableFuture<String> second = get(cache, "k");
        loader.complete(1, "v1");
        assertEquals("v1", first.get(5, TimeUnit.SECONDS));
        assertEquals("v1", second.get(5, TimeUnit.SECONDS));
        assertEquals("v1", get(cache, "k").get(5, TimeUnit.SECONDS));
        assertEquals(1, loader.calls.get());
    }

    @Test
    void theLoaderRunsOnASafeDuplicatedContextOfItsOwn() throws Exception {
        ManualLoader loader = new ManualLoader();
        ReadCache<String, String> cache = cache(loader);
        loaded(cache, loader, "k", 1, "v");
        Context context = loader.contexts.get(0);
        assertTrue(context != null && VertxContext.isDuplicatedContext(context), "a duplicated context");
        assertTrue(VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(context), "marked safe for a reactive session");
    }

    @Test
    void aForgottenKeyIsLoadedAgain() throws Exception {
        ManualLoader loader = new ManualLoader();
        ReadCache<String, String> cache = cache(loader);
        loaded(cache, loader, "k", 1, "old");
        cache.forget("k");
        assertEquals("new", loaded(cache, loader, "k", 2, "new"));
    }

    @Test
    void forgetIfDropsMatchingEntriesAndLoadsInFlight() throws Exception {
        ManualLoader loader = new ManualLoader();
        ReadCache<String, String> cache = cache(loader);
        loaded(cache, loader, "a", 1, "keep");
        loaded(cache, loader, "b", 2, "drop");
        CompletableFuture<String> inFlight = get(cache, "c"); // load 3, not finished
        loader.waitFor(3);

        cache.forgetIf((key, value) -> value.equals("drop"));
        loader.complete(3, "read before the change");
        assertEquals("read before the change", inFlight.get(5, TimeUnit.SECONDS), "its callers still get it");

        assertEquals("keep", get(cache, "a").get(5, TimeUnit.SECONDS));
        assertEquals(3, loader.calls.get(), "a was kept");
        assertEquals("b again", loaded(cache, loader, "b", 4, "b again"));
        assertEquals("c after the change", loaded(cache, loader, "c", 5, "c after the change"),
                "the in-flight load was not kept");
    }

    @Test
    void aFailedLoadIsNotKept() throws Exception {
        ManualLoader loader = new ManualLoader();
        ReadCache<String, String> cache = cache(loader);
        CompletableFuture<String> failed = get(cache, "k");
        loader.fail(1);
        assertThrows(Exception.class, () -> failed.get(5, TimeUnit.SECONDS));
        assertEquals("v", loaded(cache, loader, "k", 2, "v"));
    }

    @Test
    void freshReadsPastTheCacheAndKeepsNothing() throws Exception {
        ManualLoader loader = new ManualLoader();
        ReadCache<String, String> cache = cache(loader);
        CompletableFuture<String> fresh = cache.fresh("k").subscribeAsCompletionStage();
        loader.complete(1, "now");
        assertEquals("now", fresh.get(5, TimeUnit.SECONDS));
        assertEquals(0, cache.size());
    }

    @Test
    void anEntryExpiresAfterItsTtl() throws Exception {
        ManualLoader loader = new ManualLoader();
        ReadCache<String, String> cache = new ReadCache<>(vertx, 100, Duration.ofMillis(200), Duration.ofMillis(100), loader);
        loaded(cache, loader, "k", 1, "v1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (loader.calls.get() < 2) { // a later get reloads: in the background after 100 ms, in any case after 200 ms
            assertTrue(System.nanoTime() < deadline, "never reloaded");
            get(cache, "k");
            Thread.sleep(20);
        }
    }

    @Test
    void refreshMustComeBeforeExpiry() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReadCache<String, String>(vertx, 10, Duration.ofSeconds(1), Duration.ofSeconds(1), k -> Uni.createFrom().item(k)));
    }

    @Test
    void cacheControlDirectivesThatAskForAFreshAnswer() {
        assertTrue(FreshReads.requested("no-cache"));
        assertTrue(FreshReads.requested("No-Store"));
        assertTrue(FreshReads.requested("max-age=0"));
        assertTrue(FreshReads.requested("private, max-age = 0"));
        assertFalse(FreshReads.requested(null));
        assertFalse(FreshReads.requested(""));
        assertFalse(FreshReads.requested("max-age=60"));
        assertFalse(FreshReads.requested("no-transform"));
    }
}
