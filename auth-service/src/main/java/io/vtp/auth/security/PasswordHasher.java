package io.vtp.auth.security;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import io.vtp.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Semaphore;

/**
 * Argon2id password hashing (argon2-jvm, the reference C implementation).
 *
 * <p>Hashing is slow on purpose, so at most {@code max-concurrent} hashes run at once: a storm of
 * logins queues here instead of taking every core from the requests that don't hash.
 */
@ApplicationScoped
public class PasswordHasher {

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    private final AuthConfig.Hashing params;
    private final Semaphore permits;
    /** Verified against when an account does not exist, so that timing does not reveal it. */
    private final String decoyHash;

    public PasswordHasher(AuthConfig config) {
        this.params = config.hashing();
        int cores = Runtime.getRuntime().availableProcessors();
        this.permits = new Semaphore(params.maxConcurrent().orElse(Math.max(1, cores - 1)), true);
        this.decoyHash = hash("decoy-password-for-unknown-accounts");
    }

    public String hash(String password) {
        return bounded(() -> argon2.hash(params.iterations(), params.memoryKib(), params.parallelism(),
                password.toCharArray()));
    }

    public boolean verify(String hash, String password) {
        return bounded(() -> argon2.verify(hash, password.toCharArray()));
    }

    /** Spends the same effort as {@link #verify} for a login whose account does not exist. */
    public void verifyDecoy(String password) {
        verify(decoyHash, password);
    }

    private <T> T bounded(java.util.function.Supplier<T> work) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hash a password", e);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
