package io.vtp.streaming.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.vtp.media.storage.MediaDirectories;
import io.vtp.testsupport.PlatformResources;

/**
 * Every @QuarkusTest of this module runs against a real PostgreSQL and a real Kafka broker,
 * verifies access tokens minted by {@link io.vtp.testsupport.TestTokens}, and keeps its media and
 * scratch files in directories of its own.
 */
@QuarkusTestResource(value = PlatformResources.class,
        initArgs = @ResourceArg(name = PlatformResources.TEST_TOKENS, value = "true"))
@QuarkusTestResource(value = MediaDirectories.class, initArgs = {
        @ResourceArg(name = MediaDirectories.WORK_DIR_PROPERTY, value = "vtp.streaming.work-dir"),
        // the packaged service (PackagedServiceIT) runs the production profile: it needs a signing key too
        @ResourceArg(name = "vtp.kit.signed-urls.keys.k1", value = TestResources.SIGNING_KEY)})
public class TestResources {

    public static final String SIGNING_KEY = "cas0PmQGsEoXsykO3iTn/2NDiBFzWHNbknIaAf1H/68=";
}
