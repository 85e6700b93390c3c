package io.vtp.course.service;

import io.smallrye.mutiny.Uni;
import io.vtp.course.domain.CourseRecording;
import io.vtp.course.domain.KnownRecording;
import io.vtp.course.domain.KnownUser;
import io.vtp.course.messaging.CourseEvents;
import io.vtp.course.repository.CourseRecordingRepository;
import io.vtp.course.repository.KnownRecordingRepository;
import io.vtp.course.repository.KnownUserRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps course-service's views of other services' data from their events: users (names, e-mails,
 * deactivation) and recordings (existence, owner, deletion, ABR ladder ready). Runs inside the
 * inbox's transaction; tolerant of repeats and of events arriving out of order.
 */
@ApplicationScoped
public class Projections {

    /** What a user event says about the user; null fields are not in that event. */
    public record UserFacts(UUID userId, String email, String fullName, String role, Boolean active, Instant at) {
    }

    /** What a recording event says; null fields are not in that event. */
    public record RecordingFacts(UUID recordingId, UUID ownerId, String title, String status, Double durationSeconds,
                                 Instant at) {
    }

    private final KnownUserRepository users;
    private final KnownRecordingRepository recordings;
    private final CourseRecordingRepository links;
    private final CourseEvents events;
    private final Clock clock;

    public Projections(KnownUserRepository users, KnownRecordingRepository recordings, CourseRecordingRepository links,
                       CourseEvents events, Clock clock) {
        this.users = users;
        this.recordings = recordings;
        this.links = links;
        this.events = events;
        this.clock = clock;
    }

    /** Applies a user event unless the projection already reflects a later one. */
    public Uni<Void> user(UserFacts facts) {
        return users.findById(facts.userId()).chain(user -> {
            if (user != null && user.changedAt.isAfter(facts.at())) {
                return Uni.createFrom().voidItem();
            }
            KnownUser target = user != null ? user : new KnownUser();
            target.email = facts.email() != null ? facts.email() : target.email;
            target.fullName = facts.fullName() != null ? facts.fullName() : target.fullName;
            target.role = facts.role() != null ? facts.role() : target.role;
            target.active = facts.active() != null ? facts.active() : (user == null || user.active);
            target.changedAt = facts.at();
            if (user != null) {
                return Uni.createFrom().voidItem();
            }
            target.id = facts.userId();
            return users.persist(target).replaceWithVoid();
        });
    }

    /**
     * Applies a recording event. Deletion is final: later events never bring a recording back, and
     * a deleted recording leaves every course it was part of.
     */
    public Uni<Void> recording(RecordingFacts facts) {
        return recordings.findForUpdate(facts.recordingId()).chain(existing -> {
            KnownRecording r = existing != null ? existing : newRecording(facts.recordingId(), facts.at());
            if (KnownRecording.DELETED.equals(r.status)) {
                return Uni.createFrom().voidItem();
            }
            r.ownerId = facts.ownerId() != null ? facts.ownerId() : r.ownerId;
            r.title = facts.title() != null ? facts.title() : r.title;
            r.durationSeconds = facts.durationSeconds() != null ? facts.durationSeconds() : r.durationSeconds;
            if (KnownRecording.DELETED.equals(facts.status())
                    || !r.changedAt.isAfter(facts.at()) || KnownRecording.UNKNOWN.equals(r.status)) {
                r.status = facts.status();
                r.changedAt = facts.at().isAfter(r.changedAt) ? facts.at() : r.changedAt;
            }
            Uni<Void> saved = existing != null ? Uni.createFrom().voidItem() : recordings.persist(r).replaceWithVoid();
            return KnownRecording.DELETED.equals(r.status) ? saved.chain(() -> leaveCourses(r.id)) : saved;
        });
    }

    /** The recording's ABR ladder is published: it may now be published in courses. */
    public Uni<Void> mediaReady(UUID recordingId, Double durationSeconds, Instant at) {
        return recordings.findForUpdate(recordingId).chain(existing -> {
            KnownRecording r = existing != null ? existing : newRecording(recordingId, at);
            r.mediaReady = true;
            if (r.durationSeconds == null) {
                r.durationSeconds = durationSeconds;
            }
            return existing != null ? Uni.createFrom().voidItem() : recordings.persist(r).replaceWithVoid();
        });
    }

    private Uni<Void> leaveCourses(UUID recordingId) {
        Instant now = Instant.now(clock);
        return links.ofRecording(recordingId).chain(list -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (CourseRecording link : List.copyOf(list)) {
                chain = chain.chain(() -> links.delete(link)).chain(() -> events.recordingRemoved(link, null, now));
            }
            return chain;
        });
    }

    private static KnownRecording newRecording(UUID id, Instant at) {
        KnownRecording r = new KnownRecording();
        r.id = id;
        r.status = KnownRecording.UNKNOWN;
        r.changedAt = at;
        return r;
    }
}
