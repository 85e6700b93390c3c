package io.vtp.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a service's tests run against, from one annotation on any class of the test sources:
 * a real PostgreSQL ({@link PostgresResource}) and a real Kafka broker ({@link KafkaResource}),
 * and, with {@code test-tokens=true}, access tokens verified against {@link TestTokens}' key
 * ({@link TestJwtResource}; resource services, never auth-service, which signs its own).
 *
 * <pre>{@code
 * @QuarkusTestResource(value = PlatformResources.class,
 *         initArgs = @ResourceArg(name = PlatformResources.TEST_TOKENS, value = "true"))
 * public class TestResources {
 * }
 * }</pre>
 */
public class PlatformResources implements QuarkusTestResourceLifecycleManager {

    /** Init argument: "true" also points token verification at the test key. */
    public static final String TEST_TOKENS = "test-tokens";

    private final List<QuarkusTestResourceLifecycleManager> started = new ArrayList<>();
    private boolean testTokens;

    @Override
    public void init(Map<String, String> initArgs) {
        testTokens = Boolean.parseBoolean(initArgs.getOrDefault(TEST_TOKENS, "false"));
    }

    @Override
    public Map<String, String> start() {
        List<QuarkusTestResourceLifecycleManager> parts = new ArrayList<>(List.of(new PostgresResource(),
                new KafkaResource()));
        if (testTokens) {
            parts.add(new TestJwtResource());
        }
        Map<String, String> config = new HashMap<>();
        for (QuarkusTestResourceLifecycleManager part : parts) {
            config.putAll(part.start());
            started.add(part);
        }
        return config;
    }

    @Override
    public void stop() {
        List<QuarkusTestResourceLifecycleManager> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        reversed.forEach(QuarkusTestResourceLifecycleManager::stop);
        started.clear();
    }
}
