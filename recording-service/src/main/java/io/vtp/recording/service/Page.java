package io.vtp.recording.service;

import java.util.List;

/** One page of a list and the total it is part of. */
public record Page<T>(List<T> items, long total, int limit, int offset) {
}
