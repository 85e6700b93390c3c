package io.vtp.analytics.messaging;

import io.smallrye.mutiny.Uni;
import io.vtp.events.EventType;
import io.vtp.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The events of topic {@code vtp.analytics.alerts} (schemas in event-contracts), appended to the
 * outbox in the transaction that changes a student's at-risk state; keyed by course id.
 */
@ApplicationScoped
public class AlertEvents {

    record AtRisk(UUID alertId, UUID courseId, UUID userId, double score, List<String> ruleIds, List<String> explanations,
                  Instant windowStart, Instant windowEnd, Instant flaggedAt) {
    }

    record Cleared(UUID alertId, UUID courseId, UUID userId, double score, String reason, Instant clearedAt) {
    }

    private final Outbox outbox;

    public AlertEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> raised(UUID alertId, UUID courseId, UUID userId, double score, List<String> ruleIds,
                            List<String> explanations, Instant windowStart, Instant at) {
        return outbox.append(EventType.ANALYTICS_STUDENT_AT_RISK, courseId.toString(),
                new AtRisk(alertId, courseId, userId, score, ruleIds, explanations, windowStart, at, at), at).replaceWithVoid();
    }

    public Uni<Void> cleared(UUID alertId, UUID courseId, UUID userId, double score, String reason, Instant at) {
        return outbox.append(EventType.ANALYTICS_STUDENT_AT_RISK_CLEARED, courseId.toString(),
                new Cleared(alertId, courseId, userId, score, reason, at), at).replaceWithVoid();
    }
}
