package io.vtp.media.storage;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * For a media service's @QuarkusTests: a fresh media store root and scratch directory for the test
 * run, deleted afterwards. Init args: {@link #WORK_DIR_PROPERTY}, the service's scratch-directory
 * setting (e.g. {@code vtp.recording.work-dir}); any other arg is passed on as configuration.
 */
public class MediaDirectories implements QuarkusTestResourceLifecycleManager {

    public static final String WORK_DIR_PROPERTY = "work-dir-property";

    private static Path base;
    private final Map<String, String> config = new HashMap<>();
    private String workDirProperty;

    /** The filesystem store's root in this test run. */
    public static Path mediaRoot() {
        return base.resolve("media");
    }

    public static Path workDir() {
        return base.resolve("work");
    }

    @Override
    public void init(Map<String, String> initArgs) {
        config.putAll(initArgs);
        workDirProperty = config.remove(WORK_DIR_PROPERTY);
    }

    @Override
    public Map<String, String> start() {
        try {
            base = Files.createTempDirectory("vtp-media-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new HashMap<>(config);
        all.put("vtp.media.storage.fs-root", mediaRoot().toString());
        if (workDirProperty != null) {
            all.put(workDirProperty, workDir().toString());
        }
        return all;
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
