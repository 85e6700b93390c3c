package io.vtp.course.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vtp.course.domain.Capability;
import io.vtp.course.domain.CourseRecording;
import io.vtp.course.domain.KnownRecording;
import io.vtp.course.messaging.CourseEvents;
import io.vtp.course.repository.CourseRecordingRepository;
import io.vtp.course.repository.KnownRecordingRepository;
import io.vtp.course.repository.MemberRepository;
import io.vtp.kit.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The lectures of a course: recordings attached by its staff, visible to students once published.
 * Whether a recording exists, whose it is and whether its ABR ladder is ready come from the
 * recording and media events (the projection in {@code known_recordings}).
 */
@ApplicationScoped
public class CourseRecordingService {

    private final AccessGuard guard;
    private final CourseRecordingRepository links;
    private final KnownRecordingRepository recordings;
    private final MemberRepository members;
    private final CourseEvents events;
    private final Clock clock;

    public CourseRecordingService(AccessGuard guard, CourseRecordingRepository links, KnownRecordingRepository recordings,
                                  MemberRepository members, CourseEvents events, Clock clock) {
        this.guard = guard;
        this.links = links;
        this.recordings = recordings;
        this.members = members;
        this.events = events;
        this.clock = clock;
    }

    /** Staff with {@code recordings:manage}; the recording must be theirs or a course staff member's. */
    public Uni<Lecture> add(Actor actor, UUID courseId, LectureChanges lecture) {
        return Panache.withTransaction(() -> guard.load(actor, courseId, true).chain(access -> {
            access.require(Capability.MANAGE_RECORDINGS);
            return recordings.findById(lecture.recordingId()).chain(recording -> {
                if (recording == null || !recording.exists()) {
                    throw new ApiException(CourseProblems.UNKNOWN_RECORDING,
                            "no recording with id " + lecture.recordingId() + " is known");
                }
                return ownedByStaff(actor, courseId, recording)
                        .chain(() -> links.find(courseId, recording.id))
                        .chain(existing -> {
                            if (existing != null) {
                                throw ApiException.conflict("the recording is already part of this course");
                            }
                            return lecture.sequenceOrder() != null ? Uni.createFrom().item(lecture.sequenceOrder())
                                    : links.nextSequenceOrder(courseId);
                        })
                        .chain(order -> {
                            Instant now = Instant.now(clock);
                            CourseRecording link = new CourseRecording();
                            link.id = UUID.randomUUID();
                            link.courseId = courseId;
                            link.recordingId = recording.id;
                            link.lectureNumber = lecture.lectureNumber();
                            link.lectureTitle = lecture.lectureTitle();
                            link.sequenceOrder = order;
                            link.addedBy = actor.id();
                            link.addedAt = now;
                            link.updatedAt = now;
                            return links.persist(link).chain(() -> events.recordingAdded(link))
                                    .replaceWith(new Lecture(link, recording));
                        });
            });
        }));
    }

    /** Staff with {@code recordings:publish}; 409 while the recording's ABR ladder is not ready. */
    public Uni<Lecture> publish(Actor actor, UUID courseId, UUID recordingId) {
        return Panache.withTransaction(() -> guard.load(actor, courseId, true).chain(access -> {
            access.require(Capability.PUBLISH_RECORDINGS);
            return link(courseId, recordingId).chain(link -> recordings.findById(recordingId).chain(recording -> {
                if (link.published) {
                    return Uni.createFrom().item(new Lecture(link, recording));
                }
                if (recording == null || !recording.mediaReady) {
                    throw new ApiException(CourseProblems.MEDIA_NOT_READY,
                            "the recording's adaptive stream is not ready yet; publish it once it is");
                }
                Instant now = Instant.now(clock);
                link.published = true;
                link.publishedAt = now;
                link.updatedAt = now;
                return events.recordingPublished(link, actor.id()).replaceWith(new Lecture(link, recording));
            }));
        }));
    }

    /** Staff with {@code recordings:publish}: students no longer see the recording. */
    public Uni<Lecture> unpublish(Actor actor, UUID courseId, UUID recordingId) {
        return Panache.withTransaction(() -> guard.load(actor, courseId, true).chain(access -> {
            access.require(Capability.PUBLISH_RECORDINGS);
            return link(courseId, recordingId).chain(link -> recordings.findById(recordingId).chain(recording -> {
                if (!link.published) {
                    return Uni.createFrom().item(new Lecture(link, recording));
                }
                Instant now = Instant.now(clock);
                link.published = false;
                link.publishedAt = null;
                link.updatedAt = now;
                return events.recordingUnpublished(link, actor.id(), now).replaceWith(new Lecture(link, recording));
            }));
        }));
    }

    /** Staff see every lecture, students and viewers the published ones, in sequence order. */
    @WithSession
    public Uni<List<Lecture>> list(Actor actor, UUID courseId) {
        return guard.load(actor, courseId, false).chain(access -> {
            boolean all = access.can(Capability.VIEW_ALL_RECORDINGS);
            if (!all) {
                access.require(Capability.VIEW_PUBLISHED_RECORDINGS);
            }
            return links.ofCourse(courseId, !all).chain(list -> {
                List<UUID> ids = list.stream().map(l -> l.recordingId).toList();
                Uni<List<KnownRecording>> known = ids.isEmpty() ? Uni.createFrom().item(List.of())
                        : recordings.list("id in ?1", ids);
                return known.map(found -> {
                    Map<UUID, KnownRecording> byId = found.stream()
                            .collect(Collectors.toMap(r -> r.id, Function.identity()));
                    return list.stream().map(l -> new Lecture(l, byId.get(l.recordingId))).toList();
                });
            });
        });
    }

    private Uni<CourseRecording> link(UUID courseId, UUID recordingId) {
        return links.find(courseId, recordingId).map(link -> {
            if (link == null) {
                throw ApiException.notFound("recording " + recordingId + " is not part of course " + courseId);
            }
            return link;
        });
    }

    private Uni<Void> ownedByStaff(Actor actor, UUID courseId, KnownRecording recording) {
        if (actor.isAdmin() || actor.id().equals(recording.ownerId)) {
            return Uni.createFrom().voidItem();
        }
        return members.find(courseId, recording.ownerId).invoke(owner -> {
            if (owner == null || !owner.role.isStaff()) {
                throw new ApiException(CourseProblems.RECORDING_NOT_YOURS,
                        "only recordings of the course's staff can be added to it");
            }
        }).replaceWithVoid();
    }
}
