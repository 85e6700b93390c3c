package io.vtp.course.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vtp.course.config.CourseConfig;
import io.vtp.course.domain.Capability;
import io.vtp.course.domain.Course;
import io.vtp.course.domain.CourseMember;
import io.vtp.course.domain.CourseRole;
import io.vtp.course.domain.CourseStatus;
import io.vtp.course.domain.KnownUser;
import io.vtp.course.messaging.CourseEvents;
import io.vtp.course.repository.KnownUserRepository;
import io.vtp.course.repository.MemberRepository;
import io.vtp.kit.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Enrolment: students joining, staff adding and removing them, join codes, roster import and the
 * roster. Every change locks the course row first, so the capacity check and the count it guards
 * are never raced (and the table's check constraint would refuse an over-full course anyway).
 */
@ApplicationScoped
public class EnrollmentService {

    private static final String JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}$");

    private final AccessGuard guard;
    private final MemberRepository members;
    private final KnownUserRepository users;
    private final CourseEvents events;
    private final CourseConfig config;
    private final CourseReads reads;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public EnrollmentService(AccessGuard guard, MemberRepository members, KnownUserRepository users,
                             CourseEvents events, CourseConfig config, CourseReads reads, Clock clock) {
        this.guard = guard;
        this.members = members;
        this.users = users;
        this.events = events;
        this.config = config;
        this.reads = reads;
        this.clock = clock;
    }

    /**
     * Enrols the caller ({@code studentId} empty or their own id) or, for staff with
     * {@code enrollments:manage}, another user. Enrolling an enrolled student again answers the
     * existing enrolment.
     */
    public Uni<Enrolled> enroll(Actor actor, UUID courseId, Optional<UUID> studentId, Optional<String> joinCode) {
        boolean self = studentId.isEmpty() || studentId.get().equals(actor.id());
        if (self) {
            // Refusals first, from an unlocked read: a full or closed course answers without
            // queueing for the row lock. The locked transaction checks everything again.
            return Panache.withSession(() -> guard.load(actor, courseId, false)
                            .invoke(access -> checkSelfEnrolment(actor, access, joinCode)))
                    .chain(() -> Panache.withTransaction(() -> guard.load(actor, courseId, true).chain(access -> {
                        checkSelfEnrolment(actor, access, joinCode);
                        return enrollSelf(actor, access);
                    })))
                    .eventually(() -> reads.courseChanged(courseId, List.of(actor.id())));
        }
        return Panache.withTransaction(() -> guard.load(actor, courseId, true).chain(access -> {
            Course course = access.course();
            access.require(Capability.MANAGE_ENROLLMENTS);
            return users.findById(studentId.get()).chain(user -> {
                if (user == null) {
                    throw new ApiException(CourseProblems.UNKNOWN_USER, "no user with id " + studentId.get() + " is known");
                }
                if (!user.active) {
                    throw new ApiException(CourseProblems.UNKNOWN_USER, "the account of user " + user.id + " is deactivated");
                }
                return enrollUser(course, user.id, actor.id());
            });
        })).eventually(() -> reads.courseChanged(courseId, List.of(studentId.get())));
    }

    /** Removes a student: staff with {@code enrollments:manage}, or the student themself. */
    public Uni<Void> remove(Actor actor, UUID courseId, UUID studentId) {
        boolean self = studentId.equals(actor.id());
        return Panache.withTransaction(() -> guard.load(actor, courseId, true).chain(access -> {
            if (!self) {
                access.require(Capability.MANAGE_ENROLLMENTS);
            }
            return members.find(courseId, studentId).chain(member -> {
                if (member == null || member.role != CourseRole.STUDENT) {
                    throw ApiException.notFound("user " + studentId + " is not enrolled in course " + courseId);
                }
                return unenroll(access.course(), member, self ? null : actor.id());
            });
        })).eventually(() -> reads.courseChanged(courseId, List.of(studentId)));
    }

    /** Creates or replaces the course's join code (staff with {@code enrollments:manage}). */
    public Uni<JoinCode> rotateJoinCode(Actor actor, UUID courseId, Optional<Instant> expiresAt) {
        Instant now = Instant.now(clock);
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
            return Uni.createFrom().failure(ApiException.invalidField("expires_at", "must be in the future"));
        }
        if (expiresAt.isPresent() && expiresAt.get().isAfter(now.plus(Duration.ofDays(400)))) {
            return Uni.createFrom().failure(ApiException.invalidField("expires_at", "must be within 400 days"));
        }
        return Panache.withTransaction(() -> guard.load(actor, courseId, true).map(access -> {
            access.require(Capability.MANAGE_ENROLLMENTS);
            Course course = access.course();
            course.joinCode = newJoinCode();
            course.joinCodeExpiresAt = expiresAt.orElse(null);
            course.updatedAt = now;
            return new JoinCode(courseId, course.joinCode, course.joinCodeExpiresAt);
        })).eventually(() -> reads.courseChanged(courseId, List.of()));
    }

    /**
     * Enrols the users with these addresses (staff with {@code enrollments:manage}), in file order
     * while seats last. Unknown addresses are reported, never turned into accounts.
     */
    public Uni<ImportResult> importRoster(Actor actor, UUID courseId, List<RosterLine> rows) {
        if (rows.size() > config.importMaxLines()) {
            return Uni.createFrom().failure(ApiException.invalidField("body",
                    "at most " + config.importMaxLines() + " lines per import"));
        }
        Set<String> wanted = new HashSet<>();
        rows.forEach(r -> wanted.add(r.email().toLowerCase(Locale.ROOT)));
        return Panache.withTransaction(() -> guard.load(actor, courseId, true).chain(access -> {
            access.require(Capability.MANAGE_ENROLLMENTS);
            return users.findByEmails(wanted).chain(found -> {
                Map<String, KnownUser> byEmail = new HashMap<>();
                found.forEach(u -> byEmail.merge(u.email.toLowerCase(Locale.ROOT), u,
                        (a, b) -> a.active ? a : b));
                return members.findAll(courseId, found.stream().map(u -> u.id).toList())
                        .chain(existing -> applyImport(actor, access.course(), rows, byEmail, existing));
            });
        })).eventually(() -> reads.courseChanged(courseId));
    }

    /** A page of the roster (staff with {@code enrollments:view}); {@code fresh}: past the read cache. */
    public Uni<Page<RosterEntry>> roster(Actor actor, UUID courseId, Optional<String> text, int limit, int offset,
                                         boolean fresh) {
        return guard.loadForReading(actor, courseId, fresh).chain(access -> {
            access.require(Capability.VIEW_ENROLLMENTS);
            return reads.roster(courseId, text, limit, offset, fresh);
        });
    }

    private Uni<ImportResult> applyImport(Actor actor, Course course, List<RosterLine> rows,
                                          Map<String, KnownUser> byEmail, List<CourseMember> existing) {
        Map<UUID, CourseMember> memberOf = new HashMap<>();
        existing.forEach(m -> memberOf.put(m.userId, m));
        Set<String> seen = new HashSet<>();
        List<ImportResult.Line> lines = new ArrayList<>();
        List<UUID> toEnroll = new ArrayList<>();
        int seats = course.maxStudents == null ? Integer.MAX_VALUE : course.maxStudents - course.enrolledCount;
        for (RosterLine row : rows) {
            String email = row.email();
            String key = email.toLowerCase(Locale.ROOT);
            int line = row.line();
            KnownUser user = byEmail.get(key);
            ImportOutcome outcome;
            if (!EMAIL.matcher(email).matches()) {
                outcome = ImportOutcome.INVALID_EMAIL;
            } else if (!seen.add(key)) {
                outcome = ImportOutcome.DUPLICATE_LINE;
            } else if (user == null) {
                outcome = ImportOutcome.UNKNOWN_USER;
            } else if (!user.active) {
                outcome = ImportOutcome.INACTIVE_USER;
            } else if (memberOf.containsKey(user.id)) {
                outcome = memberOf.get(user.id).role == CourseRole.STUDENT ? ImportOutcome.ALREADY_ENROLLED
                        : ImportOutcome.OTHER_ROLE;
            } else if (seats <= toEnroll.size()) {
                outcome = ImportOutcome.COURSE_FULL;
            } else {
                outcome = ImportOutcome.ENROLLED;
                toEnroll.add(user.id);
            }
            lines.add(new ImportResult.Line(line, email, outcome, user == null ? null : user.id));
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID userId : toEnroll) {
            chain = chain.chain(() -> addStudent(course, userId, actor.id())).replaceWithVoid();
        }
        return chain.replaceWith(new ImportResult(course.id, lines));
    }

    /** Enrols the caller, whose standing the locked {@code access} holds. */
    private Uni<Enrolled> enrollSelf(Actor actor, CourseAccess access) {
        if (access.role() == CourseRole.STUDENT) {
            return members.find(access.course().id, actor.id()).map(existing -> new Enrolled(existing, false));
        }
        return rememberCaller(actor).chain(() -> addStudent(access.course(), actor.id(), null))
                .map(member -> new Enrolled(member, true));
    }

    /**
     * Why the caller may not enrol themself, as an exception: not a student, course not active,
     * wrong or expired join code, another role in the course, no free seat. An enrolled student
     * passes (enrolling again answers the existing enrolment).
     */
    private void checkSelfEnrolment(Actor actor, CourseAccess access, Optional<String> joinCode) {
        Course course = access.course();
        if (!actor.isStudent()) {
            throw ApiException.forbidden("only students enrol themselves; staff join a course through its permissions");
        }
        if (access.role() == CourseRole.STUDENT) {
            return;
        }
        if (access.role() != null) {
            throw new ApiException(CourseProblems.OTHER_ROLE,
                    "you are " + access.role().value() + " of this course, not a student");
        }
        if (course.status != CourseStatus.ACTIVE) {
            throw new ApiException(CourseProblems.ENROLLMENT_CLOSED, "the course is " + course.status.value()
                    + "; only active courses take enrolments");
        }
        switch (course.enrollmentMode) {
            case OPEN -> {
            }
            case CODE -> {
                boolean valid = course.joinCode != null && joinCode.isPresent()
                        && MessageDigest.isEqual(course.joinCode.getBytes(StandardCharsets.UTF_8),
                        joinCode.get().trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
                        && (course.joinCodeExpiresAt == null || Instant.now(clock).isBefore(course.joinCodeExpiresAt));
                if (!valid) {
                    throw new ApiException(CourseProblems.JOIN_CODE_INVALID,
                            "this course needs its current join code (join_code) to enrol");
                }
            }
            case STAFF_ONLY -> throw new ApiException(CourseProblems.ENROLLMENT_CLOSED,
                    "students are enrolled in this course by its staff");
        }
        if (!course.hasRoom()) {
            throw courseFull(course);
        }
    }

    private static ApiException courseFull(Course course) {
        return new ApiException(CourseProblems.COURSE_FULL, "all " + course.maxStudents + " places of the course are taken");
    }

    /** Enrols one user in a course whose row this transaction holds locked. */
    Uni<Enrolled> enrollUser(Course course, UUID userId, UUID addedBy) {
        return members.find(course.id, userId).chain(existing -> {
            if (existing != null) {
                if (existing.role == CourseRole.STUDENT) {
                    return Uni.createFrom().item(new Enrolled(existing, false));
                }
                throw new ApiException(CourseProblems.OTHER_ROLE,
                        "the user is " + existing.role.value() + " of this course, not a student");
            }
            return addStudent(course, userId, addedBy).map(member -> new Enrolled(member, true));
        });
    }

    /** Adds a student member, taking a seat (the course row must be locked by this transaction). */
    Uni<CourseMember> addStudent(Course course, UUID userId, UUID addedBy) {
        if (!course.hasRoom()) {
            return Uni.createFrom().failure(courseFull(course));
        }
        Instant now = Instant.now(clock);
        CourseMember member = CourseMember.of(course.id, userId, CourseRole.STUDENT, addedBy, now);
        course.enrolledCount++;
        return members.persist(member).chain(() -> events.enrolled(member)).replaceWith(member);
    }

    /** Removes a student member and frees the seat (the course row must be locked). */
    Uni<Void> unenroll(Course course, CourseMember member, UUID removedBy) {
        course.enrolledCount--;
        return members.delete(member).chain(() -> events.unenrolled(member, removedBy, Instant.now(clock)));
    }

    /**
     * A student enrolling before auth-service's event about them arrived: their signed token names
     * them, so the roster can show them at once. Never overwrites what the events said.
     */
    private Uni<Void> rememberCaller(Actor actor) {
        if (actor.email().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into known_users (id, email, full_name, role, active, changed_at)"
                                + " values (?1, ?2, ?3, ?4, true, timestamptz 'epoch') on conflict (id) do nothing")
                .setParameter(1, actor.id())
                .setParameter(2, actor.email().get())
                .setParameter(3, actor.name().orElse(null))
                .setParameter(4, actor.platformRole())
                .executeUpdate())
                .replaceWithVoid();
    }

    private String newJoinCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < config.joinCodeLength(); i++) {
            code.append(JOIN_CODE_ALPHABET.charAt(random.nextInt(JOIN_CODE_ALPHABET.length())));
        }
        return code.toString();
    }
}
