package io.vtp.streaming.media;

import io.vtp.media.ffmpeg.FfmpegMessages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleConsumer;

/**
 * One long ffmpeg run, out of process (a corrupt or hostile source can crash ffmpeg, never the
 * service): its {@code -progress pipe:1} output becomes seconds encoded, its stderr is kept (bounded)
 * for the failure reason, and it can be cancelled from another thread. The child never outlives
 * {@link #run}.
 */
public final class FfmpegRun {

    /** Why a run ended without success. */
    public static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean cancelled;

        Failed(String message, boolean cancelled) {
            super(message, null, false, false);
            this.cancelled = cancelled;
        }

        public boolean cancelled() {
            return cancelled;
        }
    }

    private static final int STDERR_LIMIT = 16 * 1024;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Process process;

    /** Kills the run, if it is running; {@link #run} then throws a cancelled {@link Failed}. */
    public void cancel() {
        cancelled.set(true);
        Process p = process;
        if (p != null) {
            kill(p);
        }
    }

    /**
     * Runs {@code command}, calling {@code progress} with the seconds of output written so far.
     *
     * @throws Failed when ffmpeg fails (the message is safe to show), times out or is cancelled
     */
    public void run(List<String> command, Duration timeout, DoubleConsumer progress)
            throws Failed, IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.remove("FFREPORT");
        env.put("AV_LOG_FORCE_NOCOLOR", "1");
        Process p = builder.start();
        process = p;
        StringBuilder stderr = new StringBuilder();
        Thread errReader = new Thread(() -> keep(p.getErrorStream(), stderr), "ffmpeg-stderr");
        errReader.setDaemon(true);
        errReader.start();
        try {
            p.getOutputStream().close();
            if (cancelled.get()) {
                kill(p);
            }
            readProgress(p.getInputStream(), progress);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new Failed("encoding took longer than " + timeout, false);
            }
            errReader.join(5_000);
            if (cancelled.get()) {
                throw new Failed("cancelled", true);
            }
            if (p.exitValue() != 0) {
                String reason;
                synchronized (stderr) {
                    reason = FfmpegMessages.lastMeaningfulLine(stderr.toString(), Map.of());
                }
                throw new Failed(reason == null || reason.isBlank() ? "the encoder failed" : "the encoder failed: " + reason,
                        false);
            }
        } finally {
            if (p.isAlive()) {
                kill(p);
            }
            process = null;
        }
    }

    /** Reads {@code key=value} progress lines until the stream ends (the process exited or was killed). */
    private static void readProgress(InputStream in, DoubleConsumer progress) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("out_time_us=")) {
                    try {
                        long us = Long.parseLong(line.substring("out_time_us=".length()).trim());
                        if (us >= 0) {
                            progress.accept(us / 1_000_000.0);
                        }
                    } catch (NumberFormatException notYet) {
                        // "N/A" before the first frame
                    }
                }
            }
        } catch (IOException closed) {
            // the process was killed
        }
    }

    private static void keep(InputStream in, StringBuilder into) {
        byte[] buffer = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                synchronized (into) {
                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (into.length() > STDERR_LIMIT) {
                        into.delete(0, into.length() - STDERR_LIMIT); // keep the end: the error is there
                    }
                }
            }
        } catch (IOException closed) {
            // killed
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }
}
