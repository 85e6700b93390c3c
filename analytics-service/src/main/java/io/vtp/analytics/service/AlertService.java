package io.vtp.analytics.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vtp.analytics.domain.Metrics.Reason;
import io.vtp.analytics.domain.Metrics.StudentInCourse;
import io.vtp.analytics.messaging.AlertEvents;
import io.vtp.analytics.repository.CourseRollups;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * At-risk alerts: evaluates a course's students with the documented rules and, in one transaction
 * holding the course's advisory lock, records each change of a student's at-risk state and appends
 * its event (raised or cleared, same alert id). A recomputation that changes nothing publishes
 * nothing; two instances evaluating the same course serialise on the lock and compare against the
 * state the other committed.
 */
@ApplicationScoped
public class AlertService {

    /** The outcome of one evaluation: alerts raised and cleared, or {@code skipped} when another instance held the course. */
    public record Outcome(int raised, int cleared, boolean skipped) {
    }

    private record State(boolean atRisk, UUID alertId) {
    }

    private final CourseRollups courses;
    private final CourseMetrics metrics;
    private final AlertEvents events;
    private final Clock clock;

    public AlertService(CourseRollups courses, CourseMetrics metrics, AlertEvents events, Clock clock) {
        this.courses = courses;
        this.metrics = metrics;
        this.events = events;
        this.clock = clock;
    }

    /** Evaluates one course; call on a context safe for Hibernate Reactive. */
    public Uni<Outcome> evaluate(UUID courseId) {
        Instant now = Instant.now(clock);
        return courses.snapshot(courseId, now).map(metrics::students)
                .chain(students -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("select pg_try_advisory_xact_lock(hashtextextended(:course, 0))", Boolean.class)
                        .setParameter("course", "vtp.analytics.alerts/" + courseId).getSingleResult()
                        .chain(locked -> locked ? apply(session, courseId, students, now)
                                : Uni.createFrom().item(new Outcome(0, 0, true))))));
    }

    private Uni<Outcome> apply(Mutiny.Session session, UUID courseId, List<StudentInCourse> students, Instant now) {
        return session.createNativeQuery("select user_id, at_risk, alert_id from risk_alerts where course_id = :c", Object[].class)
                .setParameter("c", courseId).getResultList()
                .chain(rows -> {
                    Map<UUID, State> states = new HashMap<>();
                    for (Object[] row : rows) {
                        states.put((UUID) row[0], new State((Boolean) row[1], (UUID) row[2]));
                    }
                    int[] counts = new int[2];
                    return Multi.createFrom().iterable(students)
                            .onItem().transformToUniAndConcatenate(s -> change(session, courseId, s, states.get(s.userId()), now,
                                    counts))
                            .collect().last()
                            .map(ignored -> new Outcome(counts[0], counts[1], false));
                });
    }

    private Uni<Void> change(Mutiny.Session session, UUID courseId, StudentInCourse s, State state, Instant now, int[] counts) {
        boolean atRisk = s.risk().atRisk();
        boolean was = state != null && state.atRisk();
        if (atRisk == was) {
            return Uni.createFrom().voidItem();
        }
        List<String> rules = s.risk().reasons().stream().map(Reason::rule).toList();
        List<String> explanations = s.risk().reasons().stream().map(Reason::message).toList();
        double score = s.engagement().score();
        UUID alertId = atRisk ? UUID.randomUUID() : state.alertId();
        Uni<Integer> stored = session.createNativeQuery("""
                        insert into risk_alerts (course_id, user_id, alert_id, at_risk, rule_ids, reasons, score, changed_at)
                        values (:c, :u, :a, :r, :rules, cast(:reasons as jsonb), :score, :at)
                        on conflict (course_id, user_id) do update set alert_id = excluded.alert_id, at_risk = excluded.at_risk,
                            rule_ids = excluded.rule_ids, reasons = excluded.reasons, score = excluded.score,
                            changed_at = excluded.changed_at""")
                .setParameter("c", courseId).setParameter("u", s.userId()).setParameter("a", alertId)
                .setParameter("r", atRisk).setParameter("rules", String.join(",", rules))
                .setParameter("reasons", io.vtp.kit.json.EventJson.mapper().valueToTree(s.risk().reasons()).toString())
                .setParameter("score", score).setParameter("at", now)
                .executeUpdate();
        if (atRisk) {
            counts[0]++;
            return stored.chain(() -> events.raised(alertId, courseId, s.userId(), score, rules, explanations,
                    now.minus(Duration.ofDays(28)), now));
        }
        counts[1]++;
        return stored.chain(() -> events.cleared(alertId, courseId, s.userId(), score, String.format(Locale.ROOT,
                "No at-risk rule applies any more: engagement score %.1f, completed %d of %d published lectures.",
                score, s.lecturesCompleted(), s.publishedLectures()), now));
    }
}
