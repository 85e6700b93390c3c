package io.vtp.kit.http;

import java.util.Locale;

/**
 * Whether a request asks to be answered past a service's read caches: its {@code Cache-Control}
 * says {@code no-cache}, {@code no-store} or {@code max-age=0} (what browsers send on a reload).
 * RFC 9111 writes these for HTTP caches; a service's own short-lived caches honour them too, so a
 * client that must see the latest state (right after a change made through another replica) can.
 */
public final class FreshReads {

    private FreshReads() {
    }

    /** {@code cacheControl}: the request's Cache-Control header, or null. */
    public static boolean requested(String cacheControl) {
        if (cacheControl == null || cacheControl.isBlank()) {
            return false;
        }
        for (String directive : cacheControl.toLowerCase(Locale.ROOT).split(",")) {
            String d = directive.strip();
            if (d.equals("no-cache") || d.equals("no-store") || d.replace(" ", "").equals("max-age=0")) {
                return true;
            }
        }
        return false;
    }
}
