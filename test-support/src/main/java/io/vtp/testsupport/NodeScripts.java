package io.vtp.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A module's Node test helpers (src/test/js): installed with {@code npm ci} from their lock file
 * into target/test-js once per build (never globally), and run as a real client would run them.
 * Each script prints one JSON line with a boolean {@code ok} that matches its exit code.
 */
public final class NodeScripts {

    private static final Path SOURCE = Path.of("src/test/js");
    private static final Path HOME = Path.of("target/test-js");

    private final String markerModule;
    private final List<String> files;

    /**
     * @param markerModule a module in node_modules whose presence means the packages are installed
     * @param scripts      the scripts to copy beside package.json and package-lock.json
     */
    public NodeScripts(String markerModule, String... scripts) {
        this.markerModule = markerModule;
        this.files = new ArrayList<>(List.of("package.json", "package-lock.json"));
        this.files.addAll(List.of(scripts));
    }

    /** Installs the npm packages (once per build); returns the folder the scripts run in. */
    public synchronized Path installed() throws IOException, InterruptedException {
        Files.createDirectories(HOME);
        for (String file : files) {
            Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(HOME.resolve("node_modules").resolve(markerModule))) {
            return HOME;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(HOME.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed: " + output);
        }
        return HOME;
    }

    /** Runs {@code node <script> [args]} and parses the one JSON line it prints (its standard error is dropped). */
    public JsonNode runJson(Duration timeout, String script, String... args) throws IOException, InterruptedException {
        Path home = installed();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        Process node = new ProcessBuilder(command).directory(home.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!node.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            node.destroyForcibly();
            throw new IllegalStateException(script + " did not finish in " + timeout);
        }
        JsonNode result = new ObjectMapper().readTree(out);
        if (result.path("ok").asBoolean() != (node.exitValue() == 0)) {
            throw new IllegalStateException("exit code and ok disagree: " + out);
        }
        return result;
    }
}
