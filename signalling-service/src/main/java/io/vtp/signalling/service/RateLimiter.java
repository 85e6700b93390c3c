package io.vtp.signalling.service;

/** A token bucket: {@code rate} messages a second sustained, {@code burst} at once. */
public final class RateLimiter {

    private final double rate;
    private final double burst;
    private double tokens;
    private long last;
    private long lastReported = System.nanoTime() - 1_000_000_000L;

    public RateLimiter(int rate, int burst) {
        this.rate = rate;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.last = System.nanoTime();
    }

    public synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whether a refusal is worth telling the client: at most once a second, not once per dropped message. */
    public synchronized boolean reportRefusal() {
        long now = System.nanoTime();
        if (now - lastReported < 1_000_000_000L) {
            return false;
        }
        lastReported = now;
        return true;
    }
}
