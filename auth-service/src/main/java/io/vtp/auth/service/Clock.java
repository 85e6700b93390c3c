package io.vtp.auth.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time source of the services (microseconds, as PostgreSQL stores them). */
@ApplicationScoped
public class Clock {
    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
