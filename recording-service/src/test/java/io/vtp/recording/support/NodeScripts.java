package io.vtp.recording.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node helpers in src/test/js (tus-js-client), installed with {@code npm ci} from their lock
 * file into target/test-js once per build, and run as a real client would run them.
 */
public final class NodeScripts {

    private static final Path SOURCE = Path.of("src/test/js");
    private static final Path HOME = Path.of("target/test-js");

    private NodeScripts() {
    }

    /** Installs the npm packages (once per build); returns the folder the scripts run in. */
    public static synchronized Path installed() throws IOException, InterruptedException {
        if (Files.isDirectory(HOME.resolve("node_modules/tus-js-client"))) {
            return HOME;
        }
        Files.createDirectories(HOME);
        for (String file : List.of("package.json", "package-lock.json", "tus-upload.mjs")) {
            Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(HOME.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed: " + output);
        }
        return HOME;
    }

    /** Runs {@code node tus-upload.mjs <json> [args]} and parses the one JSON line it prints. */
    public static JsonNode tusUpload(String json, String... args) throws IOException, InterruptedException {
        Path home = installed();
        List<String> command = new java.util.ArrayList<>(List.of("node", "tus-upload.mjs", json));
        command.addAll(List.of(args));
        Process node = new ProcessBuilder(command).directory(home.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!node.waitFor(2, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new IllegalStateException("tus-upload.mjs did not finish");
        }
        JsonNode result = new ObjectMapper().readTree(out);
        if (result.path("ok").asBoolean() != (node.exitValue() == 0)) {
            throw new IllegalStateException("exit code and ok disagree: " + out);
        }
        return result;
    }
}
