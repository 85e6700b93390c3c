package io.vtp.auth.rest.problem;

import java.time.Duration;
import java.util.List;

/** A failure the client can act on; rendered as problem+json by {@link ProblemMappers}. */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> fieldErrors;
    private final Duration retryAfter;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, List.of(), null);
    }

    private ApiException(ProblemType type, String detail, List<Problem.FieldError> fieldErrors, Duration retryAfter) {
        super(detail, null, false, false);
        this.type = type;
        this.fieldErrors = fieldErrors;
        this.retryAfter = retryAfter;
    }

    /** A validation failure of one field. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(ProblemType.VALIDATION, field + ": " + message,
                List.of(new Problem.FieldError(field, message)), null);
    }

    public static ApiException tooManyAttempts(String detail, Duration retryAfter) {
        return new ApiException(ProblemType.TOO_MANY_ATTEMPTS, detail, List.of(), retryAfter);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(ProblemType.NOT_FOUND, detail);
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** For 429: how long until the client may try again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
