package io.vtp.course.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vtp.course.domain.Capability;
import io.vtp.course.domain.Course;
import io.vtp.course.domain.CourseMember;
import io.vtp.course.domain.CourseRole;
import io.vtp.course.domain.CourseStatus;
import io.vtp.course.domain.EnrollmentMode;
import io.vtp.course.messaging.CourseEvents;
import io.vtp.course.repository.CourseRecordingRepository;
import io.vtp.course.repository.CourseRepository;
import io.vtp.course.repository.MemberRepository;
import io.vtp.kit.persistence.PgErrors;
import io.vtp.kit.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/** Courses: creation, the list, one course, changes, deletion, "my courses" and statistics. */
@ApplicationScoped
public class CourseService {

    static final String CODE_CONSTRAINT = "courses_code_lower_key";

    private final CourseRepository courses;
    private final MemberRepository members;
    private final CourseRecordingRepository recordings;
    private final AccessGuard guard;
    private final CourseEvents events;
    private final CourseReads reads;
    private final Clock clock;

    public CourseService(CourseRepository courses, MemberRepository members, CourseRecordingRepository recordings,
                         AccessGuard guard, CourseEvents events, CourseReads reads, Clock clock) {
        this.courses = courses;
        this.members = members;
        this.recordings = recordings;
        this.guard = guard;
        this.events = events;
        this.reads = reads;
        this.clock = clock;
    }

    /** Instructors and administrators create courses; the creator becomes the owner. */
    public Uni<CourseDetail> create(Actor actor, CourseChanges fields) {
        if (!actor.isInstructor() && !actor.isAdmin()) {
            return Uni.createFrom().failure(ApiException.forbidden("only instructors and administrators create courses"));
        }
        Instant now = Instant.now(clock);
        Course course = new Course();
        course.id = UUID.randomUUID();
        course.code = fields.code();
        course.name = fields.name();
        course.description = fields.description();
        course.department = fields.department();
        course.semester = fields.semester();
        course.year = fields.year();
        course.maxStudents = fields.maxStudents();
        course.status = Objects.requireNonNullElse(fields.status(), CourseStatus.DRAFT);
        course.enrollmentMode = Objects.requireNonNullElse(fields.enrollmentMode(), EnrollmentMode.OPEN);
        course.ownerId = actor.id();
        course.createdAt = now;
        course.updatedAt = now;
        CourseMember owner = CourseMember.of(course.id, actor.id(), CourseRole.OWNER, null, now);
        return inTransactionCheckingCode(() -> courses.persist(course)
                .chain(() -> members.persist(owner))
                .chain(() -> Panache.flush())
                .chain(() -> events.created(course))
                .chain(() -> events.permissionGranted(course.id, actor.id(), CourseRole.OWNER, null, now))
                .replaceWith(new CourseDetail(new CourseAccess(course, CourseRole.OWNER, actor.isAdmin()), 0, 0)))
                .eventually(() -> reads.courseChanged(course.id, List.of(actor.id())));
    }

    @WithSession
    public Uni<Page<Course>> list(Actor actor, CourseQuery query, int limit, int offset) {
        return courses.search(query, limit, offset)
                .chain(page -> Page.of(page, offset, limit, () -> courses.count(query)));
    }

    @WithSession
    public Uni<CourseDetail> get(Actor actor, UUID courseId) {
        return guard.load(actor, courseId, false).chain(this::detail);
    }

    /** PUT and PATCH: staff with {@code course:edit}. */
    public Uni<CourseDetail> update(Actor actor, UUID courseId, CourseChanges changes) {
        return inTransactionCheckingCode(() -> guard.load(actor, courseId, true).chain(access -> {
            access.require(Capability.EDIT_COURSE);
            Course course = access.course();
            Integer maxStudents = changes.replace() ? changes.maxStudents()
                    : Objects.requireNonNullElse(changes.maxStudents(), course.maxStudents);
            if (maxStudents != null && maxStudents < course.enrolledCount) {
                throw new ApiException(CourseProblems.CAPACITY_BELOW_ENROLLED, "the course has " + course.enrolledCount
                        + " students enrolled; max_students cannot be lower");
            }
            course.code = Objects.requireNonNullElse(changes.code(), course.code);
            course.name = Objects.requireNonNullElse(changes.name(), course.name);
            course.description = pick(changes.replace(), changes.description(), course.description);
            course.department = pick(changes.replace(), changes.department(), course.department);
            course.semester = pick(changes.replace(), changes.semester(), course.semester);
            course.year = pick(changes.replace(), changes.year(), course.year);
            course.maxStudents = maxStudents;
            course.status = Objects.requireNonNullElse(changes.status(), course.status);
            course.enrollmentMode = Objects.requireNonNullElse(changes.enrollmentMode(), course.enrollmentMode);
            course.updatedAt = Instant.now(clock);
            return Panache.flush()
                    .chain(() -> events.updated(course, course.updatedAt))
                    .chain(() -> detail(access));
        })).eventually(() -> reads.courseChanged(courseId, List.of()));
    }

    /**
     * Deletes the course with its enrolments, recording links and permissions (one
     * {@code course.deleted} event says so to every consumer). To keep a course but close it, set
     * its status to archived instead.
     */
    public Uni<Void> delete(Actor actor, UUID courseId) {
        return Panache.withTransaction(() -> guard.load(actor, courseId, true).chain(access -> {
            access.require(Capability.DELETE_COURSE);
            return courses.delete(access.course())
                    .chain(() -> events.deleted(courseId, actor.id(), Instant.now(clock)));
        })).eventually(() -> reads.courseChanged(courseId, List.of()));
    }

    /** The caller's courses ({@code fresh}: past the read cache, see {@link CourseReads}). */
    public Uni<Page<Membership>> mine(Actor actor, int limit, int offset, boolean fresh) {
        return reads.mine(actor.id(), limit, offset, fresh);
    }

    @WithSession
    public Uni<CourseStats> stats(Actor actor, UUID courseId) {
        return guard.load(actor, courseId, false).chain(access -> {
            access.require(Capability.VIEW_STATS);
            Course course = access.course();
            return members.countByRole(courseId).chain(roles -> members.countActiveStudents(courseId)
                    .chain(active -> recordings.countOf(courseId).chain(total -> recordings.countPublishedOf(courseId)
                            .map(published -> new CourseStats(course, course.enrolledCount, active,
                                    roles.getOrDefault(CourseRole.OWNER, 0L) + roles.getOrDefault(CourseRole.INSTRUCTOR, 0L)
                                            + roles.getOrDefault(CourseRole.TA, 0L),
                                    roles.getOrDefault(CourseRole.VIEWER, 0L), total, published)))));
        });
    }

    private Uni<CourseDetail> detail(CourseAccess access) {
        UUID id = access.course().id;
        return recordings.countOf(id).chain(total -> recordings.countPublishedOf(id)
                .map(published -> new CourseDetail(access, total, published)));
    }

    private <T> Uni<T> inTransactionCheckingCode(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work)
                .onFailure(e -> PgErrors.isUniqueViolation(e, CODE_CONSTRAINT))
                .transform(e -> new ApiException(CourseProblems.CODE_TAKEN, "another course already uses this code"));
    }

    private static <T> T pick(boolean replace, T given, T current) {
        return replace || given != null ? given : current;
    }
}
