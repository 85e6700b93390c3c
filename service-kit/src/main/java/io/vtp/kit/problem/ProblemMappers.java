package io.vtp.kit.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vtp.kit.persistence.PoolExhaustion;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place where failures become RFC 9457 {@code application/problem+json} responses, for
 * every service. Details name the request's own fields (by their JSON names) and never carry
 * stack traces, SQL, class names, paths of the code or echoes of client input. Whatever a client
 * can cause is logged in one line at most (at DEBUG, or WARN for deliberate 5xx answers); only
 * real faults (500) are logged with their stack trace, once, under an error id the client is
 * shown.
 */
@Singleton
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.{1,200}?)'");
    private static final int MAX_FIELD_NAME = 100;
    private static final int BUSY_RETRY_AFTER_SECONDS = 2;
    private static final Pattern CONSTRAINT = Pattern.compile("^(.{1,60}?) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        if (e.kind() == null) {
            return internal(e, uri);
        }
        Problem problem = Problem.of(e.kind(), e.getMessage(), uri.getPath());
        if (!e.extensions().isEmpty()) {
            problem = problem.withExtensions(e.extensions());
        }
        if (!e.fieldErrors().isEmpty()) {
            problem = problem.withErrors(e.fieldErrors());
        }
        Response.ResponseBuilder response = respond(problem);
        e.headers().forEach(response::header);
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()));
        }
        if (problem.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, e.kind() == CommonProblem.INVALID_TOKEN
                    ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        if (problem.status() >= 500) {
            LOG.warnf("%d %s on %s: %s", problem.status(), e.kind().slug(), uri.getPath(), e.getMessage());
        } else {
            LOG.debugf("%d %s on %s", problem.status(), e.kind().slug(), uri.getPath());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::isReturnValue)) {
            return internal(e, uri); // the server produced an invalid answer: our fault, not the client's
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .distinct()
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        LOG.debugf("400 validation-failed on %s: %s", uri.getPath(), detail);
        return respond(Problem.of(CommonProblem.VALIDATION, detail, uri.getPath()).withErrors(errors)).build();
    }

    /** A broken constraint declaration (not a violation): a bug, reported as 500 like any other. */
    @ServerExceptionMapper
    public Response brokenConstraint(jakarta.validation.ValidationException e, UriInfo uri) {
        return internal(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    // The subtypes below are mapped explicitly: Quarkus registers exact-type mappers of its own for
    // some of them, and an exact type wins over a supertype.

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidValue(InvalidFormatException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidDefinition(InvalidDefinitionException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response unparsable(JsonParseException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response tooLarge(StreamConstraintsException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        LOG.debugf("401 unauthorized on %s", uri.getPath());
        return respond(Problem.of(CommonProblem.UNAUTHORIZED, "a valid bearer access token is required", uri.getPath()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        LOG.debugf("401 invalid-token on %s", uri.getPath());
        return respond(Problem.of(CommonProblem.INVALID_TOKEN, "the access token is invalid or expired", uri.getPath()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        LOG.debugf("403 forbidden on %s", uri.getPath());
        return respond(Problem.of(CommonProblem.FORBIDDEN, "your role does not allow this", uri.getPath())).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException cause) {
            return jsonProblem(cause, uri);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status < 400 || original.hasEntity()) {
            return original; // a redirect, or an answer the service built deliberately
        }
        if (status == 500) {
            return internal(e, uri);
        }
        if (ClientGone.isCause(e)) {
            return clientGone(uri);
        }
        Response.ResponseBuilder response = respond(HttpProblems.forStatus(status, uri.getPath()));
        for (Map.Entry<String, List<Object>> header : original.getHeaders().entrySet()) {
            if (!header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)
                    && !header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                for (Object value : header.getValue()) {
                    response.header(header.getKey(), value);
                }
            }
        }
        if (status == 405 && original.getHeaderString(HttpHeaders.ALLOW) == null) {
            AllowedMethods.forCurrentRequest().ifPresent(allow -> response.header(HttpHeaders.ALLOW, allow));
        }
        if (status == 401 && original.getHeaderString(HttpHeaders.WWW_AUTHENTICATE) == null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (status >= 500) {
            LOG.warnf("%d on %s", status, uri.getPath());
        } else {
            LOG.debugf("%d on %s", status, uri.getPath());
        }
        return response.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response internal(Throwable e, UriInfo uri) {
        if (ClientGone.isCause(e)) {
            return clientGone(uri);
        }
        if (PoolExhaustion.isCause(e)) {
            return busy(uri);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", errorId, uri.getPath());
        return respond(Problem.of(CommonProblem.INTERNAL, "an unexpected error occurred (error id " + errorId + ")",
                uri.getPath())).build();
    }

    /** No database connection became free in time: load, not a fault; the client may retry shortly. */
    private static Response busy(UriInfo uri) {
        LOG.warnf("503 unavailable on %s: no database connection became free within vtp.kit.db.acquire-timeout",
                uri.getPath());
        return respond(Problem.of(CommonProblem.UNAVAILABLE, "the service is busy; retry shortly", uri.getPath()))
                .header(HttpHeaders.RETRY_AFTER, BUSY_RETRY_AFTER_SECONDS)
                .build();
    }

    private static Response clientGone(UriInfo uri) {
        // The client went away mid-request; nobody reads this answer and it is no fault of ours.
        LOG.debugf("Client closed the connection during %s", uri.getPath());
        return respond(Problem.of(CommonProblem.MALFORMED_REQUEST, "the request was not completed", uri.getPath()))
                .build();
    }

    /** Every way a JSON body can be wrong, as a 400 that names the field where one is known. */
    private Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        String path = uri.getPath();
        if (e instanceof InvalidDefinitionException) {
            return internal(e, uri); // a type the mapper cannot handle: a bug in the service's classes
        }
        Response response = jsonProblem(e, path);
        LOG.debugf("400 on %s: %s", path, e.getOriginalMessage());
        return response;
    }

    static Response jsonProblem(JsonProcessingException e, String path) {
        return jsonProblem(e, path, null);
    }

    /** {@code outerField}: where databind had got to when a parser failure inside a value reached it. */
    private static Response jsonProblem(JsonProcessingException e, String path, String outerField) {
        if (e instanceof JsonMappingException mapping && !(e instanceof MismatchedInputException)
                && mapping.getCause() instanceof JsonProcessingException cause && cause != e) {
            // A parser failure (duplicate key, depth, syntax) met inside a nested value, wrapped by
            // databind with the path so far: judge the failure itself.
            return jsonProblem(cause, path, mapping.getPath().isEmpty() ? null : jsonPath(mapping));
        }
        if (e instanceof StreamConstraintsException constraint) {
            return malformed(constraintDetail(constraint, outerField), path);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = jsonPath(unknown);
            return fieldProblem(field, "unknown field", "unknown field '" + field + "'", path);
        }
        if (e instanceof MismatchedInputException mismatched) {
            return mismatched(mismatched, path);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping);
            String message = ownMessage(mapping).orElse("is invalid");
            return fieldProblem(field, message, "field '" + field + "' " + message, path);
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.find()) {
            String field = parserPath(e).orElse(outerField == null ? duplicate.group(1)
                    : outerField + "." + duplicate.group(1));
            return fieldProblem(field, "appears more than once", "field '" + field + "' appears more than once", path);
        }
        if (e instanceof JsonParseException parse && parse.getLocation() != null
                && parse.getLocation().getLineNr() > 0) {
            if (original.contains("Invalid UTF-8") || original.contains("Invalid UTF-32")) {
                return malformed("the request body is not valid UTF-8 (line " + parse.getLocation().getLineNr()
                        + ", column " + parse.getLocation().getColumnNr() + ")", path);
            }
            return malformed("the request body is not valid JSON (line " + parse.getLocation().getLineNr()
                    + ", column " + parse.getLocation().getColumnNr() + ")", path);
        }
        return malformed("the request body could not be read as JSON", path);
    }

    private static Response mismatched(MismatchedInputException e, String path) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e.getPath().isEmpty()) {
            if (original.startsWith("Trailing token")) {
                return malformed("the request body must hold exactly one JSON value, but more follows it", path);
            }
            if (original.startsWith("No content to map")) {
                return malformed("the request body is empty", path);
            }
            return malformed("the request body must be " + jsonType(e.getTargetType()), path);
        }
        String field = jsonPath(e);
        String message;
        if (ownMessage(e).isPresent()) {
            message = ownMessage(e).get();
        } else if (e instanceof InvalidNullException) {
            message = "must not be null";
        } else {
            message = "must be " + jsonType(e.getTargetType());
        }
        return fieldProblem(field, message, "field '" + field + "' " + message, path);
    }

    /** A message written by the kit or a service for clients ("must ..."), never Jackson's own. */
    private static java.util.Optional<String> ownMessage(JsonMappingException e) {
        String original = e.getOriginalMessage();
        return original != null && original.startsWith("must ") && original.length() < 200
                ? java.util.Optional.of(original) : java.util.Optional.empty();
    }

    private static String jsonType(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum() || type == UUID.class
                || type.getName().startsWith("java.time.")) {
            return "a JSON string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == java.math.BigInteger.class) {
            return "a JSON integer";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a JSON number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    private static String constraintDetail(StreamConstraintsException e, String outerField) {
        Matcher m = CONSTRAINT.matcher(e.getOriginalMessage() == null ? "" : e.getOriginalMessage());
        if (m.find()) {
            String what = m.group(1);
            String max = m.group(3);
            String where = parserPath(e).or(() -> java.util.Optional.ofNullable(outerField))
                    .map(p -> " (in '" + shorten(p) + "')").orElse("");
            if (what.startsWith("Document nesting depth")) {
                return "the request body is nested too deeply: at most " + max + " levels of objects and arrays" + where;
            }
            if (what.startsWith("String value length")) {
                return "a text value is longer than " + max + " characters" + where;
            }
            if (what.startsWith("Number value length")) {
                return "a number is longer than " + max + " digits" + where;
            }
            if (what.startsWith("Name length")) {
                return "a field name is longer than " + max + " characters";
            }
        }
        return "the request body exceeds a size limit (nesting depth, text or number length)";
    }

    private static Response fieldProblem(String field, String message, String detail, String path) {
        String shortened = shorten(field); // field names can come from the client (unknown, duplicate)
        if (!shortened.equals(field)) {
            detail = detail.replace(field, shortened);
            field = shortened;
        }
        return respond(Problem.of(CommonProblem.VALIDATION, detail, path)
                .withErrors(List.of(new Problem.FieldError(field, message)))).build();
    }

    private static String shorten(String field) {
        return field.length() > MAX_FIELD_NAME ? field.substring(0, MAX_FIELD_NAME) + "..." : field;
    }

    private static Response malformed(String detail, String path) {
        return respond(Problem.of(CommonProblem.MALFORMED_REQUEST, detail, path)).build();
    }

    static Response.ResponseBuilder respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JSON path of the violating value, e.g. {@code details.tags[0]}: property names in
     * snake_case (as the REST mapper names them), container indexes in brackets. A violation on a
     * method parameter itself (a missing body, a query parameter) is named after the parameter.
     */
    static String fieldName(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PARAMETER -> parameter = node.getName();
                case PROPERTY, CONTAINER_ELEMENT, BEAN -> {
                    if (node.isInIterable() && path.length() > 0) {
                        Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                        path.append('[').append(at == null ? "" : at).append(']');
                    }
                    if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                        if (path.length() > 0) {
                            path.append('.');
                        }
                        path.append(snakeCase(node.getName()));
                    }
                }
                default -> {
                    // method, constructor, cross-parameter: not part of the request's shape
                }
            }
        }
        if (path.length() > 0) {
            return path.toString();
        }
        return parameter != null && !parameter.matches("arg\\d+") ? snakeCase(parameter) : "request";
    }

    /** The JSON path of a databind failure, e.g. {@code details.tags[0]}. */
    static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "request" : path.toString();
    }

    /** Where the parser stood when it failed, e.g. {@code details.color_name}, if it says. */
    private static java.util.Optional<String> parserPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser) || parser.getParsingContext() == null) {
            return java.util.Optional.empty();
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
             context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                parts.addFirst(context.getCurrentName());
            } else if (context.inArray()) {
                parts.addFirst("[" + Math.max(0, context.getCurrentIndex()) + "]");
            }
        }
        if (parts.isEmpty()) {
            return java.util.Optional.empty();
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (path.length() > 0 && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return java.util.Optional.of(path.toString());
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
