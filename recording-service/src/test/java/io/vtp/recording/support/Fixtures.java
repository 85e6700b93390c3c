package io.vtp.recording.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The MediaRecorder captures recorded once in headless Chromium (src/test/resources/mediarecorder,
 * see its README): the chunks exactly as the browser delivered them, and what the page measured.
 */
public final class Fixtures {

    /** One capture: its chunks in order and its capture.json. */
    public record Capture(List<byte[]> chunks, JsonNode meta) {

        /** Wall time between MediaRecorder's start and stop events, in seconds. */
        public double recordedSeconds() {
            return meta.get("recorded_ms").asDouble() / 1000.0;
        }

        public byte[] whole() {
            int n = chunks.stream().mapToInt(c -> c.length).sum();
            byte[] all = new byte[n];
            int at = 0;
            for (byte[] c : chunks) {
                System.arraycopy(c, 0, all, at, c.length);
                at += c.length;
            }
            return all;
        }
    }

    private Fixtures() {
    }

    /** Chrome's VP8+Opus 640x360 capture, 14 chunks, about 3.9 s. */
    public static Capture video() {
        return load("/mediarecorder/");
    }

    /** Chrome's Opus audio-only capture, 7 chunks, about 1.9 s. */
    public static Capture audioOnly() {
        return load("/mediarecorder/audio-only/");
    }

    private static Capture load(String dir) {
        try {
            JsonNode meta;
            try (InputStream in = Fixtures.class.getResourceAsStream(dir + "capture.json")) {
                meta = new ObjectMapper().readTree(in);
            }
            int count = meta.get("chunk_count").asInt();
            List<byte[]> chunks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                try (InputStream in = Fixtures.class.getResourceAsStream(dir + String.format("chunk-%03d.webm", i))) {
                    chunks.add(in.readAllBytes());
                }
            }
            return new Capture(chunks, meta);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
