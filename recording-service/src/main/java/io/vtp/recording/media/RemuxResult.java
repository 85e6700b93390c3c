package io.vtp.recording.media;

import io.vtp.media.ffmpeg.MediaInfo;

/**
 * A remuxed file: well formed, with a duration and a seek index.
 *
 * @param file the written file, {@code media.<extension>} in the output folder
 * @param extension {@code webm}, {@code mp4}, {@code m4a} or {@code mkv}
 * @param mimeType e.g. {@code video/webm}, {@code audio/webm}, {@code video/mp4}, {@code audio/mp4},
 *     {@code video/x-matroska}, {@code audio/x-matroska}
 * @param info what the written file holds, as probed after writing it
 */
public record RemuxResult(java.nio.file.Path file, String extension, String mimeType, MediaInfo info) {
}
