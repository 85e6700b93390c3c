package io.vtp.local;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Stops what local mode started in reverse order (services, gateway, Kafka, PostgreSQL, lock); runs
 * from the shutdown hook, so Ctrl-C, a failed start and a normal exit all stop everything.
 */
final class Teardown {

    private record Step(String description, AutoCloseable action) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private volatile boolean running;

    /**
     * Registers how to stop something just started ({@code description} is announced when stopping it,
     * unless null); if teardown already ran, stops it at once.
     */
    synchronized <T extends AutoCloseable> T register(String description, T started) {
        if (running) {
            closeQuietly(new Step(description, started));
            throw new StartupException("stopping");
        }
        steps.push(new Step(description, started));
        return started;
    }

    boolean isRunning() {
        return running;
    }

    synchronized void run() {
        running = true;
        while (!steps.isEmpty()) {
            closeQuietly(steps.pop());
        }
    }

    private static void closeQuietly(Step step) {
        if (step.description() != null) {
            System.out.println("vtp: stopping " + step.description());
        }
        try {
            step.action().close();
        } catch (Exception e) {
            System.err.println("vtp: stopping " + step.description() + " failed: " + e.getMessage());
        }
    }
}
