package io.vtp.media.http;

import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.ProblemKind;
import io.vtp.media.storage.MediaStore;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.resteasy.reactive.PathPart;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A stored object as an HTTP response with the conditional and range semantics of RFC 9110:
 * {@code ETag} and {@code Last-Modified}, 304 for a matching {@code If-None-Match}, one byte range
 * ({@code Range}, honoured only while {@code If-Range} still matches), 416 with
 * {@code Content-Range: bytes *}{@code /size} past the end. The body is sent from the file itself
 * (zero-copy) where the store is a file system, else streamed from the store.
 */
public final class RangedResponses {

    /** The problem kind of a 416 (each service declares its own {@code range-not-satisfiable}). */
    public static final ProblemKind RANGE_NOT_SATISFIABLE = ProblemKind.of("range-not-satisfiable",
            "Requested range not satisfiable", 416);

    /** What the request asked for. */
    public record Conditions(String range, String ifRange, String ifNoneMatch) {
    }

    private RangedResponses() {
    }

    /**
     * What a request for a stored object gets, before anything is sent: the strong validator and
     * date every answer carries, and either {@link NotModified}, the whole object, one byte range
     * of it, or {@link Unsatisfiable}.
     */
    public sealed interface Plan permits NotModified, Whole, Partial, Unsatisfiable {
        /** The quoted strong {@code ETag}. */
        String etag();

        /** {@code Last-Modified}, as an HTTP date. */
        String lastModified();
    }

    /** 304: the client's copy is current. */
    public record NotModified(String etag, String lastModified) implements Plan {
    }

    /** 200 with all {@code size} bytes. */
    public record Whole(String etag, String lastModified, long size) implements Plan {
    }

    /** 206 with {@code length} bytes from {@code start}, and its {@code Content-Range}. */
    public record Partial(String etag, String lastModified, long start, long length, String contentRange) implements Plan {
    }

    /** 416, with {@code Content-Range: bytes *}{@code /size} (RFC 9110, 15.5.17). */
    public record Unsatisfiable(String etag, String lastModified, long size) implements Plan {
        public String contentRange() {
            return "bytes */" + size;
        }
    }

    /**
     * Decides the answer under RFC 9110's conditional and range rules: 304 for a matching
     * {@code If-None-Match}; the {@code Range} honoured only while {@code If-Range} still matches.
     *
     * @param etagValue the unquoted strong validator
     */
    public static Plan plan(long size, String etagValue, Instant lastModified, Conditions conditions) {
        String etag = "\"" + etagValue + "\"";
        String modified = DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.atOffset(ZoneOffset.UTC));
        if (conditions.ifNoneMatch() != null && matches(conditions.ifNoneMatch(), etag)) {
            return new NotModified(etag, modified);
        }
        String ifRange = conditions.ifRange();
        ByteRange.Parsed parsed = ifRange == null || ifRange.trim().equals(etag) || ifRange.trim().equals(modified)
                ? ByteRange.parse(conditions.range(), size) : new ByteRange.Whole();
        if (parsed instanceof ByteRange.Unsatisfiable) {
            return new Unsatisfiable(etag, modified, size);
        }
        if (parsed instanceof ByteRange.Partial partial) {
            ByteRange r = partial.range();
            return new Partial(etag, modified, r.start(), r.length(), "bytes " + r.start() + "-" + r.end() + "/" + size);
        }
        return new Whole(etag, modified, size);
    }

    /**
     * The response (status, body, length, validators), to which the caller adds its type and caching headers.
     *
     * @param etagValue the unquoted strong validator
     */
    public static Response.ResponseBuilder of(MediaStore store, String key, long size, String etagValue,
                                              Instant lastModified, Conditions conditions) {
        Plan plan = plan(size, etagValue, lastModified, conditions);
        long start = 0;
        long length = size;
        Response.ResponseBuilder response = Response.ok();
        if (plan instanceof NotModified) {
            return Response.notModified().header(HttpHeaders.ETAG, plan.etag());
        }
        if (plan instanceof Unsatisfiable u) {
            throw new ApiException(RANGE_NOT_SATISFIABLE, "the file has " + size + " bytes")
                    .withHeader("Content-Range", u.contentRange());
        }
        if (plan instanceof Partial p) {
            start = p.start();
            length = p.length();
            response = Response.status(Response.Status.PARTIAL_CONTENT).header("Content-Range", p.contentRange());
        }
        return response.entity(body(store, key, start, length))
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header(HttpHeaders.ETAG, plan.etag())
                .header(HttpHeaders.LAST_MODIFIED, plan.lastModified())
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff");
    }

    private static Object body(MediaStore store, String key, long start, long length) {
        Optional<Path> local = store.localFile(key);
        if (local.isPresent()) {
            return new PathPart(local.get(), start, length);
        }
        return (StreamingOutput) out -> {
            try (InputStream in = length == 0 ? InputStream.nullInputStream() : store.open(key, start, length)) {
                in.transferTo(out);
            }
        };
    }

    /** Whether an {@code If-None-Match} list names {@code etag} (weak comparison, RFC 9110 13.1.2). */
    static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
