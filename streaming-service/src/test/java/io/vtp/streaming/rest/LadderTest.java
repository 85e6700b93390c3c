package io.vtp.streaming.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vtp.events.EventValidator;
import io.vtp.streaming.support.Clips;
import io.vtp.streaming.support.Playback;
import io.vtp.streaming.support.Recordings;
import io.vtp.streaming.support.Tools;
import io.vtp.testsupport.Person;
import io.vtp.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A completed recording goes the whole way: recording.completed on the real broker, the ladder
 * encoded by the bundled FFmpeg, published, and played the way players play it (the bundled
 * ffprobe and ffmpeg reading it over HTTP with nothing but the URIs they were given).
 */
@QuarkusTest
class LadderTest {

    private final ObjectMapper json = new ObjectMapper();
    private final EventValidator validator = new EventValidator();

    @Test
    void aCompletedRecordingBecomesAnAdaptiveLadderThatPlaysOverHttp() throws Exception {
        Person owner = Person.instructor();
        UUID id = Recordings.completed(owner, null, Clips.motion720());
        UUID job = Recordings.awaitReady(id);

        String master = Playback.master(owner, id);
        // three rungs (1080p is above the 720p source), lowest first, with measured bandwidths
        assertEquals(List.of("640x360", "854x480", "1280x720"), Playback.attributes(master, "#EXT-X-STREAM-INF", "RESOLUTION"), master);
        assertEquals(List.of("30.000", "30.000", "30.000"), Playback.attributes(master, "#EXT-X-STREAM-INF", "FRAME-RATE"));
        for (String codecs : Playback.attributes(master, "#EXT-X-STREAM-INF", "CODECS")) {
            assertTrue(codecs.matches("avc1\\.64[0-9a-f]{4},mp4a\\.40\\.2"), codecs);
        }
        List<Long> bandwidth = Playback.attributes(master, "#EXT-X-STREAM-INF", "BANDWIDTH").stream().map(Long::parseLong).toList();
        List<Long> average = Playback.attributes(master, "#EXT-X-STREAM-INF", "AVERAGE-BANDWIDTH").stream().map(Long::parseLong).toList();
        for (int i = 0; i < 3; i++) {
            assertTrue(bandwidth.get(i) >= average.get(i), master);
            assertTrue(i == 0 || bandwidth.get(i) > bandwidth.get(i - 1), "higher rungs cost more: " + bandwidth);
        }
        assertEquals(3, Playback.attributes(master, "#EXT-X-I-FRAME-STREAM-INF", "URI").size(), master);
        assertEquals(1, Playback.attributes(master, "#EXT-X-MEDIA", "URI").size(), master);
        for (String uri : Playback.uriLines(master)) {
            assertTrue(uri.startsWith(job + "/media_") && uri.contains("?token="), uri);
        }

        // the bundled ffprobe reads the master over HTTP: the rungs and bandwidths the playlist announces
        JsonNode probe = Tools.ffprobe("-headers", "Authorization: Bearer " + owner.token() + "\r\n",
                "-show_programs", "-show_streams",
                Playback.base() + Playback.streamPath(id) + "master.m3u8");
        Set<String> sizes = new HashSet<>();
        for (JsonNode s : probe.path("streams")) {
            if (s.path("codec_type").asText().equals("video")) {
                sizes.add(s.path("width").asInt() + "x" + s.path("height").asInt());
                assertEquals("h264", s.path("codec_name").asText());
            }
        }
        assertEquals(Set.of("640x360", "854x480", "1280x720"), sizes);
        List<Long> announced = new ArrayList<>();
        for (JsonNode p : probe.path("programs")) {
            announced.add(p.path("tags").path("variant_bitrate").asLong());
        }
        assertEquals(new HashSet<>(bandwidth), new HashSet<>(announced), probe.toString());

        // every segment of every rung decodes, and keyframes fall at the same times on every rung
        List<List<String>> keyframes = new ArrayList<>();
        for (String variant : Playback.uriLines(master)) {
            String playlist = Playback.fetchText(id, variant);
            assertTrue(playlist.contains("#EXT-X-PLAYLIST-TYPE:VOD") && playlist.contains("#EXT-X-ENDLIST"), playlist);
            assertFalse(playlist.contains("PROGRAM-DATE-TIME"), playlist);
            String dir = variant.substring(0, variant.indexOf('/') + 1);
            String init = Playback.attributes(playlist, "#EXT-X-MAP", "URI").get(0);
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.write(Playback.fetch(id, dir + init));
            List<String> segments = Playback.uriLines(playlist);
            boolean audio = variant.contains("media_3");
            assertTrue(audio ? segments.size() <= 2 : segments.size() == 1, "4 s of media in 4 s segments: " + playlist);
            for (String segment : segments) {
                whole.write(Playback.fetch(id, dir + segment));
            }
            Path file = Files.createTempFile("rung", ".mp4");
            Files.write(file, whole.toByteArray());
            assertEquals("", Tools.decodeErrors("-i", file.toString()), variant);
            if (!audio) { // the audio rendition has no keyframes to compare
                JsonNode frames = Tools.ffprobe("-select_streams", "v", "-skip_frame", "nokey", "-show_entries",
                        "frame=pts_time", file.toString());
                List<String> times = new ArrayList<>();
                frames.path("frames").forEach(f -> times.add(f.path("pts_time").asText()));
                keyframes.add(times);
            }
            Files.delete(file);
        }
        assertEquals(3, keyframes.size());
        assertEquals(List.of("0.000000", "2.000000"), keyframes.get(0), "a closed GOP every 2 s");
        assertEquals(keyframes.get(0), keyframes.get(1));
        assertEquals(keyframes.get(0), keyframes.get(2));

        // the DASH manifest over the same segments opens in ffprobe too
        JsonNode dash = Tools.ffprobe("-headers", "Authorization: Bearer " + owner.token() + "\r\n", "-show_streams",
                Playback.base() + Playback.streamPath(id) + "manifest.mpd");
        long videos = 0;
        for (JsonNode s : dash.path("streams")) {
            videos += s.path("codec_type").asText().equals("video") ? 1 : 0;
        }
        assertEquals(3, videos, dash.toString());

        // media.ready on vtp.media, valid by its schema, after transcode.started
        List<TopicReader.Event> events;
        try (TopicReader reader = new TopicReader("vtp.media")) {
            events = reader.readUntil(all -> all.stream().anyMatch(e -> e.key().equals(id.toString())
                    && e.header("ce_type").equals("vtp.media.ready.v1")), Duration.ofSeconds(30));
        }
        List<TopicReader.Event> mine = events.stream().filter(e -> e.key().equals(id.toString())).toList();
        assertEquals("vtp.media.transcode_started.v1", mine.get(0).header("ce_type"));
        for (TopicReader.Event e : mine) {
            assertEquals(List.of(), validator.validate(e.header("ce_type"), e.value()), e.value());
        }
        JsonNode ready = json.readTree(mine.stream().filter(e -> e.header("ce_type").equals("vtp.media.ready.v1"))
                .findFirst().orElseThrow().value());
        assertEquals(job.toString(), ready.path("job_id").asText());
        assertEquals(3, ready.path("renditions").size());
        assertEquals("720p", ready.path("renditions").get(2).path("name").asText());
        assertEquals("renditions/" + id + "/" + job + "/master.m3u8", ready.path("master_playlist_path").asText());
    }
}
