package io.vtp.course.service;

import io.smallrye.mutiny.Uni;
import io.vtp.course.repository.CourseRepository;
import io.vtp.course.repository.MemberRepository;
import io.vtp.kit.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Loads a course with the caller's standing in it; 404 when it does not exist for the caller. */
@ApplicationScoped
public class AccessGuard {

    private final CourseRepository courses;
    private final MemberRepository members;

    public AccessGuard(CourseRepository courses, MemberRepository members) {
        this.courses = courses;
        this.members = members;
    }

    /**
     * Must run in a session; {@code forUpdate} locks the course row until the transaction ends.
     * Without it the course and the caller's role come in one read-only query.
     */
    public Uni<CourseAccess> load(Actor actor, UUID courseId, boolean forUpdate) {
        if (!forUpdate) {
            return courses.findWithRoleOf(courseId, actor.id()).map(found -> {
                if (found.isEmpty()) {
                    throw notFound(courseId);
                }
                CourseAccess access = new CourseAccess(found.get().course(), found.get().role(), actor.isAdmin());
                if (!access.visible()) {
                    throw notFound(courseId);
                }
                return access;
            });
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

    static ApiException notFound(UUID courseId) {
        return ApiException.notFound("course " + courseId + " does not exist");
    }
}
