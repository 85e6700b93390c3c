package io.vtp.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Local mode end to end, as {@code ./vtp up} runs it: the packaged launcher starts PostgreSQL, Kafka,
 * the packaged auth-service and the gateway; requests go through the gateway; SIGTERM (Ctrl-C) stops
 * everything; a second run keeps the data and starts auth-service with the class-data archive the
 * first run recorded.
 *
 * <p>It runs in a repository of its own under {@code target/local-mode-it} (deploy/ copied with free
 * ports, auth-service linked) so that a developer's running local mode does not get in the way.
 */
class LocalModeIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REPO = MODULE.getParent();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Process> launchers = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        for (Process launcher : launchers) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    @Test
    void upServesThroughTheGatewayStopsCleanlyAndStartsFasterTheSecondTime() throws Exception {
        Path jar = ServiceProcess.runnableJar(REPO, "auth");
        assertTrue(Files.isRegularFile(jar), "no " + jar + ": run `mvn verify` from the repository root, "
                + "which packages auth-service and course-service before vtp-local");
        assertTrue(Files.isRegularFile(ServiceProcess.runnableJar(REPO, "course")), "course-service is not packaged");
        Path work = MODULE.resolve("target/local-mode-it");
        deleteRecursively(work);
        Path repo = work.resolve("repo");
        Path home = work.resolve("home");
        int authPort = freePort();
        int coursePort = freePort();
        Map<String, String> env = Map.of(
                "VTP_REPO", repo.toString(),
                "VTP_HOME", home.toString(),
                "VTP_GATEWAY_PORT", Integer.toString(freePort()),
                "VTP_PG_PORT", Integer.toString(freePort()),
                "VTP_KAFKA_PORT", Integer.toString(freePortPair()),
                "VTP_READY_TIMEOUT", Long.toString(START_TIMEOUT.toSeconds()));
        writeRepository(repo, authPort, coursePort);
        String gateway = "http://127.0.0.1:" + env.get("VTP_GATEWAY_PORT");
        Path launcher = MODULE.resolve("target/vtp-local-cds-launcher.jar");
        TrainedArchive archive = TrainedArchive.of(home, "auth", jar, launcher);

        // First run: everything starts, auth-service records its class-data archive.
        Process first = up(env, work.resolve("up-1.log"));
        awaitHealthy(first, gateway, work.resolve("up-1.log"));
        assertTrue(authArguments(first).contains("-XX:ArchiveClassesAtExit=" + archive.file() + ".recording"),
                "the first run after a build records: " + authArguments(first));
        String email = "local-" + UUID.randomUUID() + "@example.org";
        HttpResponse<String> registered = post(gateway + "/api/v1/auth/register",
                "{\"email\":\"" + email + "\",\"password\":\"Local-Mode-1\",\"full_name\":\"Local Mode\"}");
        assertEquals(201, registered.statusCode(), registered.body());
        assertEquals(200, login(gateway, email).statusCode());
        HttpResponse<String> malformed = post(gateway + "/api/v1/auth/register", "{\"email\":");
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertProblem(malformed);
        // course-service verifies auth-service's token against the JWKS of the auth port local mode chose
        String token = JSON.readTree(login(gateway, email).body()).path("access_token").asText();
        HttpResponse<String> courses = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/courses/my"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, courses.statusCode(), courses.body());
        assertEquals(0, JSON.readTree(courses.body()).path("total").asInt(), courses.body());
        HttpResponse<String> anonymous = get(gateway + "/api/v1/courses");
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertProblem(anonymous);
        HttpResponse<String> notRunning = get(gateway + "/api/v1/analytics/courses/x");
        assertEquals(502, notRunning.statusCode(), "analytics-service is not linked into this test repository");
        assertProblem(notRunning);
        HttpResponse<String> unrouted = get(gateway + "/no/such/route");
        assertEquals(404, unrouted.statusCode());
        assertProblem(unrouted);

        List<ProcessHandle> children = first.descendants().toList();
        stop(first, work.resolve("up-1.log"));
        for (ProcessHandle child : children) {
            assertFalse(child.isAlive(), "left running after Ctrl-C: " + child.info().commandLine().orElse("?"));
        }
        assertTrue(archive.isCurrent(), "no class-data archive was kept at " + archive.file());
        String authLog = Files.readString(home.resolve("logs/auth.log"));
        assertTrue(authLog.matches("(?s).*vtp-cds: linked \\d+ loaded classes.*"),
                "the recording run links what it loaded: " + authLog.substring(Math.max(0, authLog.length() - 2000)));
        assertFalse(Files.exists(Path.of(archive.file() + ".recording")));

        // Second run: the data is still there and auth-service maps the recorded archive.
        Process second = up(env, work.resolve("up-2.log"));
        awaitHealthy(second, gateway, work.resolve("up-2.log"));
        assertTrue(authArguments(second).contains("-XX:SharedArchiveFile=" + archive.file()),
                "later runs map the archive: " + authArguments(second));
        assertEquals(200, login(gateway, email).statusCode(), "users are kept across restarts");
        assertArchiveIsValid(repo, archive, launcher);
        stop(second, work.resolve("up-2.log"));
    }

    /** The JVM checks the archive against the launch's class path and says so (it exits without starting). */
    private static void assertArchiveIsValid(Path repo, TrainedArchive archive, Path launcher) throws Exception {
        ServiceProcess.Launch launch = ServiceProcess.launch(repo, "auth", List.of("-XX:SharedArchiveFile=" + archive.file()),
                launcher);
        List<String> command = new ArrayList<>(launch.command());
        command.add(1, "-XX:+PrintSharedArchiveAndExit");
        Process check = new ProcessBuilder(command).directory(launch.directory().toFile()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        assertTrue(output.contains("archive is valid"), output.substring(Math.max(0, output.length() - 2000)));
    }

    private Process up(Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(LocalSettings.javaExecutable(), "-jar",
                MODULE.resolve("target/vtp-local.jar").toString(), "up")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        launchers.add(process);
        return process;
    }

    private static void awaitHealthy(Process launcher, String gateway, Path log) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!launcher.isAlive()) {
                fail("local mode exited with " + launcher.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> health = get(gateway + "/health");
                if (health.statusCode() == 200) {
                    JsonNode body = JSON.readTree(health.body());
                    assertEquals("UP", body.path("services").path("auth").path("status").asText(), health.body());
                    assertEquals("UP", body.path("services").path("course").path("status").asText(), health.body());
                    return;
                }
            } catch (IOException notYet) {
                // the gateway is not listening yet
            }
            Thread.sleep(250);
        }
        fail("local mode was not healthy within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    private static void stop(Process launcher, Path log) throws Exception {
        launcher.destroy();
        assertTrue(launcher.waitFor(180, TimeUnit.SECONDS), "local mode did not stop on SIGTERM:\n" + Files.readString(log));
    }

    /** The arguments of auth-service's JVM: the one whose archive option names auth's archive. */
    private static List<String> authArguments(Process launcher) {
        Optional<ProcessHandle> auth = launcher.descendants()
                .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.contains("/cds/auth-jdk-")))
                .findFirst();
        return auth.flatMap(handle -> handle.info().arguments()).map(List::of)
                .orElseThrow(() -> new AssertionError("no auth-service process among the launcher's children"));
    }

    private static HttpResponse<String> login(String gateway, String email) throws Exception {
        return post(gateway + "/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"Local-Mode-1\"}");
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response) throws IOException {
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("")
                .replaceFirst(";.*", ""), response.body());
        assertEquals(response.statusCode(), JSON.readTree(response.body()).path("status").asInt(), response.body());
    }

    /** deploy/ with auth and course on free ports, both linked to the real, packaged modules. */
    private static void writeRepository(Path repo, int authPort, int coursePort) throws IOException {
        Files.createDirectories(repo.resolve("deploy"));
        String routes = Files.readString(REPO.resolve("deploy/routes.yaml"));
        String moved = routes.replaceFirst("auth: \\{ port: \\d+ }", "auth: { port: " + authPort + " }")
                .replaceFirst("course: \\{ port: \\d+ }", "course: { port: " + coursePort + " }");
        assertFalse(moved.equals(routes), "deploy/routes.yaml no longer has the line `auth: { port: ... }`");
        assertTrue(moved.contains("course: { port: " + coursePort + " }"), "no line `course: { port: ... }`");
        Files.writeString(repo.resolve("deploy/routes.yaml"), moved);
        Files.copy(REPO.resolve("deploy/service-jvm.options"), repo.resolve("deploy/service-jvm.options"));
        Files.createSymbolicLink(repo.resolve("auth-service"), REPO.resolve("auth-service"));
        Files.createSymbolicLink(repo.resolve("course-service"), REPO.resolve("course-service"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A port whose successor is free too (Kafka's controller listens on VTP_KAFKA_PORT + 1). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two adjacent free ports");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(path);
            }
        }
    }
}
