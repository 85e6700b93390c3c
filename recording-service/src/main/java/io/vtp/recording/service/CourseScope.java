package io.vtp.recording.service;

import io.smallrye.mutiny.Uni;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.courses.CourseRole;
import io.vtp.kit.courses.CourseRoster;
import io.vtp.recording.repository.AccessRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * The course a new recording belongs to. Named explicitly, the caller must teach it (course staff
 * by the projection of course-service's events) or be an admin: a recording made "for" a course
 * is shown to that course's staff. Not named, it is the course of the recorded room, if known.
 */
@ApplicationScoped
public class CourseScope {

    private final AccessRepository projections;
    private final CourseRoster roster;

    public CourseScope(AccessRepository projections, CourseRoster roster) {
        this.projections = projections;
        this.roster = roster;
    }

    public Uni<UUID> courseFor(Actor actor, UUID courseId, UUID roomId) {
        if (!actor.mayRecord()) {
            return Uni.createFrom().failure(ApiException.forbidden("only instructors and administrators record lectures"));
        }
        if (courseId != null) {
            if (actor.isAdmin()) {
                return Uni.createFrom().item(courseId);
            }
            return roster.roleIn(courseId, actor.id()).map(role -> {
                if (role == null || !CourseRole.STAFF.contains(role)) {
                    throw ApiException.forbidden("you do not teach course " + courseId);
                }
                return courseId;
            });
        }
        return roomId == null ? Uni.createFrom().nullItem() : projections.courseOfRoom(roomId);
    }
}
