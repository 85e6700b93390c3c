package io.vtp.kit.testapp;

import io.vertx.ext.web.RoutingContext;
import io.vtp.kit.http.ReadAheadBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bodies read with {@link ReadAheadBody} by a reader as slow as a busy disk: what arrived (length,
 * SHA-256) and the most bytes that ever waited for the reader. {@code /kit-test/streams} has a
 * 64 MiB limit (read ahead from the connection); {@code /kit-test/uploads/streams} falls under the
 * 1 MiB limit of {@code /kit-test/uploads}, whose chunked bodies {@code BodyLimits} reads first.
 */
@Path("/kit-test")
public class StreamsResource {

    /** The last read that failed (a client gone, or silent too long), for the tests to see. */
    public static final AtomicReference<IOException> LAST_FAILURE = new AtomicReference<>();

    @POST
    @Path("/streams")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Map<String, Object> stream(RoutingContext routing, @QueryParam("window") long window,
                                      @QueryParam("idle_ms") long idleMillis) throws IOException, InterruptedException {
        return read(ReadAheadBody.of(routing, window, Duration.ofMillis(idleMillis == 0 ? 10_000 : idleMillis)));
    }

    @POST
    @Path("/uploads/streams")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Map<String, Object> preRead(RoutingContext routing) throws IOException, InterruptedException {
        return read(ReadAheadBody.of(routing, 64 * 1024, Duration.ofSeconds(10)));
    }

    private static Map<String, Object> read(InputStream body) throws IOException, InterruptedException {
        MessageDigest sha = sha256();
        long bytes = 0;
        long maxQueued = 0;
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int i = 0, b; i < 3 && (b = body.read()) >= 0; i++) { // the single-byte read too
                sha.update((byte) b);
                bytes++;
            }
            for (int n, reads = 0; (n = body.read(buffer)) >= 0; reads++) {
                sha.update(buffer, 0, n);
                bytes += n;
                if (body instanceof ReadAheadBody ahead) {
                    maxQueued = Math.max(maxQueued, ahead.queuedBytes());
                }
                if (reads % 4 == 3) {
                    Thread.sleep(1); // a slow disk: the connection outpaces the reader, so the window fills
                }
            }
        } catch (IOException e) {
            LAST_FAILURE.set(e);
            throw e;
        }
        return Map.of("bytes", bytes, "sha256", HexFormat.of().formatHex(sha.digest()), "max_queued", maxQueued,
                "read_ahead", body instanceof ReadAheadBody);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
