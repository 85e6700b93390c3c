package io.vtp.auth.rest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An RFC 9457 problem details body ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://vtp.io/problems/";

    /** One invalid field of a request: the JSON property and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(TYPE_BASE + type.slug(), type.title(), type.status(), detail, instance, null);
    }

    /** The same problem reported with another HTTP status of its family (e.g. 410 for a 4xx). */
    public Problem withStatus(int httpStatus) {
        return new Problem(type, title, httpStatus, detail, instance, errors);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors);
    }
}
