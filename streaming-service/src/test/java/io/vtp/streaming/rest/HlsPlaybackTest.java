package io.vtp.streaming.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.vtp.streaming.support.Clips;
import io.vtp.streaming.support.Playback;
import io.vtp.streaming.support.Recordings;
import io.vtp.testsupport.NodeScripts;
import io.vtp.testsupport.Person;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The player web frontends use: hls.js in headless Chromium, on a page of another origin, given
 * the master playlist URL and the access token, plays the ladder and switches to its top rung.
 */
@QuarkusTest
class HlsPlaybackTest {

    private static final NodeScripts SCRIPTS = new NodeScripts("hls.js", "hls-play.mjs");

    @Test
    void hlsJsPlaysTheLadderInChromiumAndClimbsToTheTopRung() throws Exception {
        Person owner = Person.instructor();
        UUID id = Recordings.completed(owner, null, Clips.motion720());
        Recordings.awaitReady(id);
        JsonNode played = SCRIPTS.runJson(Duration.ofMinutes(2), "hls-play.mjs",
                Playback.base() + Playback.streamPath(id) + "master.m3u8", owner.token());
        assertTrue(played.path("ok").asBoolean(), played.toString());
        assertEquals(3, played.path("levels").size(), played.toString());
        assertEquals(720, played.path("levels").get(2).path("height").asInt());
        assertTrue(played.path("playedSeconds").asDouble() >= 2.5, played.toString());
        assertTrue(played.path("decodedFrames").asInt() > 30, played.toString());
        assertTrue(played.path("topFragments").asInt() > 0, played.toString());
        // hls.js reports recoverable hiccups (e.g. bufferAppendNoProgress at the very end of a 4 s clip); none may be fatal
        played.path("errors").forEach(e -> assertTrue(!e.asText().contains("fatal"), played.toString()));
        // the access token went with the master playlist only; playback tokens carried the rest
        assertEquals(1, played.path("requestsWithAuthorization").asInt(), played.toString());
    }
}
