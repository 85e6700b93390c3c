package io.vtp.auth.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.vtp.testsupport.PlatformResources;

/** Every @QuarkusTest of this module runs against a real PostgreSQL and a real Kafka broker. */
@QuarkusTestResource(PlatformResources.class)
public class TestResources {
}
