package io.vtp.streaming.rest.dto;

/** One requested rung: {@code {"height": 720, "bitrate_kbps": 2000}}. */
public record RungBody(Integer height, Integer bitrateKbps) {
}
