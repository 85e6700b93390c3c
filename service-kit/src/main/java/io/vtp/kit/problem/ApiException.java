package io.vtp.kit.problem;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on, thrown by services (never only by resources) and rendered as
 * problem+json by {@link ProblemMappers}. Stack traces are not captured: these are expected
 * outcomes, not bugs.
 */
public class ApiException extends RuntimeException {

    private final transient ProblemKind kind;
    private final List<Problem.FieldError> fieldErrors;
    private final Duration retryAfter;
    private final Map<String, String> headers;
    private final transient Map<String, Object> extensions;

    public ApiException(ProblemKind kind, String detail) {
        this(kind, detail, List.of(), null);
    }

    protected ApiException(ProblemKind kind, String detail, List<Problem.FieldError> fieldErrors, Duration retryAfter) {
        this(kind, detail, fieldErrors, retryAfter, Map.of());
    }

    private ApiException(ProblemKind kind, String detail, List<Problem.FieldError> fieldErrors, Duration retryAfter,
                         Map<String, String> headers) {
        this(kind, detail, fieldErrors, retryAfter, headers, Map.of());
    }

    private ApiException(ProblemKind kind, String detail, List<Problem.FieldError> fieldErrors, Duration retryAfter,
                         Map<String, String> headers, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.kind = kind;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.retryAfter = retryAfter;
        this.headers = Map.copyOf(headers);
        this.extensions = Map.copyOf(extensions);
    }

    /**
     * The same problem with one more RFC 9457 extension member in its body (e.g. {@code progress}
     * beside a 409 "not ready yet"); the value is written as JSON.
     */
    public ApiException withExtension(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new ApiException(kind, getMessage(), fieldErrors, retryAfter, headers, more);
    }

    /** The extension members of this problem's body. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /**
     * The same problem with one more response header, for the headers a protocol asks to go with
     * an error (e.g. {@code Content-Range: bytes *}{@code /size} on a 416, {@code Tus-Version} on a 412).
     */
    public ApiException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiException(kind, getMessage(), fieldErrors, retryAfter, more, extensions);
    }

    /** A validation failure of one field (400 {@code validation-failed} naming the field). */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(CommonProblem.VALIDATION, field + ": " + message,
                List.of(new Problem.FieldError(field, message)), null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(CommonProblem.NOT_FOUND, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(CommonProblem.FORBIDDEN, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(CommonProblem.CONFLICT, detail);
    }

    /** A 429 (or any kind) the client may retry after {@code retryAfter} ({@code Retry-After} header). */
    public static ApiException retryLater(ProblemKind kind, String detail, Duration retryAfter) {
        return new ApiException(kind, detail, List.of(), retryAfter);
    }

    public ProblemKind kind() {
        return kind;
    }

    public List<Problem.FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** Response headers that go with this problem (see {@link #withHeader}). */
    public Map<String, String> headers() {
        return headers;
    }

    /** How long until the client may try again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
