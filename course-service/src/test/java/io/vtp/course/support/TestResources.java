package io.vtp.course.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.vtp.testsupport.KafkaResource;
import io.vtp.testsupport.PostgresResource;
import io.vtp.testsupport.TestJwtResource;

/**
 * Every @QuarkusTest of this module runs against a real PostgreSQL and a real Kafka broker, and
 * verifies access tokens minted by {@link io.vtp.testsupport.TestTokens}.
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestJwtResource.class)
public class TestResources {
}
