package io.vtp.streaming.it;

import io.restassured.RestAssured;
import io.vtp.streaming.support.Clips;
import io.vtp.streaming.support.Playback;
import io.vtp.streaming.support.Recordings;
import io.vtp.media.storage.MediaDirectories;
import io.vtp.streaming.support.TestResources;
import io.vtp.streaming.support.Tools;
import io.vtp.testsupport.PlatformResources;
import io.vtp.testsupport.Person;
import io.vtp.media.storage.FileSystemMediaStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service is killed (SIGKILL, its ffmpeg with it) in the middle of a ladder and started
 * again: the job is taken over when its lease runs out and completes, and no player was ever given
 * anything but "not ready" or the complete ladder.
 */
class CrashRecoveryIT {

    private static final PlatformResources PLATFORM = new PlatformResources();
    private static final MediaDirectories DIRECTORIES = new MediaDirectories();
    private static Map<String, String> config;
    private static int port;

    @BeforeAll
    static void platform() throws IOException {
        PLATFORM.init(Map.of(PlatformResources.TEST_TOKENS, "true"));
        config = new HashMap<>(PLATFORM.start());
        DIRECTORIES.init(Map.of(MediaDirectories.WORK_DIR_PROPERTY, "vtp.streaming.work-dir",
                "vtp.kit.signed-urls.keys.k1", TestResources.SIGNING_KEY));
        config.putAll(DIRECTORIES.start());
        config.put("vtp.streaming.transcode.lease", "5s");
        config.put("vtp.streaming.transcode.poll-interval", "1s");
        // consumer groups of their own: PackagedServiceIT's service (same broker, same JVM) may still be a
        // member of the default groups, and a rebalance waits for its session to time out
        String run = UUID.randomUUID().toString();
        for (String channel : List.of("recordings-in", "courses-in", "enrollments-in")) {
            config.put("mp.messaging.incoming." + channel + ".group.id", "streaming-service.crash-test." + channel + "." + run);
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        config.put("quarkus.http.port", Integer.toString(port));
        RestAssured.port = port;
    }

    @AfterAll
    static void stop() {
        DIRECTORIES.stop();
        PLATFORM.stop();
    }

    @Test
    void aLadderCutShortByACrashCompletesAfterTheRestart() throws Exception {
        Person owner = Person.instructor();
        UUID id = UUID.randomUUID();
        String key = "raw/" + id + "/recording.mp4";
        try (FileSystemMediaStore store = new FileSystemMediaStore(MediaDirectories.mediaRoot())) {
            store.put(key, Clips.long720(), "video/mp4");
        }
        Process first = start("first");
        List<Integer> answers = new ArrayList<>();
        try {
            Recordings.announce(id, owner, null, key, UUID.randomUUID().toString());
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() -> {
                answers.add(masterStatus(owner, id));
                return percent(id) >= 20;
            });
        } finally {
            first.descendants().forEach(ProcessHandle::destroyForcibly); // its ffmpeg dies with it, as in a container
            first.destroyForcibly();
            first.waitFor();
        }
        assertEquals("running", status(id), "killed mid-ladder");
        Process second = start("second");
        try {
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).until(() -> {
                answers.add(masterStatus(owner, id));
                return "completed".equals(status(id));
            });
            assertEquals(2, attempts(id), "taken over once");
            String master = Playback.master(owner, id);
            assertEquals(List.of("640x360", "854x480", "1280x720"), Playback.attributes(master, "#EXT-X-STREAM-INF", "RESOLUTION"));
            // the whole top rung decodes
            String variant = Playback.uriLines(master).get(2);
            String playlist = Playback.fetchText(id, variant);
            String dir = variant.substring(0, variant.indexOf('/') + 1);
            Path file = Files.createTempFile("rung", ".mp4");
            try (var out = Files.newOutputStream(file)) {
                out.write(Playback.fetch(id, dir + Playback.attributes(playlist, "#EXT-X-MAP", "URI").get(0)));
                for (String segment : Playback.uriLines(playlist)) {
                    out.write(Playback.fetch(id, dir + segment));
                }
            }
            assertEquals("", Tools.decodeErrors("-i", file.toString()));
            Files.delete(file);
        } finally {
            second.destroy();
            second.waitFor();
        }
        // every player was told "unknown" (the event not yet consumed), "not ready", or found the service down, until
        // the complete ladder was published in one transaction (then 200, which the checks above found whole)
        List<Integer> afterFirstSight = answers.subList(answers.indexOf(409), answers.size());
        int firstReady = afterFirstSight.indexOf(200);
        List<Integer> before = firstReady < 0 ? afterFirstSight : afterFirstSight.subList(0, firstReady);
        List<Integer> after = firstReady < 0 ? List.of() : afterFirstSight.subList(firstReady, afterFirstSight.size());
        assertTrue(answers.contains(409) && before.stream().allMatch(s -> s == 409 || s == -1)
                && after.stream().allMatch(s -> s == 200), answers.toString());
    }

    private static Process start(String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
        Path log = Path.of("target", "crash-" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited; see " + log);
            }
            try {
                return RestAssured.given().get("/q/health/ready").statusCode() == 200;
            } catch (Exception notYet) {
                return false;
            }
        });
        return process;
    }

    private static int masterStatus(Person owner, UUID id) {
        try {
            return owner.auth().get(Playback.streamPath(id) + "master.m3u8").statusCode();
        } catch (Exception down) {
            return -1;
        }
    }

    private static String status(UUID id) throws Exception {
        return query("select status from transcode_jobs where recording_id = ?", id);
    }

    private static double percent(UUID id) throws Exception {
        String p = query("select percent from transcode_jobs where recording_id = ?", id);
        return p == null ? 0 : Double.parseDouble(p);
    }

    private static int attempts(UUID id) throws Exception {
        return Integer.parseInt(query("select attempts from transcode_jobs where recording_id = ?", id));
    }

    private static String query(String sql, UUID id) throws Exception {
        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }
}
