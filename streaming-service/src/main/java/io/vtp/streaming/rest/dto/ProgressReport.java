package io.vtp.streaming.rest.dto;

/**
 * {@code POST progress}: where the player is and what happened. {@code event} is play, pause,
 * seek (position is where it jumped to), heartbeat (every 10-30 s while playing) or ended.
 */
public record ProgressReport(Double positionSeconds, String event, String rendition, Double bandwidthKbps,
                             Double bufferSeconds, Integer stalls, Double playbackRate, String sessionId) {
}
