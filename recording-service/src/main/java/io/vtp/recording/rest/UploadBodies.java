package io.vtp.recording.rest;

import io.vertx.ext.web.RoutingContext;
import io.vtp.kit.http.ReadAheadBody;
import io.vtp.recording.config.RecordingConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.InputStream;

/**
 * The body of an upload (a raw import, a tus PATCH) for the blocking resource method that stores
 * it: read ahead of the writer by up to {@code vtp.recording.imports.read-ahead} bytes, so the
 * socket and the disk work at once ({@link ReadAheadBody}).
 */
@ApplicationScoped
public class UploadBodies {

    private final RecordingConfig config;

    public UploadBodies(RecordingConfig config) {
        this.config = config;
    }

    public InputStream body(RoutingContext routing) {
        return ReadAheadBody.of(routing, config.imports().readAhead().asLongValue(), config.imports().idleTimeout());
    }
}
