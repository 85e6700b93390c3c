package io.vtp.signalling.service;

import io.vtp.signalling.domain.Identity;

/** What every {@link Peer} keeps alike: who is on it, and the rate limiter of its incoming messages. */
public abstract class LimitedPeer implements Peer {

    private final RateLimiter limiter;
    private volatile Identity identity;

    protected LimitedPeer(Identity identity, RateLimiter limiter) {
        this.identity = identity;
        this.limiter = limiter;
    }

    @Override
    public Identity identity() {
        return identity;
    }

    @Override
    public void identity(Identity fresh) {
        this.identity = fresh;
    }

    @Override
    public boolean admit() {
        return limiter.tryAcquire();
    }

    @Override
    public boolean reportRefusal() {
        return limiter.reportRefusal();
    }
}
