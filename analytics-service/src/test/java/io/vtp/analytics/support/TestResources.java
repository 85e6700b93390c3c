package io.vtp.analytics.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.vtp.testsupport.PlatformResources;

/**
 * Every @QuarkusTest of this module runs against a real PostgreSQL and a real Kafka broker, and
 * verifies access tokens minted by {@link io.vtp.testsupport.TestTokens}.
 */
@QuarkusTestResource(value = PlatformResources.class,
        initArgs = @ResourceArg(name = PlatformResources.TEST_TOKENS, value = "true"))
public class TestResources {
}
