package io.vtp.course.service;

import io.smallrye.mutiny.Uni;
import io.vtp.course.repository.CourseRepository;
import io.vtp.course.repository.MemberRepository;
import io.vtp.kit.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** Loads a course with the caller's standing in it; 404 when it does not exist for the caller. */
@ApplicationScoped
public class AccessGuard {

    private final CourseRepository courses;
    private final MemberRepository members;
    private final CourseReads reads;

    public AccessGuard(CourseRepository courses, MemberRepository members, CourseReads reads) {
        this.courses = courses;
        this.members = members;
        this.reads = reads;
    }

    /**
     * For a read that changes nothing (a roster page), outside any session: the course and the
     * caller's role from the read cache ({@code fresh}: from the database), see {@link CourseReads}.
     */
    public Uni<CourseAccess> loadForReading(Actor actor, UUID courseId, boolean fresh) {
        return reads.courseWithRoleOf(courseId, actor.id(), fresh).map(found -> access(actor, courseId, found));
    }

    /**
     * Must run in a session; {@code forUpdate} locks the course row until the transaction ends.
     * Without it the course and the caller's role come in one read-only query.
     */
    public Uni<CourseAccess> load(Actor actor, UUID courseId, boolean forUpdate) {
        if (!forUpdate) {
            return courses.findWithRoleOf(courseId, actor.id()).map(found -> access(actor, courseId, found));
        }
        return courses.findForUpdate(courseId).chain(found -> {
            if (found == null) {
                return Uni.createFrom().failure(notFound(courseId));
            }
            return members.find(courseId, actor.id()).map(member -> {
                CourseAccess access = new CourseAccess(found, member == null ? null : member.role, actor.isAdmin());
                if (!access.visible()) {
                    throw notFound(courseId);
                }
                return access;
            });
        });
    }

    private static CourseAccess access(Actor actor, UUID courseId, Optional<Membership> found) {
        if (found.isEmpty()) {
            throw notFound(courseId);
        }
        CourseAccess access = new CourseAccess(found.get().course(), found.get().role(), actor.isAdmin());
        if (!access.visible()) {
            throw notFound(courseId);
        }
        return access;
    }

    static ApiException notFound(UUID courseId) {
        return ApiException.notFound("course " + courseId + " does not exist");
    }
}
