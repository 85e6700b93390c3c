package io.vtp.kit.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}). {@code errors} lists the
 * invalid fields of a request, by their JSON names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors, @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field of a request: the JSON property and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(ProblemKind kind, String detail, String instance) {
        return new Problem(kind.type(), kind.title(), kind.status(), detail, instance, null, null);
    }

    /**
     * A status no kind is declared for: RFC 9457 says such a problem has type {@code about:blank}
     * and the status's reason phrase as its title (never the type of another status).
     */
    public static Problem ofStatus(int status, String detail, String instance) {
        return new Problem("about:blank", reasonPhrase(status), status, detail, instance, null, null);
    }

    /** The status's reason phrase (RFC 9110 and friends), or {@code HTTP <status>}. */
    static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 418 -> "I'm a teapot";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 423 -> "Locked";
            case 424 -> "Failed Dependency";
            case 425 -> "Too Early";
            case 426 -> "Upgrade Required";
            case 451 -> "Unavailable For Legal Reasons";
            case 506 -> "Variant Also Negotiates";
            case 507 -> "Insufficient Storage";
            case 508 -> "Loop Detected";
            default -> "HTTP " + status;
        };
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, extensions);
    }

    /** The same problem with RFC 9457 extension members (e.g. a job's progress beside a 409). */
    public Problem withExtensions(Map<String, Object> members) {
        return new Problem(type, title, status, detail, instance, errors, members.isEmpty() ? null : Map.copyOf(members));
    }

    /** Extension members, written at the top level of the body. */
    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions == null ? Map.of() : extensions;
    }
}
