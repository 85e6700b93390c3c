package io.vtp.streaming.rest.dto;

import java.util.List;

/** {@code POST transcode/quality}: the rungs of a custom ladder, e.g. {@code {"rungs":[{"height":360,"bitrate_kbps":400}]}}. */
public record QualityRequest(List<RungBody> rungs) {
}
