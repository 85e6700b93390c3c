package io.vtp.auth.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.vtp.testsupport.KafkaResource;
import io.vtp.testsupport.PostgresResource;

/** Every @QuarkusTest of this module runs against a real PostgreSQL and a real Kafka broker. */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
public class TestResources {
}
