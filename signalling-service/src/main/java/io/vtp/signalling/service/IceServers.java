package io.vtp.signalling.service;

import io.vtp.signalling.config.SignallingConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ICE servers a browser uses for a call. TURN credentials follow the shared-secret scheme
 * coturn implements ({@code use-auth-secret}): username {@code <expiry unix time>:<user id>},
 * password base64(HMAC-SHA1(secret, username)), so coturn checks them without calling us.
 */
@ApplicationScoped
public class IceServers {

    private final SignallingConfig.Ice config;
    private final Clock clock;

    public IceServers(SignallingConfig config, Clock clock) {
        this.config = config.ice();
        this.clock = clock;
    }

    public Map<String, Object> forUser(UUID userId) {
        List<Map<String, Object>> servers = new ArrayList<>();
        List<String> stun = config.stunUrls().orElse(List.of()).stream().filter(url -> !url.isBlank()).toList();
        if (!stun.isEmpty()) {
            servers.add(Map.of("urls", stun));
        }
        List<String> turn = config.turnUrls().orElse(List.of()).stream().filter(url -> !url.isBlank()).toList();
        String secret = config.turnSecret().filter(s -> !s.isBlank()).orElse(null);
        long ttl = config.turnCredentialTtl().toSeconds();
        if (!turn.isEmpty() && secret != null) {
            long expiry = Instant.now(clock).getEpochSecond() + ttl;
            String username = expiry + ":" + userId;
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("urls", turn);
            server.put("username", username);
            server.put("credential", credential(secret, username));
            servers.add(server);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ice_servers", servers);
        answer.put("ttl_seconds", ttl);
        return answer;
    }

    /** base64(HMAC-SHA1(secret, username)), as coturn computes it. */
    public static String credential(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is unavailable", e);
        }
    }
}
