package io.vtp.kit.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;

/** HTTP settings every service shares ({@code vtp.http.*}). */
@ConfigMapping(prefix = "vtp.http")
public interface HttpConfig {

    /**
     * Addresses and ranges (CIDR) of the proxies in front of the service (gateway, ingress): only
     * they may name the client in X-Forwarded-For. Environment: {@code VTP_TRUSTED_PROXIES}.
     */
    @WithDefault("127.0.0.1,[::1]")
    List<String> trustedProxies();

    /** Largest request body of any route without a limit of its own (a JSON API needs little). */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /**
     * Limits of routes that take more, by path prefix, e.g.
     * {@code vtp.http.body-limits."/api/v1/recordings/import"=20G}. The longest matching prefix
     * wins; a {@code *} segment matches any one segment (in a properties file, escape a colon in
     * the key: {@code "/api/v1/courses/*}{@code /enrollments\\:import"}). The limit is checked
     * against Content-Length before the body is read; a chunked body is counted as it is read when the limit is at most 16 MiB, and otherwise streams to the route,
     * which must stop reading at the limit itself. A limit above the HTTP layer's hard ceiling
     * ({@code quarkus.http.limits.max-body-size}, env {@code VTP_HTTP_HARD_BODY_LIMIT}, 10M) needs
     * that raised too.
     */
    Map<String, MemorySize> bodyLimits();
}
