package io.vtp.course.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How students get into an active course: by themselves, with the join code, or only by staff. */
public enum EnrollmentMode {
    OPEN, CODE, STAFF_ONLY;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EnrollmentMode> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends ValueConverter<EnrollmentMode> {
        public Converter() {
            super(EnrollmentMode::value, EnrollmentMode::parse);
        }
    }
}
