package io.vtp.course.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** course-service's own settings ({@code vtp.course.*}). */
@ConfigMapping(prefix = "vtp.course")
public interface CourseConfig {

    /** Most lines a roster import (text/csv) may have, header included. */
    @WithDefault("5000")
    int importMaxLines();

    /** Length of generated join codes (letters and digits without look-alikes such as 0/O, 1/I). */
    @WithDefault("8")
    int joinCodeLength();

    /** The short-lived cache of the reads every page repeats ("my courses", roster pages). */
    ReadCacheConfig readCache();

    interface ReadCacheConfig {

        /**
         * Longest time another replica's change can stay unseen here (this replica's own changes
         * are seen at once). {@code 0s} turns the cache off.
         */
        @WithDefault("2s")
        Duration ttl();

        /** Age at which an entry still in use is reloaded in the background; below {@code ttl}. */
        @WithDefault("1s")
        Duration refreshAfter();

        /**
         * Most entries of each of the three caches (my courses, course access, roster pages). An
         * entry holds one page (up to 100 courses or 200 roster rows) and its JSON; every entry
         * leaves after {@code ttl} anyway, so a replica holds about what it served in that time.
         */
        @WithDefault("5000")
        long maxEntries();
    }
}
