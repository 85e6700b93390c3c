package io.vtp.media.ffmpeg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the {@code ffmpeg} and {@code ffprobe} executables are. Both always run in their own process, so
 * a hostile file can crash them but never the JVM.
 *
 * <p>{@link #bundled()} extracts the executables shipped in bytedeco's FFmpeg jar (to {@code ~/.javacpp/cache},
 * once per machine) and remembers where they are; tests and special deployments can name other paths with the
 * constructor.
 *
 * @param ffmpeg absolute path of the ffmpeg executable
 * @param ffprobe absolute path of the ffprobe executable
 */
public record FfmpegBinaries(Path ffmpeg, Path ffprobe) {

    private static final Object LOCK = new Object();
    private static volatile FfmpegBinaries bundled;

    public FfmpegBinaries {
        Objects.requireNonNull(ffmpeg, "ffmpeg");
        Objects.requireNonNull(ffprobe, "ffprobe");
        ffmpeg = ffmpeg.toAbsolutePath();
        ffprobe = ffprobe.toAbsolutePath();
    }

    /**
     * The executables bundled with {@code org.bytedeco:ffmpeg}, located on the first call (about half a second:
     * javacpp also loads FFmpeg's JNI libraries) and cached for the life of the JVM. Thread-safe; a failed
     * attempt is not cached, so a later call tries again.
     *
     * @throws IllegalStateException if the bundled executables cannot be extracted or are not executable
     */
    public static FfmpegBinaries bundled() {
        FfmpegBinaries found = bundled;
        if (found != null) {
            return found;
        }
        synchronized (LOCK) {
            if (bundled == null) {
                bundled = locate();
            }
            return bundled;
        }
    }

    private static FfmpegBinaries locate() {
        Path ffmpeg = executable(org.bytedeco.ffmpeg.ffmpeg.class, "ffmpeg");
        Path ffprobe = executable(org.bytedeco.ffmpeg.ffprobe.class, "ffprobe");
        return new FfmpegBinaries(ffmpeg, ffprobe);
    }

    private static Path executable(Class<?> presetClass, String name) {
        String location;
        try {
            location = org.bytedeco.javacpp.Loader.load(presetClass);
        } catch (RuntimeException | LinkageError e) {
            if (String.valueOf(e.getMessage()).contains("cannot open shared object file")
                    || (e.getCause() != null && String.valueOf(e.getCause().getMessage()).contains("cannot open shared object file"))) {
                throw new IllegalStateException("the bundled " + name + " needs system libraries that are missing: "
                        + "on Debian or Ubuntu, apt-get install libpulse0 libva2 libva-drm2", e);
            }
            throw new IllegalStateException("the bundled " + name + " executable could not be extracted", e);
        }
        if (location == null) {
            throw new IllegalStateException("the bundled " + name + " executable was not found");
        }
        Path path = Path.of(location);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("the bundled " + name + " is not executable: " + path);
        }
        return path;
    }
}
