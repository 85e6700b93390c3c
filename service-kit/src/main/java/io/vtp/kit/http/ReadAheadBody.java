package io.vtp.kit.http;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A large request body as an {@link InputStream} for a worker thread, read ahead by the event loop
 * up to a window of bytes. Quarkus REST's own body stream asks the connection for one buffer at a
 * time, so the event loop and the worker take turns and neither is busy even half of an upload;
 * here the event loop keeps reading while the worker writes, and pauses the connection only when
 * {@code window} bytes wait (resuming it below half of that). Memory stays bounded by the window
 * plus one network buffer, whatever the body's size.
 * <p>
 * For {@code @Blocking} resource methods that take no body parameter and read the body themselves
 * (with the {@code RoutingContext} as a parameter); create it on the thread that will read it. A
 * client that goes away, or stops sending for {@code idleTimeout}, fails the next read with an
 * {@link IOException}.
 */
public final class ReadAheadBody extends InputStream {

    private final HttpServerRequest request;
    private final long window;
    private final long idleTimeoutNanos;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
    private long queued;
    private boolean paused;
    private boolean ended;
    private IOException failure;
    private ByteBuf current;

    private ReadAheadBody(HttpServerRequest request, long window, Duration idleTimeout) {
        this.request = request;
        this.window = window;
        this.idleTimeoutNanos = idleTimeout.toNanos();
    }

    /**
     * The request's body: read ahead from the connection, or, when {@link BodyLimits} has read it
     * already (a chunked body within a small limit), that body.
     *
     * @param window      how many bytes may wait for the reader before the connection is paused
     * @param idleTimeout how long a read waits for the client's next bytes
     */
    public static InputStream of(RoutingContext routing, long window, Duration idleTimeout) {
        if (window < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the window and the idle timeout must be positive");
        }
        if (Boolean.TRUE.equals(routing.get(BodyLimits.PRE_READ))) {
            Buffer body = routing.body() == null ? null : routing.body().buffer();
            return new ByteArrayInputStream(body == null ? new byte[0] : body.getBytes());
        }
        HttpServerRequest request = routing.request();
        ReadAheadBody body = new ReadAheadBody(request, window, idleTimeout);
        if (request.isEnded()) {
            body.ended = true;
            return body;
        }
        request.handler(body::received);
        request.endHandler(ignored -> body.end());
        request.exceptionHandler(body::failed);
        request.resume();
        return body;
    }

    /** Bytes received and not yet read (for tests and diagnostics). */
    public synchronized long queuedBytes() {
        return queued;
    }

    private synchronized void received(Buffer chunk) {
        if (failure != null) {
            return;
        }
        ByteBuf bytes = chunk.getByteBuf();
        if (bytes.readableBytes() == 0) {
            return;
        }
        queue.add(bytes);
        queued += bytes.readableBytes();
        if (queued >= window && !paused) {
            paused = true;
            request.pause();
        }
        notifyAll();
    }

    private synchronized void end() {
        ended = true;
        notifyAll();
    }

    private synchronized void failed(Throwable cause) {
        if (!ended && failure == null) {
            failure = cause instanceof IOException io ? io : new IOException("the request body could not be read: "
                    + cause.getMessage(), cause);
        }
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        ByteBuf from = next();
        return from == null ? -1 : from.readByte() & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, into.length);
        if (length == 0) {
            return 0;
        }
        ByteBuf from = next();
        if (from == null) {
            return -1;
        }
        int n = 0;
        // what has arrived fills the reader's buffer (the network hands over 8 KiB at a time); no waiting for more
        while (from != null && n < length) {
            int take = Math.min(length - n, from.readableBytes());
            from.readBytes(into, offset + n, take);
            n += take;
            from = n < length ? arrived() : null;
        }
        return n;
    }

    /** The next buffer when one is here already, else null. */
    private ByteBuf arrived() {
        if (current != null && current.isReadable()) {
            return current;
        }
        synchronized (this) {
            return queue.isEmpty() ? null : take();
        }
    }

    /** Takes the next queued buffer, resuming the connection once the queue is down to half the window. */
    private ByteBuf take() {
        current = queue.poll();
        queued -= current.readableBytes();
        if (paused && queued <= window / 2) {
            paused = false;
            request.resume();
        }
        return current;
    }

    @Override
    public synchronized int available() {
        return (int) Math.min(Integer.MAX_VALUE, queued + (current == null ? 0 : current.readableBytes()));
    }

    /** The buffer to read from, waiting for one when none is left; null at the end of the body. */
    private ByteBuf next() throws IOException {
        if (current != null && current.isReadable()) {
            return current;
        }
        synchronized (this) {
            long deadline = System.nanoTime() + idleTimeoutNanos;
            while (queue.isEmpty() && !ended && failure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    failure = new IOException("the client sent nothing for " + Duration.ofNanos(idleTimeoutNanos).toSeconds() + " s");
                    break;
                }
                try {
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the request body");
                }
            }
            if (!queue.isEmpty()) {
                return take();
            }
            if (failure != null) {
                throw failure;
            }
            return null;
        }
    }
}
