package io.vtp.recording.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.vtp.media.storage.MediaDirectories;
import io.quarkus.test.common.ResourceArg;
import io.vtp.testsupport.PlatformResources;

/**
 * Every @QuarkusTest of this module runs against a real PostgreSQL and a real Kafka broker,
 * verifies access tokens minted by {@link io.vtp.testsupport.TestTokens}, and keeps its media and
 * scratch files in directories of its own.
 */
@QuarkusTestResource(value = PlatformResources.class,
        initArgs = @ResourceArg(name = PlatformResources.TEST_TOKENS, value = "true"))
@QuarkusTestResource(value = MediaDirectories.class,
        initArgs = @ResourceArg(name = MediaDirectories.WORK_DIR_PROPERTY, value = "vtp.recording.work-dir"))
public class TestResources {
}
