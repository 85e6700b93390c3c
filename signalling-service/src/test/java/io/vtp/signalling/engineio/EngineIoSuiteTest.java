package io.vtp.signalling.engineio;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vtp.signalling.support.NodeClients;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published Engine.IO protocol test suite ({@code test-suite/} of socketio/engine.io-protocol,
 * run by mocha in Node) against the conformance echo server at {@code /engine.io/}. The suite is
 * not ours to ship, so the build runs it when {@code ENGINE_IO_PROTOCOL_SUITE} names a checkout of
 * that folder (see the README); {@link EngineIoConformanceTest} checks the same protocol rules
 * with Java clients on every build.
 */
@QuarkusTest
class EngineIoSuiteTest {

    @TestHTTPResource("/")
    URI service;

    @Test
    void publishedEngineIoSuitePasses() throws Exception {
        String suite = System.getenv("ENGINE_IO_PROTOCOL_SUITE");
        Assumptions.assumeTrue(suite != null && Files.isRegularFile(Path.of(suite, "test-suite.js")),
                "ENGINE_IO_PROTOCOL_SUITE does not name a checkout of engine.io-protocol's test-suite/");
        Path home = NodeClients.NODE.installed();
        Path copy = Files.createDirectories(home.resolve("engine-io-suite"));
        String base = service.toString().replaceAll("/$", "");
        String tests = Files.readString(Path.of(suite, "test-suite.js"))
                .replace("const URL = \"http://localhost:3000\";", "const URL = \"" + base + "\";");
        assertTrue(tests.contains(base), "the suite's URL line changed: update this test");
        Files.writeString(copy.resolve("test-suite.js"), tests);
        Files.copy(Path.of(suite, "node-imports.js"), copy.resolve("node-imports.js"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        warmUp();
        Process mocha = new ProcessBuilder("node", "node_modules/mocha/bin/mocha", "--reporter", "dot",
                "engine-io-suite/test-suite.js").directory(home.toFile()).redirectErrorStream(true).start();
        String output = new String(mocha.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(mocha.waitFor(3, TimeUnit.MINUTES), "mocha did not finish");
        System.out.println(output);
        assertEquals(0, mocha.exitValue(), output);
        assertTrue(output.contains("passing") && !output.contains("failing"), output);
    }

    /**
     * The suite's timers are short (ping every 300 ms): a cold JVM's first WebSocket upgrades can take
     * longer than that on a loaded machine, so a few handshakes and upgrades run first.
     */
    private void warmUp() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 20; i++) {
            String open = http.send(java.net.http.HttpRequest.newBuilder(service.resolve("/engine.io/?EIO=4&transport=polling")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            String sid = open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf('"', open.indexOf("\"sid\":\"") + 7));
            java.net.http.WebSocket socket = http.newWebSocketBuilder().buildAsync(
                    URI.create(service.toString().replaceFirst("^http", "ws") + "engine.io/?EIO=4&transport=websocket&sid=" + sid),
                    new java.net.http.WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
            socket.sendText("2probe", true).join();
            socket.sendText("5", true).join();
            socket.sendText("1", true).join();
            socket.abort();
        }
    }
}
