package io.vtp.streaming.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vtp.streaming.service.Housekeeping;
import io.vtp.streaming.support.Clips;
import io.vtp.streaming.support.Playback;
import io.vtp.streaming.support.Recordings;
import io.vtp.media.storage.MediaDirectories;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.Person;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-transcoding (default and custom ladders), progress as JSON and as Server-Sent Events, cancelling. */
@QuarkusTest
class TranscodeControlTest {

    @Inject
    Housekeeping housekeeping;

    @Test
    void aCustomLadderReplacesThePublishedOneOnlyWhenComplete() throws Throwable {
        Person owner = Person.instructor();
        UUID id = Recordings.completed(owner, null, Clips.motion720());
        UUID first = Recordings.awaitReady(id);
        String before = Playback.master(owner, id);
        String oldVariant = Playback.uriLines(before).get(0);

        JsonPath job = owner.api().body("{\"rungs\":[{\"height\":360,\"bitrate_kbps\":600},{\"height\":240,\"bitrate_kbps\":300}]}")
                .post("/api/v1/recordings/" + id + "/transcode/quality").then().statusCode(202).extract().jsonPath();
        UUID second = UUID.fromString(job.getString("job_id"));
        assertEquals(true, job.getBoolean("custom"));
        assertTrue(List.of("queued", "running").contains(job.getString("status")), job.prettify());
        // while it runs, players keep the complete ladder they had; asking again is a conflict
        problem(owner.api().post("/api/v1/recordings/" + id + "/transcode").then(), 409, "transcode-in-progress")
                .body("progress.job_id", org.hamcrest.Matchers.equalTo(second.toString()));
        String during = Playback.master(owner, id);
        assertTrue(during.contains(first + "/media_0.m3u8"), during);

        // Server-Sent Events until the job ends
        List<String> events = new ArrayList<>();
        HttpResponse<java.io.InputStream> sse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(Playback.base() + "/api/v1/recordings/" + id + "/transcode/progress"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + owner.token())
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, sse.statusCode());
        assertTrue(sse.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(sse.body()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    events.add(line.substring(5).trim());
                }
            }
        }
        assertFalse(events.isEmpty());
        JsonPath last = new JsonPath(events.get(events.size() - 1));
        assertEquals("completed", last.getString("status"), events.toString());
        assertEquals(100.0f, last.getFloat("percent"));
        assertEquals(second.toString(), last.getString("job_id"));

        String after = Playback.master(owner, id);
        assertEquals(List.of("426x240", "640x360"), Playback.attributes(after, "#EXT-X-STREAM-INF", "RESOLUTION"), after);
        assertTrue(after.contains(second + "/media_0.m3u8"), after);
        JsonPath progress = owner.api().get("/api/v1/recordings/" + id + "/transcode/progress").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("completed", progress.getString("status"));
        assertEquals(true, progress.getBoolean("ready"));
        assertEquals("/api/v1/recordings/" + id + "/stream/master.m3u8", progress.getString("master_url"));

        // the replaced ladder stays for players still holding its URIs, until its grace period ends
        Playback.fetchText(id, oldVariant);
        VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache.withTransaction(() ->
                io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(s -> s.createNativeQuery(
                        "update retired_renditions set delete_after = now() where recording_id = :r")
                        .setParameter("r", id).executeUpdate())));
        VertxContextSupport.subscribeAndAwait(() -> housekeeping.purgeRetired());
        problem(io.restassured.RestAssured.given().urlEncodingEnabled(false)
                .get(Playback.streamPath(id) + oldVariant).then(), 404, "not-found");
        assertFalse(Files.exists(MediaDirectories.mediaRoot().resolve("renditions/" + id + "/" + first)));
    }

    @Test
    void cancellingStopsTheEncoderAndKeepsThePublishedLadder() {
        Person owner = Person.instructor();
        UUID id = Recordings.completed(owner, null, Clips.long720());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                Db.countSql("select count(*) from transcode_jobs where recording_id = ?1 and status = 'running'"
                        + " and stage = 'encoding'", id) == 1);
        problem(owner.api().get(Playback.streamPath(id) + "master.m3u8").then(), 409, "media-not-ready")
                .body("progress.status", org.hamcrest.Matchers.equalTo("running"));
        JsonPath cancelled = owner.api().delete("/api/v1/recordings/" + id + "/transcode").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("cancelled", cancelled.getString("status"));
        problem(owner.api().delete("/api/v1/recordings/" + id + "/transcode").then(), 409, "no-active-transcode");
        // the worker notices: its ffmpeg is gone and nothing of the job is left in the store
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.current().descendants()
                .noneMatch(p -> p.info().command().orElse("").endsWith("ffmpeg")));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !Files.exists(MediaDirectories.mediaRoot().resolve("renditions/" + id)) || isEmpty(id));
        problem(owner.api().get(Playback.streamPath(id) + "master.m3u8").then(), 409, "media-not-ready");
        JsonPath progress = owner.api().get("/api/v1/recordings/" + id + "/transcode/progress").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("cancelled", progress.getString("status"));
        assertEquals(false, progress.getBoolean("ready"));
    }

    @Test
    void badLaddersAre400sAndQueueNothing() {
        Person owner = Person.instructor();
        UUID id = Recordings.completed(owner, null, Clips.silent());
        Recordings.awaitReady(id);
        long jobs = Db.countSql("select count(*) from transcode_jobs where recording_id = ?1", id);
        String path = "/api/v1/recordings/" + id + "/transcode/quality";
        for (String[] bad : new String[][] {
                {"{}", "rungs"},
                {"{\"rungs\":[]}", "rungs"},
                {"{\"rungs\":[{\"height\":100,\"bitrate_kbps\":500}]}", "rungs[0]"},
                {"{\"rungs\":[{\"height\":360,\"bitrate_kbps\":5}]}", "rungs[0]"},
                {"{\"rungs\":[{\"height\":360,\"bitrate_kbps\":500},{\"height\":360,\"bitrate_kbps\":900}]}", "rungs[1].height"},
                {"{\"rungs\":[{\"height\":360}]}", "rungs[0]"},
                {"{\"rungs\":[" + "{\"height\":360,\"bitrate_kbps\":500},".repeat(8) + "{\"height\":361,\"bitrate_kbps\":500}]}", "rungs"},
                {"{\"rungs\":[{\"height\":\"tall\",\"bitrate_kbps\":500}]}", null},
                {"{\"rungs\":[{\"height\":360,\"bitrate_kbps\":500,\"codec\":\"hevc\"}]}", null},
                {"[1,2]", null}}) {
            var response = owner.api().body(bad[0]).post(path).then().statusCode(400)
                    .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
            if (bad[1] != null) {
                problem(response, 400, "validation-failed").body("errors.field", org.hamcrest.Matchers.hasItem(bad[1]));
            }
        }
        problem(owner.api().body("{\"rungs\":[{\"height\":360,\"bitrate_kbps\":500}]}")
                .post("/api/v1/recordings/" + UUID.randomUUID() + "/transcode/quality").then(), 404, "not-found");
        assertEquals(jobs, Db.countSql("select count(*) from transcode_jobs where recording_id = ?1", id));
    }

    private static boolean isEmpty(UUID id) {
        try (var files = Files.walk(MediaDirectories.mediaRoot().resolve("renditions/" + id))) {
            return files.noneMatch(Files::isRegularFile);
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
