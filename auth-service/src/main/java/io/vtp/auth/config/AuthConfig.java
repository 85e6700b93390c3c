package io.vtp.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Typed configuration of auth-service ({@code vtp.auth.*}). */
@ConfigMapping(prefix = "vtp.auth")
public interface AuthConfig {

    /** Access and refresh tokens. */
    Tokens tokens();

    /** RS256 signing keys. */
    Keys keys();

    /** Brute-force protection of the login endpoint. */
    Throttle throttle();

    /** Password hashing (Argon2id). */
    Hashing hashing();

    /** Forgotten-password e-mails. */
    PasswordReset passwordReset();

    /** The first administrator, created at start when configured. */
    BootstrapAdmin bootstrapAdmin();

    /** The outbox relay to Kafka. */
    Outbox outbox();

    /**
     * Addresses and ranges (CIDR) of the proxies in front of the service (gateway, ingress): only
     * they may name the client in X-Forwarded-For.
     */
    @WithDefault("127.0.0.1,[::1]")
    List<String> trustedProxies();

    interface Tokens {
        /** The {@code iss} claim; every service verifies it. */
        @WithDefault("https://vtp.local/auth")
        String issuer();

        /** Lifetime of an access token. */
        @WithDefault("15m")
        Duration accessTokenTtl();

        /** Lifetime of a refresh token (each rotation issues a new one with a fresh lifetime). */
        @WithDefault("30d")
        Duration refreshTokenTtl();
    }

    interface Keys {
        /** PKCS#8 PEM file with the private signing key (in Kubernetes: mounted from a Secret). */
        Path signingKeyFile();

        /** Generate and persist a new key when the file is missing (local mode); off in production. */
        @WithDefault("false")
        boolean generateIfMissing();

        /** PEM public keys of previous signing keys, still published in the JWKS during rotation. */
        Optional<List<Path>> previousPublicKeyFiles();
    }

    interface Throttle {
        /** Failed logins of one account within the window before further attempts get 429. */
        @WithDefault("5")
        int maxFailuresPerAccount();

        /** Failed logins from one client address within the window before further attempts get 429. */
        @WithDefault("20")
        int maxFailuresPerClient();

        @WithDefault("15m")
        Duration window();
    }

    interface Hashing {
        /** Argon2id memory cost in KiB (OWASP: at least 19456). */
        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();

        /**
         * Hashes computed at once. Hashing is deliberately slow; bounding it keeps a login storm
         * from starving every other request of CPU. Defaults to one less than the available cores.
         */
        Optional<Integer> maxConcurrent();
    }

    interface PasswordReset {
        /** How long a reset link stays valid. */
        @WithDefault("30m")
        Duration tokenTtl();

        /** The page of the web client that takes the token, e.g. https://vtp.example/reset-password. */
        @WithDefault("http://localhost:8080/reset-password")
        String linkBase();

        /** Sender of reset e-mails. */
        @WithDefault("no-reply@vtp.local")
        String from();
    }

    interface BootstrapAdmin {
        /** E-mail of the first administrator; nothing is created when unset. */
        Optional<String> email();

        /** Its initial password (from a Secret or environment variable, never a default). */
        Optional<String> password();

        @WithDefault("VTP Administrator")
        String fullName();
    }

    interface Outbox {
        /** How often the relay looks for events to publish (the scheduler's minimum is 1 s). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Events relayed per batch. */
        @WithDefault("100")
        int batchSize();

        /**
         * Safety net on one send. The Kafka sink itself answers (ack or nack) within the producer's
         * {@code delivery.timeout.ms} plus {@code max.block.ms}; this must stay well above that, or
         * the relay could give up on a send the sink is still retrying and publish it twice.
         */
        @WithDefault("60s")
        Duration sendTimeout();

        /** Published events are deleted after this long. */
        @WithDefault("7d")
        Duration retention();
    }
}
