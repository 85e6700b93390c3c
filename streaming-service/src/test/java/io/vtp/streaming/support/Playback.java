package io.vtp.streaming.support;

import io.restassured.RestAssured;
import io.vtp.testsupport.Person;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** What a player does: fetch the master with the access token, then everything else by the URIs it is given. */
public final class Playback {

    private Playback() {
    }

    public static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    public static String streamPath(UUID id) {
        return "/api/v1/recordings/" + id + "/stream/";
    }

    public static String master(Person viewer, UUID id) {
        return viewer.auth().get(streamPath(id) + "master.m3u8").then().statusCode(200)
                .contentType("application/vnd.apple.mpegurl").extract().asString();
    }

    /** The URI lines of a playlist (not tags), in order. */
    public static List<String> uriLines(String playlist) {
        return playlist.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    /** The value of {@code attribute} in every line starting with {@code tag}. */
    public static List<String> attributes(String playlist, String tag, String attribute) {
        List<String> values = new ArrayList<>();
        for (String line : playlist.lines().filter(l -> l.startsWith(tag)).toList()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("[:,]" + attribute + "=(\"[^\"]*\"|[^,]*)").matcher(line);
            if (m.find()) {
                values.add(m.group(1).replace("\"", ""));
            }
        }
        return values;
    }

    /** GETs a URI relative to the stream directory (as a player resolves it), without any Authorization header. */
    public static byte[] fetch(UUID id, String relative) {
        return given().urlEncodingEnabled(false).get(streamPath(id) + relative).then().statusCode(200).extract().asByteArray();
    }

    public static String fetchText(UUID id, String relative) {
        return new String(fetch(id, relative), java.nio.charset.StandardCharsets.UTF_8);
    }
}
