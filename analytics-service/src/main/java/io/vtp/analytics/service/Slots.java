package io.vtp.analytics.service;

import io.smallrye.mutiny.Uni;

import java.util.ArrayDeque;
import java.util.Queue;

/** At most {@code max} holders at a time; {@link #acquire()} completes when a slot is free. */
final class Slots {

    private final int max;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int held;

    Slots(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one slot");
        }
        this.max = max;
    }

    Uni<Void> acquire() {
        return Uni.createFrom().emitter(emitter -> {
            boolean now;
            synchronized (this) {
                now = held < max;
                if (now) {
                    held++;
                } else {
                    waiting.add(() -> emitter.complete(null));
                }
            }
            if (now) {
                emitter.complete(null);
            }
        });
    }

    void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                held--;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
