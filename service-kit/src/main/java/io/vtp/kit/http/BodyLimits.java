package io.vtp.kit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import io.vtp.kit.problem.CommonProblem;
import io.vtp.kit.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Turns away request bodies over their route's limit with a problem+json 413 before any resource
 * reads them, whether or not the client announced the length.
 * <ul>
 * <li>A body with {@code Content-Length} is judged by it, before a byte of it is read (and
 * before {@code 100 Continue} is sent).</li>
 * <li>A body without one ({@code Transfer-Encoding: chunked}) is read here, counting, up to the
 * route's limit (JSON bodies are small), and handed on already read: the routing context holds
 * it and {@link PreReadBody} gives it to Quarkus REST. One byte over the limit and the client gets
 * the same 413 as if it had announced the length; the rest of its body is discarded.</li>
 * <li>Form and multipart bodies, chunked bodies of routes whose own limit is above
 * {@value #MAX_PRE_READ} bytes, and HTTP/2 bodies sent without {@code content-length} are left to
 * stream: the HTTP layer's hard ceiling ({@code quarkus.http.limits.max-body-size}) bounds them
 * and the route itself stops reading at its limit.</li>
 * </ul>
 * Runs first of all routes (order {@link Integer#MIN_VALUE}), so nothing reads a body before it.
 */
@ApplicationScoped
public class BodyLimits {

    /** Routing-context key marking a body read here ({@link PreReadBody} hands it to Quarkus REST). */
    static final String PRE_READ = "io.vtp.kit.http.pre-read-body";

    /** Chunked bodies of routes with a limit up to this are read into memory here. */
    static final long MAX_PRE_READ = 16L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(BodyLimits.class);

    private final ObjectMapper json;
    private final long defaultLimit;
    private final Map<String, Long> routeLimits;

    public BodyLimits(ObjectMapper json, HttpConfig config) {
        this.json = json;
        this.defaultLimit = config.maxBodySize().asLongValue();
        this.routeLimits = config.bodyLimits().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().asLongValue()));
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    /**
     * The limit of a request path: the longest configured prefix that matches, else the default. A
     * {@code *} segment in a prefix matches any one path segment
     * ({@code /api/v1/courses/*}{@code /enrollments:import}).
     */
    public long limitFor(String path) {
        return routeLimits.entrySet().stream()
                .filter(e -> path != null && matchesPrefix(e.getKey(), path))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(defaultLimit);
    }

    static boolean matchesPrefix(String prefix, String path) {
        if (!prefix.contains("*")) {
            return path.startsWith(prefix);
        }
        String[] wanted = prefix.split("/", -1);
        String[] actual = path.split("/", -1);
        if (actual.length < wanted.length) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            boolean last = i == wanted.length - 1;
            if ("*".equals(wanted[i])) {
                if (actual[i].isEmpty()) {
                    return false;
                }
            } else if (last ? !actual[i].startsWith(wanted[i]) : !actual[i].equals(wanted[i])) {
                return false;
            }
        }
        return true;
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long limit = limitFor(ctx.normalizedPath());
        OptionalLong announced = contentLength(request);
        if (announced.isPresent()) {
            if (announced.getAsLong() > limit) {
                tooLarge(ctx, limit);
                return;
            }
            if (announced.getAsLong() > 0) {
                quietWhenClientLeaves(ctx);
            }
            ctx.next();
            return;
        }
        if (!isChunked(request) || request.isEnded() || isForm(request) || limit > MAX_PRE_READ) {
            ctx.next();
            return;
        }
        preRead(ctx, limit);
    }

    /** Reads a chunked body up to {@code limit}, then continues routing with it in the context. */
    private void preRead(RoutingContext ctx, long limit) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] over = {false};
        quietWhenClientLeaves(ctx);
        request.handler(chunk -> {
            if (over[0]) {
                return; // discarded: the 413 is on its way and the connection closes after it
            }
            if ((long) body.length() + chunk.length() > limit) {
                over[0] = true;
                tooLarge(ctx, limit);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(end -> {
            if (over[0]) {
                return;
            }
            RoutingContextInternal internal = (RoutingContextInternal) ctx;
            internal.setBody(body);
            internal.visitHandler(RoutingContextInternal.BODY_HANDLER); // a later BodyHandler must not read again
            ctx.put(PRE_READ, Boolean.TRUE);
            ctx.next();
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue();
        }
        request.resume();
    }

    /**
     * A client that closes the connection mid-body is no fault of ours: one DEBUG line instead of
     * the HTTP layer's unhandled-exception report.
     */
    private static void quietWhenClientLeaves(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        ctx.request().exceptionHandler(e -> LOG.debugf("Client closed the connection while sending the body of %s: %s",
                path, e.getMessage()));
    }

    private void tooLarge(RoutingContext ctx, long limit) {
        if (ctx.response().headWritten()) {
            ctx.response().close();
            return;
        }
        LOG.debugf("413 on %s (limit %d bytes)", ctx.normalizedPath(), limit);
        Problem problem = Problem.of(CommonProblem.PAYLOAD_TOO_LARGE,
                "the request body must not be larger than " + human(limit), ctx.normalizedPath());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"type\":\"" + CommonProblem.PAYLOAD_TOO_LARGE.type() + "\",\"status\":413}";
        }
        ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            // The rest of the body is never read: the connection closes once the answer is out.
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        ctx.response().end(body);
    }

    private static boolean isChunked(HttpServerRequest request) {
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static boolean isForm(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.startsWith("multipart/") || lower.startsWith("application/x-www-form-urlencoded");
    }

    private static OptionalLong contentLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(length.trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // the HTTP codec rejects a malformed Content-Length itself
        }
    }

    static String human(long bytes) {
        if (bytes > 0 && bytes % (1024L * 1024 * 1024) == 0) {
            return bytes / (1024L * 1024 * 1024) + " GiB";
        }
        if (bytes > 0 && bytes % (1024L * 1024) == 0) {
            return bytes / (1024L * 1024) + " MiB";
        }
        return bytes > 0 && bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
