package io.vtp.streaming.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vtp.events.EventValidator;
import io.vtp.streaming.support.Clips;
import io.vtp.streaming.support.Playback;
import io.vtp.streaming.support.Recordings;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.Person;
import io.vtp.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sources of every shape: screen content, sound alone, picture alone, and files that cannot be a ladder. */
@QuarkusTest
class SourcesTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void screenContentFromTheBrowserBecomesALadderWithSpritesAndPoster() {
        Person owner = Person.instructor();
        UUID id = Recordings.completed(owner, null, Clips.slides());
        UUID job = Recordings.awaitReady(id);
        String master = Playback.master(owner, id);
        assertEquals(List.of("640x360", "854x480", "1280x720"), Playback.attributes(master, "#EXT-X-STREAM-INF", "RESOLUTION"));
        // static slides cost few bits: capped CRF stays far below the caps
        List<Long> average = Playback.attributes(master, "#EXT-X-STREAM-INF", "AVERAGE-BANDWIDTH").stream().map(Long::parseLong).toList();
        assertTrue(average.get(2) < 1_000_000, "720p slides: " + average);

        // scrubbing previews: a WebVTT track over sprite sheets, both behind the playback token
        String variant = Playback.uriLines(master).get(0);
        String token = variant.substring(variant.indexOf("?token=") + 7);
        String vtt = Playback.fetchText(id, job + "/thumbnails.vtt?token=" + token);
        assertTrue(vtt.startsWith("WEBVTT"), vtt);
        assertTrue(vtt.contains("00:00:00.000 --> 00:00:02.000\nsprite-001.jpg?token=" + token + "#xywh=0,0,160,90"), vtt);
        assertTrue(vtt.contains("#xywh=320,0,160,90"), vtt);
        byte[] sprite = Playback.fetch(id, job + "/sprite-001.jpg?token=" + token);
        assertEquals((byte) 0xFF, sprite[0]);
        assertEquals((byte) 0xD8, sprite[1]);

        // the I-frame playlists point at keyframes: each byte range starts a fragment
        String iframes = Playback.attributes(master, "#EXT-X-I-FRAME-STREAM-INF", "URI").get(2);
        String list = Playback.fetchText(id, iframes);
        assertTrue(list.contains("#EXT-X-I-FRAMES-ONLY"), list);
        List<String> ranges = list.lines().filter(l -> l.startsWith("#EXT-X-BYTERANGE:")).toList();
        assertEquals(3, ranges.size(), "a keyframe every 2 s of 6 s: " + list);
        String segment = Playback.uriLines(list).get(0);
        String[] range = ranges.get(1).substring(17).split("@");
        long length = Long.parseLong(range[0]);
        long offset = Long.parseLong(range[1]);
        byte[] part = RestAssured.given().urlEncodingEnabled(false).header("Range", "bytes=" + offset + "-" + (offset + length - 1))
                .get(Playback.streamPath(id) + job + "/" + segment).then().statusCode(206).extract().asByteArray();
        assertEquals(length, part.length);
        assertEquals("moof", new String(part, 4, 4));

