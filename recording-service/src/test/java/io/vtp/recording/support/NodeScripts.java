package io.vtp.recording.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;

/** recording-service's Node helper in src/test/js: tus-js-client driving tus uploads. */
public final class NodeScripts {

    private static final io.vtp.testsupport.NodeScripts SCRIPTS =
            new io.vtp.testsupport.NodeScripts("tus-js-client", "tus-upload.mjs");

    private NodeScripts() {
    }

    /** Runs {@code node tus-upload.mjs <json> [args]} and parses the one JSON line it prints. */
    public static JsonNode tusUpload(String json, String... args) throws IOException, InterruptedException {
        String[] all = new String[args.length + 1];
        all[0] = json;
        System.arraycopy(args, 0, all, 1, args.length);
        return SCRIPTS.runJson(Duration.ofMinutes(2), "tus-upload.mjs", all);
    }
}
