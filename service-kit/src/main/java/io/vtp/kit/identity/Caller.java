package io.vtp.kit.identity;

import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.CommonProblem;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.UUID;

/**
 * Who sent the current request, from its verified access token: user id ({@code sub}), platform
 * role ({@code groups}), name and e-mail. Resources inject it instead of reading claims by hand.
 */
@RequestScoped
public class Caller {

    public static final String STUDENT = "student";
    public static final String INSTRUCTOR = "instructor";
    public static final String ADMIN = "admin";

    private final JsonWebToken jwt;

    public Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    /** True when the request carried a valid access token. */
    public boolean isAuthenticated() {
        return jwt != null && jwt.getSubject() != null;
    }

    /** The user's id; 401 if the request is anonymous or the subject is not a user id. */
    public UUID id() {
        if (!isAuthenticated()) {
            throw new ApiException(CommonProblem.UNAUTHORIZED, "a valid bearer access token is required");
        }
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonProblem.INVALID_TOKEN, "the access token does not name a user");
        }
    }

    /** The platform role: student, instructor or admin (the first of the token's groups we know). */
    public String role() {
        if (!isAuthenticated() || jwt.getGroups() == null) {
            return null;
        }
        for (String known : new String[] {ADMIN, INSTRUCTOR, STUDENT}) {
            if (jwt.getGroups().contains(known)) {
                return known;
            }
        }
        return null;
    }

    public boolean isAdmin() {
        return ADMIN.equals(role());
    }

    /** Instructors and administrators. */
    public boolean isStaff() {
        return ADMIN.equals(role()) || INSTRUCTOR.equals(role());
    }

    public Optional<String> name() {
        return isAuthenticated() ? Optional.ofNullable(jwt.getClaim("name")) : Optional.empty();
    }

    public Optional<String> email() {
        return isAuthenticated() ? Optional.ofNullable(jwt.getClaim("upn")) : Optional.empty();
    }
}
