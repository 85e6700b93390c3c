package io.vtp.auth.rest.problem;

/** The stable kinds of error this service reports; each has a problem type URI of its own. */
public enum ProblemType {
    VALIDATION("validation-failed", "Request validation failed", 400),
    MALFORMED_JSON("malformed-request", "Malformed request body", 400),
    UNAUTHORIZED("unauthorized", "Authentication required", 401),
    INVALID_CREDENTIALS("invalid-credentials", "Invalid e-mail or password", 401),
    INVALID_TOKEN("invalid-token", "Invalid or expired token", 401),
    FORBIDDEN("forbidden", "Not allowed", 403),
    ACCOUNT_DISABLED("account-disabled", "Account deactivated", 403),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict", 409),
    EMAIL_TAKEN("email-taken", "E-mail already registered", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    TOO_MANY_ATTEMPTS("too-many-attempts", "Too many failed attempts", 429),
    INTERNAL("internal-error", "Internal error", 500),
    UNAVAILABLE("unavailable", "Service unavailable", 503);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
