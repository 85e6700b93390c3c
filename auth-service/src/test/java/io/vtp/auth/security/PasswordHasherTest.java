package io.vtp.auth.security;

import io.vtp.auth.config.AuthConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(12);
    private final PasswordHasher hasher = new PasswordHasher(params(2));

    @AfterEach
    void stop() {
        callers.shutdownNow();
        hasher.stop();
    }

    @Test
    void hashesAndVerifiesArgon2id() {
        String hash = hasher.hash("Correct-Horse-1").await().indefinitely();
        assertTrue(hash.startsWith("$argon2id$v=19$m=8192,t=1,p=1$"), hash);
        assertNotEquals(hash, hasher.hash("Correct-Horse-1").await().indefinitely(), "every hash has its own salt");
        assertTrue(hasher.verify(hash, "Correct-Horse-1").await().indefinitely());
        assertFalse(hasher.verify(hash, "correct-horse-1").await().indefinitely());
    }

    @Test
    void manyCallersShareTheDedicatedThreadsNeverMoreAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            calls.add(callers.submit(() -> {
                start.await();
                return hasher.onHashingThread(() -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    threads.add(Thread.currentThread().getName());
                    try {
                        Thread.sleep(10); // stands in for a hash: long enough for the callers to overlap
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    running.decrementAndGet();
                    return true;
                }).await().indefinitely();
            }));
        }
        start.countDown();
        for (Future<Boolean> call : calls) {
            assertTrue(call.get(60, TimeUnit.SECONDS));
        }
        assertTrue(mostAtOnce.get() <= 2, "at most max-concurrent at once, saw " + mostAtOnce.get());
        assertTrue(threads.stream().allMatch(name -> name.startsWith(PasswordHasher.THREAD_NAME)), threads.toString());
        assertTrue(threads.size() <= 2, threads.toString());
    }

    @Test
    void failuresReachTheCallerAsTheyWere() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> hasher.onHashingThread(() -> {
                    throw new IllegalArgumentException("bad hash");
                }).await().indefinitely());
        assertEquals("bad hash", thrown.getMessage());
    }

    private static AuthConfig.Hashing params(int maxConcurrent) {
        return new AuthConfig.Hashing() {
            @Override
            public int memoryKib() {
                return 8192;
            }

            @Override
            public int iterations() {
                return 1;
            }

            @Override
            public int parallelism() {
                return 1;
            }

            @Override
            public Optional<Integer> maxConcurrent() {
                return Optional.of(maxConcurrent);
            }
        };
    }
}
