package io.vtp.streaming.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vtp.media.ffmpeg.MediaSamples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The bundled ffprobe and ffmpeg as a player would use them: reading playlists and segments over HTTP. */
public final class Tools {

    private Tools() {
    }

    /** ffprobe's JSON for {@code args} (input last); fails the test when ffprobe fails. */
    public static JsonNode ffprobe(String... args) {
        List<String> command = new ArrayList<>(List.of(MediaSamples.binaries().ffprobe().toString(), "-v", "error",
                "-print_format", "json"));
        command.addAll(List.of(args));
        Result r = run(command);
        if (r.exit() != 0) {
            throw new AssertionError("ffprobe failed: " + command + "\n" + r.stderr());
        }
        try {
            return new ObjectMapper().readTree(r.stdout());
        } catch (IOException e) {
            throw new AssertionError("ffprobe wrote no JSON: " + r.stdout(), e);
        }
    }

    /** Decodes {@code input} completely with ffmpeg; returns its error output (empty when clean). */
    public static String decodeErrors(String... inputArgs) {
        List<String> command = new ArrayList<>(List.of(MediaSamples.binaries().ffmpeg().toString(), "-hide_banner",
                "-nostdin", "-v", "error"));
        command.addAll(List.of(inputArgs));
        command.addAll(List.of("-f", "null", "-"));
        Result r = run(command);
        return r.exit() == 0 ? r.stderr().strip() : "exit " + r.exit() + ": " + r.stderr();
    }

    record Result(int exit, String stdout, String stderr) {
    }

    private static Result run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            var err = new java.util.concurrent.CompletableFuture<String>();
            Thread t = new Thread(() -> {
                try {
                    err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    err.complete(e.toString());
                }
            });
            t.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            t.join();
            return new Result(p.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
