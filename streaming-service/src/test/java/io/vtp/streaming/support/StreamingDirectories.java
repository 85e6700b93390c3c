package io.vtp.streaming.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A fresh media store root and work directory for the module's test run (deleted afterwards), and a signing key. */
public class StreamingDirectories implements QuarkusTestResourceLifecycleManager {

    private static Path base;

    public static Path mediaRoot() {
        return base.resolve("media");
    }

    public static Path workDir() {
        return base.resolve("work");
    }

    @Override
    public Map<String, String> start() {
        try {
            base = Files.createTempDirectory("vtp-streaming-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("vtp.media.storage.fs-root", mediaRoot().toString(),
                "vtp.streaming.work-dir", workDir().toString(),
                // the packaged service (PackagedServiceIT) runs the production profile: it needs a signing key too
                "vtp.kit.signed-urls.keys.k1", "cas0PmQGsEoXsykO3iTn/2NDiBFzWHNbknIaAf1H/68=");
    }

    @Override
    public void stop() {
        try (Stream<Path> paths = Files.walk(base)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory
        }
    }
}
