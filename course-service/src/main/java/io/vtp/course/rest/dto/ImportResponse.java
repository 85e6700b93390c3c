package io.vtp.course.rest.dto;

import io.vtp.course.service.ImportOutcome;
import io.vtp.course.service.ImportResult;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The answer to a roster import: one result per address line, and counts per outcome. */
public record ImportResponse(UUID courseId, List<Result> results, Map<String, Integer> summary) {

    public record Result(int line, String email, String outcome, UUID userId) {
    }

    public static ImportResponse of(ImportResult result) {
        Map<String, Integer> summary = new LinkedHashMap<>();
        Arrays.stream(ImportOutcome.values()).forEach(o -> summary.put(o.value(), 0));
        result.lines().forEach(l -> summary.merge(l.outcome().value(), 1, Integer::sum));
        return new ImportResponse(result.courseId(), result.lines().stream()
                .map(l -> new Result(l.line(), l.email(), l.outcome().value(), l.userId())).toList(), summary);
    }
}
