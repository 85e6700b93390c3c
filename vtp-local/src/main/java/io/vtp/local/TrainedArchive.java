package io.vtp.local;

import io.vtp.local.cds.LinkingMain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A service's AppCDS archive, recorded by local mode itself in {@code <home>/cds/<service>.jsa}.
 *
 * <p>Quarkus's build-time archive holds only the classes loaded before the application's runtime
 * start; Hibernate ORM's boot, Flyway, the Kafka client and the rest load later, about 9,000 classes
 * in auth-service. So the first run after each build records every class the service loads
 * ({@code -XX:ArchiveClassesAtExit}); the JVM writes the archive when local mode stops the service,
 * and every later start maps it (auth-service starts about 0.5 s faster than with the build-time
 * archive). On JDK 17 a dynamic archive cannot extend another, so the recording run starts without one.
 * JDK 17 also leaves out every class that was loaded but never linked (2,800 of auth-service's), so the
 * recording run logs the classes it loads and {@link io.vtp.local.cds.LinkingMain} links them all
 * before the JVM writes the archive (auth-service then starts about 20 % faster again).
 *
 * <p>The JVM checks every archived class against the bytes it loads, so an out-of-date archive costs
 * speed, never correctness; one older than the service's build is recorded again. A recording is kept
 * only when the service was running and exited within the grace period after being asked to stop,
 * never from a crash or a forced kill (a half-written archive is deleted).
 */
final class TrainedArchive {

    private final Path file;
    private final Path recording;
    private final Path classLog;
    private final List<Path> classPath;
    private volatile boolean recordsThisRun;

    private TrainedArchive(Path file, List<Path> classPath) {
        this.file = file;
        this.recording = file.resolveSibling(file.getFileName() + ".recording");
        this.classLog = file.resolveSibling(file.getFileName() + ".classes");
        this.classPath = classPath;
    }

    /**
     * The archive of {@code service} for the JDK that runs local mode (an archive fits one JDK build),
     * for a JVM whose class path is {@code classPath} (the service's jar and the launcher's).
     */
    static TrainedArchive of(Path home, String service, Path... classPath) {
        String jdk = Runtime.version().toString().replaceAll("[^A-Za-z0-9.+-]", "_");
        return new TrainedArchive(home.resolve("cds").resolve(service + "-jdk-" + jdk + ".jsa"), List.of(classPath));
    }

    Path file() {
        return file;
    }

    /** True when the archive exists and was recorded after every jar of the class path was built. */
    boolean isCurrent() {
        try {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            for (Path jar : classPath) {
                if (Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(jar)) <= 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the options last handed out record the archive rather than map it. */
    boolean isRecording() {
        return recordsThisRun;
    }

    /** The JVM options of the next start: map the current archive, or record a new one. */
    List<String> jvmOptions() {
        recordsThisRun = !isCurrent();
        if (!recordsThisRun) {
            return List.of("-XX:SharedArchiveFile=" + file);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(recording);
            Files.deleteIfExists(classLog);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + recording, e);
        }
        return List.of("-XX:ArchiveClassesAtExit=" + recording,
                "-Xlog:class+load=info:file=" + classLog + ":none:filecount=0",
                "-D" + LinkingMain.CLASS_LOG + "=" + classLog);
    }

    /**
     * After the service's JVM exited: keeps what it recorded if {@code stoppedOnRequest} (it was
     * running, was asked to stop and exited in time), otherwise deletes it.
     */
    void finish(boolean stoppedOnRequest) {
        try {
            Files.deleteIfExists(classLog);
            if (!Files.exists(recording)) {
                return;
            }
            if (stoppedOnRequest && Files.size(recording) > 0) {
                Files.move(recording, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.delete(recording);
            }
        } catch (IOException e) {
            System.err.println("vtp: could not keep the class-data archive " + file + ": " + e.getMessage());
        }
    }
}
