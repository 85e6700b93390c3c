package io.vtp.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Typed configuration of auth-service ({@code vtp.auth.*}). Every default lives once: here, or —
 * for the few keys that a documented environment variable sets (issuer, reset link, mail sender,
 * signing key file, bootstrap admin) — in application.properties next to that variable.
 */
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

    /** Purging of rows that can never matter again. */
    Retention retention();

    interface Tokens {
        /** The {@code iss} claim; every service verifies it ({@code VTP_AUTH_ISSUER}, default https://vtp.local/auth). */
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

        /**
         * The page of the web client that takes the token, e.g. https://vtp.example/reset-password
         * ({@code VTP_AUTH_RESET_LINK_BASE}, default http://localhost:8080/reset-password).
         */
        String linkBase();

        /** Sender of reset e-mails ({@code VTP_AUTH_MAIL_FROM}, default no-reply@vtp.local). */
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

    interface Retention {
        /** How often expired refresh tokens, dead session families and old reset tokens are deleted. */
        @WithDefault("1h")
        Duration purgeInterval();

        /**
         * Expired or revoked rows are kept this long after they stopped mattering, so recent reuse
         * evidence stays within reach of an investigation.
         */
        @WithDefault("1d")
        Duration grace();
    }
}
