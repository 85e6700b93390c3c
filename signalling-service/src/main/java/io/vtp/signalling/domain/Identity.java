package io.vtp.signalling.domain;

import java.time.Instant;
import java.util.UUID;

/** Who is on a connection, from their verified access token. */
public record Identity(UUID userId, String role, String name, String email, Instant expiresAt) {

    public boolean isAdmin() {
        return "admin".equals(role);
    }

    public boolean isStaff() {
        return "admin".equals(role) || "instructor".equals(role);
    }

    /** A display name: the token's name, else the e-mail's local part, else a short id. */
    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        if (email != null && email.contains("@")) {
            return email.substring(0, email.indexOf('@'));
        }
        return "user-" + userId.toString().substring(0, 8);
    }
}
