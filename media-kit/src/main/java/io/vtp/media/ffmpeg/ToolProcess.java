package io.vtp.media.ffmpeg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs ffmpeg or ffprobe as a child process with a time limit, reading at most a bounded amount of its output
 * (the rest is drained and dropped so the child never blocks on a full pipe). The child never outlives
 * {@link #run}: it is killed on timeout, on interrupt and on any failure.
 */
public final class ToolProcess {

    /** How long to wait for a killed child to be reaped and for its pipes to be read to the end. */
    private static final long KILL_GRACE_MS = 5_000;

    /** What a finished child left. */
    public record Outcome(int exitCode, byte[] stdout, boolean stdoutTruncated, String stderr) {
    }

    private ToolProcess() {
    }

    /**
     * @throws TimeoutException if the child ran longer than {@code timeout} (it has been killed)
     * @throws InterruptedException if this thread was interrupted (the child has been killed)
     * @throws IOException if the child could not be started
     */
    public static Outcome run(List<String> command, Duration timeout, int stdoutLimit, int stderrLimit)
            throws IOException, TimeoutException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.remove("FFREPORT"); // would write a full log, paths included, into the working directory
        env.put("AV_LOG_FORCE_NOCOLOR", "1");
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        try {
            process.getOutputStream().close(); // no stdin: ffmpeg gets -nostdin as well
            BoundedReader out = BoundedReader.start(process.getInputStream(), stdoutLimit, "media-tool-stdout");
            BoundedReader err = BoundedReader.start(process.getErrorStream(), stderrLimit, "media-tool-stderr");
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new TimeoutException("ran longer than " + timeout);
            }
            out.join();
            err.join();
            return new Outcome(process.exitValue(), out.bytes(), out.truncated(),
                    new String(err.bytes(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        } finally {
            if (process.isAlive()) {
                kill(process);
            }
        }
    }

    /** Kills the child (and anything it started) and waits, ignoring interrupts but remembering them, until it is reaped. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_GRACE_MS);
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                process.waitFor(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                        TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a stream to its end on its own thread, keeping the first {@code limit} bytes. */
    private static final class BoundedReader implements Runnable {
        private final InputStream in;
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private volatile boolean truncated;
        private Thread thread;

        private BoundedReader(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        static BoundedReader start(InputStream in, int limit, String name) {
            BoundedReader reader = new BoundedReader(in, limit);
            reader.thread = new Thread(reader, name);
            reader.thread.setDaemon(true);
            reader.thread.start();
            return reader;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    synchronized (kept) {
                        int room = limit - kept.size();
                        if (room > 0) {
                            kept.write(buffer, 0, Math.min(room, n));
                        }
                        if (n > room) {
                            truncated = true;
                        }
                    }
                }
            } catch (IOException e) {
                // the stream was closed under us (the process was killed): keep what was read
            }
        }

        /** Waits for the end of the stream; gives up (closing it) if something else still holds the pipe open. */
        void join() throws InterruptedException {
            thread.join(KILL_GRACE_MS);
            if (thread.isAlive()) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
                thread.join(KILL_GRACE_MS);
            }
        }

        byte[] bytes() {
            synchronized (kept) {
                return kept.toByteArray();
            }
        }

        boolean truncated() {
            return truncated;
        }
    }
}
