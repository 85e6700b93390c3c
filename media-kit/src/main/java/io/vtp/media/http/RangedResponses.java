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
     * The response (status, body, length, validators), to which the caller adds its type and caching headers.
     *
     * @param etagValue the unquoted strong validator
     */
    public static Response.ResponseBuilder of(MediaStore store, String key, long size, String etagValue,
                                              Instant lastModified, Conditions conditions) {
        String etag = "\"" + etagValue + "\"";
        String modified = DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.atOffset(ZoneOffset.UTC));
        if (conditions.ifNoneMatch() != null && matches(conditions.ifNoneMatch(), etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag);
        }
        String ifRange = conditions.ifRange();
        ByteRange.Parsed parsed = ifRange == null || ifRange.trim().equals(etag) || ifRange.trim().equals(modified)
                ? ByteRange.parse(conditions.range(), size) : new ByteRange.Whole();
        if (parsed instanceof ByteRange.Unsatisfiable) {
            throw new ApiException(RANGE_NOT_SATISFIABLE, "the file has " + size + " bytes")
                    .withHeader("Content-Range", "bytes */" + size); // RFC 9110, 15.5.17
        }
        long start = 0;
        long length = size;
        Response.ResponseBuilder response = Response.ok();
        if (parsed instanceof ByteRange.Partial partial) {
            start = partial.range().start();
            length = partial.range().length();
            response = Response.status(Response.Status.PARTIAL_CONTENT)
                    .header("Content-Range", "bytes " + start + "-" + partial.range().end() + "/" + size);
        }
        return response.entity(body(store, key, start, length))
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.LAST_MODIFIED, modified)
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
