package io.vtp.auth.service;

import java.util.Locale;

/** E-mail addresses are compared case-insensitively; this is their comparison form. */
final class Emails {
    private Emails() {
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
