package io.vtp.course.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vtp.course.domain.Capability;
import io.vtp.course.domain.Course;
import io.vtp.course.domain.CourseMember;
import io.vtp.course.domain.CourseRole;
import io.vtp.course.messaging.CourseEvents;
import io.vtp.course.repository.KnownUserRepository;
import io.vtp.course.repository.MemberRepository;
import io.vtp.kit.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Course roles. Staff and viewer roles travel as permission events, the student role as
 * enrolment events (a student takes a seat); changing between them emits both sides. A course
 * always keeps at least one owner.
 */
@ApplicationScoped
public class PermissionService {

    private final AccessGuard guard;
    private final MemberRepository members;
    private final KnownUserRepository users;
    private final EnrollmentService enrollments;
    private final CourseEvents events;
    private final CourseReads reads;
    private final Clock clock;

    public PermissionService(AccessGuard guard, MemberRepository members, KnownUserRepository users,
                             EnrollmentService enrollments, CourseEvents events, CourseReads reads, Clock clock) {
        this.guard = guard;
        this.members = members;
        this.users = users;
        this.enrollments = enrollments;
        this.events = events;
        this.reads = reads;
        this.clock = clock;
    }

    /** Gives a user a role in the course, replacing the one they had (owners and administrators). */
    public Uni<Permission> set(Actor actor, UUID courseId, UUID userId, CourseRole role) {
        return Panache.withTransaction(() -> guard.load(actor, courseId, true).chain(access -> {
            access.require(Capability.MANAGE_PERMISSIONS);
            Course course = access.course();
            return users.findById(userId).chain(user -> {
                if (user == null || !user.active) {
                    throw new ApiException(CourseProblems.UNKNOWN_USER, "no active user with id " + userId + " is known");
                }
                return members.find(courseId, userId);
            }).chain(existing -> change(actor, course, userId, existing, role))
                    .map(ignored -> permission(courseId, userId, role, false));
        })).eventually(() -> reads.courseChanged(courseId, List.of(userId)));
    }

    /** Takes the user's role away (owners and administrators); a student is unenrolled. */
    public Uni<Void> remove(Actor actor, UUID courseId, UUID userId) {
        return Panache.withTransaction(() -> guard.load(actor, courseId, true).chain(access -> {
            access.require(Capability.MANAGE_PERMISSIONS);
            Course course = access.course();
            return members.find(courseId, userId).chain(existing -> {
                if (existing == null) {
                    throw ApiException.notFound("user " + userId + " has no role in course " + courseId);
                }
                return leaveRole(actor, course, existing, null)
                        .chain(() -> existing.role == CourseRole.STUDENT ? Uni.createFrom().voidItem()
                                : members.delete(existing));
            });
        })).eventually(() -> reads.courseChanged(courseId, List.of(userId)));
    }

    /** The user's role and capabilities: the user themself, course staff who see the roster, administrators. */
    @WithSession
    public Uni<Permission> get(Actor actor, UUID courseId, UUID userId) {
        return guard.load(actor, courseId, false).chain(access -> {
            if (!actor.id().equals(userId)) {
                access.require(Capability.VIEW_ENROLLMENTS);
            }
            return members.find(courseId, userId).chain(member -> users.findById(userId).map(user -> permission(courseId,
                    userId, member == null ? null : member.role, user != null && "admin".equals(user.role))));
        });
    }

    private Uni<Void> change(Actor actor, Course course, UUID userId, CourseMember existing, CourseRole role) {
        Instant now = Instant.now(clock);
        if (existing == null) {
            if (role == CourseRole.STUDENT) {
                return enrollments.addStudent(course, userId, actor.id()).replaceWithVoid();
            }
            CourseMember member = CourseMember.of(course.id, userId, role, actor.id(), now);
            return members.persist(member).chain(() -> events.permissionGranted(course.id, userId, role, actor.id(), now));
        }
        if (existing.role == role) {
            return Uni.createFrom().voidItem();
        }
        if (role == CourseRole.STUDENT) {
            // staff or viewer -> student: the old role goes, the student takes a seat
            return leaveRole(actor, course, existing, role).chain(() -> members.delete(existing))
                    .chain(() -> Panache.flush())
                    .chain(() -> enrollments.addStudent(course, userId, actor.id())).replaceWithVoid();
        }
        Uni<Void> before = existing.role == CourseRole.STUDENT
                ? enrollments.unenroll(course, existing, actor.id()).chain(() -> Panache.flush()).replaceWithVoid()
                : leaveRole(actor, course, existing, role);
        return before.chain(() -> {
            if (existing.role == CourseRole.STUDENT) {
                CourseMember member = CourseMember.of(course.id, userId, role, actor.id(), now);
                return members.persist(member).replaceWithVoid();
            }
            existing.role = role;
            existing.addedBy = actor.id();
            existing.updatedAt = now;
            return Uni.createFrom().voidItem();
        }).chain(() -> events.permissionGranted(course.id, userId, role, actor.id(), now));
    }

    /**
     * The side effects of a member giving up their current role: the last-owner rule, a new primary
     * owner when needed, and the event. A student is unenrolled (and deleted) here; other members
     * are left for the caller to delete or change.
     */
    private Uni<Void> leaveRole(Actor actor, Course course, CourseMember existing, CourseRole next) {
        Instant now = Instant.now(clock);
        if (existing.role == CourseRole.STUDENT) {
            return enrollments.unenroll(course, existing, actor.id());
        }
        Uni<Void> ownerCheck = Uni.createFrom().voidItem();
        if (existing.role == CourseRole.OWNER) {
            ownerCheck = members.find("courseId = ?1 and role = ?2 and userId <> ?3 order by joinedAt, userId",
                            course.id, CourseRole.OWNER, existing.userId).firstResult()
                    .chain(other -> {
                        if (other == null) {
                            throw new ApiException(CourseProblems.LAST_OWNER,
                                    "the course's last owner cannot be removed or demoted; make someone else owner first");
                        }
                        if (!course.ownerId.equals(existing.userId)) {
                            return Uni.createFrom().voidItem();
                        }
                        course.ownerId = other.userId;
                        course.updatedAt = now;
                        return events.updated(course, now);
                    });
        }
        return ownerCheck.chain(() -> next == null || next == CourseRole.STUDENT
                ? events.permissionRevoked(course.id, existing.userId, existing.role, actor.id(), now)
                : Uni.createFrom().voidItem());
    }

    private static Permission permission(UUID courseId, UUID userId, CourseRole role, boolean admin) {
        return new Permission(courseId, userId, role, CourseAccess.capabilitiesOf(role, admin));
    }
}