        // the poster, and a frame at a chosen time (rendered once, then served from the store)
        byte[] poster = owner.auth().get("/api/v1/recordings/" + id + "/thumbnail").then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        assertEquals((byte) 0xD8, poster[1]);
        String etag = owner.auth().get("/api/v1/recordings/" + id + "/thumbnail?t=3.5").then().statusCode(200)
                .contentType("image/jpeg").extract().header("ETag");
        owner.auth().header("If-None-Match", etag).get("/api/v1/recordings/" + id + "/thumbnail?t=3.5").then().statusCode(304);
        for (String bad : List.of("-1", "7", "abc", "1e3", "NaN")) {
            problem(owner.auth().get("/api/v1/recordings/" + id + "/thumbnail?t=" + bad).then(), 400, "validation-failed");
        }
    }

    @Test
    void soundAloneGetsAnAudioOnlyRenditionAndPictureAloneNoAudioGroup() {
        Person owner = Person.instructor();
        UUID audio = Recordings.completed(owner, null, Clips.audioOnly());
        UUID silent = Recordings.completed(owner, null, Clips.silent());
        Recordings.awaitReady(audio);
        Recordings.awaitReady(silent);
        String audioMaster = Playback.master(owner, audio);
        assertEquals(List.of("mp4a.40.2"), Playback.attributes(audioMaster, "#EXT-X-STREAM-INF", "CODECS"), audioMaster);
        assertFalse(audioMaster.contains("RESOLUTION"), audioMaster);
        String playlist = Playback.fetchText(audio, Playback.uriLines(audioMaster).get(0));
        assertTrue(playlist.contains("#EXT-X-ENDLIST"), playlist);
        problem(owner.auth().get("/api/v1/recordings/" + audio + "/thumbnail").then(), 404, "not-found");

        String silentMaster = Playback.master(owner, silent);
        assertFalse(silentMaster.contains("#EXT-X-MEDIA"), silentMaster);
        // smaller than every rung: one rung at its own size
        assertEquals(List.of("480x270"), Playback.attributes(silentMaster, "#EXT-X-STREAM-INF", "RESOLUTION"));
        assertEquals(List.of("25.000"), Playback.attributes(silentMaster, "#EXT-X-STREAM-INF", "FRAME-RATE"));
    }

    @Test
    void badSourcesFailTheirJobWithAReasonAndTheServiceStaysHealthy() throws Exception {
        Person owner = Person.instructor();
        Map<String, Path> corpus = new LinkedHashMap<>();
        corpus.put("truncated", Clips.truncated());
        corpus.put("corrupt", Clips.corrupt());
        corpus.put("empty", Clips.empty());
        corpus.put("absurd", Clips.absurd());
        corpus.put("not media", Clips.notMedia());
        Map<String, UUID> ids = new LinkedHashMap<>();
        corpus.forEach((name, file) -> ids.put(name, Recordings.completed(owner, null, file)));
        for (Map.Entry<String, UUID> e : ids.entrySet()) {
            Recordings.awaitJob(e.getValue(), "failed", Duration.ofSeconds(90));
            String reason = Db.single("select j.errorMessage from TranscodeJob j where j.recordingId = ?1", String.class,
                    e.getValue());
            assertTrue(reason != null && !reason.isBlank(), e.getKey());
            assertFalse(reason.contains("/tmp") || reason.contains("vtp-streaming") || reason.contains("raw/"),
                    e.getKey() + ": no paths in reasons: " + reason);
            problem(owner.auth().get(Playback.streamPath(e.getValue()) + "master.m3u8").then(), 409, "media-not-ready")
                    .body("progress.status", org.hamcrest.Matchers.equalTo("failed"));
        }
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
        // and the next good source still goes through
        UUID good = Recordings.completed(owner, null, Clips.silent());
        Recordings.awaitReady(good);

        List<TopicReader.Event> events;
        try (TopicReader reader = new TopicReader("vtp.media")) {
            events = reader.readUntil(all -> ids.values().stream().allMatch(id -> all.stream().anyMatch(ev ->
                    ev.key().equals(id.toString()) && ev.header("ce_type").equals("vtp.media.transcode_failed.v1"))),
                    Duration.ofSeconds(30));
        }
        EventValidator validator = new EventValidator();
        for (TopicReader.Event ev : events) {
            if (ids.containsValue(UUID.fromString(ev.key())) && ev.header("ce_type").equals("vtp.media.transcode_failed.v1")) {
                assertEquals(List.of(), validator.validate(ev.header("ce_type"), ev.value()), ev.value());
                JsonNode failed = json.readTree(ev.value());
                assertFalse(failed.path("retryable").asBoolean(), ev.value());
            }
        }
    }
}
