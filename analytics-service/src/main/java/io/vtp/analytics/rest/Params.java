package io.vtp.analytics.rest;

import io.vtp.kit.http.QueryParams;
import io.vtp.kit.problem.ApiException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Path and query parameters read by hand, so that a malformed one is a 400 naming it (JAX-RS would answer 404). */
final class Params {

    /** Latest instant a report period may name (year 9999 would overflow date arithmetic elsewhere). */
    private static final Instant LATEST = LocalDate.of(9000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant EARLIEST = LocalDate.of(1970, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private Params() {
    }

    static UUID uuid(String name, String value) {
        return QueryParams.uuid(name, value).orElseThrow(() -> ApiException.invalidField(name, "is required (a UUID)"));
    }

    /** A period {@code [from, to)}: dates (whole UTC days, {@code to} inclusive) or RFC 3339 date-times. */
    record Period(Instant from, Instant to) {
    }

    static Period period(String fromText, String toText, Instant now, Duration defaultLength, Duration maxLength) {
        Instant to = toText == null || toText.isBlank() ? now : instant("to", toText, true);
        Instant from = fromText == null || fromText.isBlank() ? to.minus(defaultLength) : instant("from", fromText, false);
        if (!from.isBefore(to)) {
            throw ApiException.invalidField("from", "must be before to");
        }
        if (Duration.between(from, to).compareTo(maxLength) > 0) {
            throw ApiException.invalidField("to", "the period may span at most " + maxLength.toDays() + " days");
        }
        return new Period(from, to);
    }

    private static Instant instant(String name, String text, boolean endOfDay) {
        String value = text.trim();
        Instant at;
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                at = (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                at = OffsetDateTime.parse(value).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(name, "must be a date (2025-10-01) or an RFC 3339 date-time (2025-10-01T09:00:00Z)");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw ApiException.invalidField(name, "must be between 1970 and 9000");
        }
        return at;
    }
}
