package io.vtp.streaming.service;

import io.smallrye.mutiny.Uni;
import io.vtp.kit.courses.CourseRoster;
import io.vtp.kit.problem.ApiException;
import io.vtp.streaming.domain.MediaSource;
import io.vtp.streaming.repository.MediaSourceRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Who may watch and who may manage a recording's ladder. Watch: the owner, administrators, staff of
 * the course it was made for or attached to, and students and viewers of a course where it is
 * published (service-kit's course roster, from course-service's events). Manage (re-transcode,
 * cancel): the owner and administrators. A recording the caller may not watch answers 404, never
 * 403, so ids reveal nothing.
 */
@ApplicationScoped
public class PlaybackAccess {

    private final MediaSourceRepository sources;
    private final CourseRoster roster;

    public PlaybackAccess(MediaSourceRepository sources, CourseRoster roster) {
        this.sources = sources;
        this.roster = roster;
    }

    /** The recording if {@code viewer} may watch it; 404 otherwise (also when unknown or deleted). */
    public Uni<MediaSource> watchable(Viewer viewer, UUID id) {
        return sources.findLive(id).chain(source -> {
            if (source == null) {
                return Uni.createFrom().failure(notFound(id));
            }
            if (viewer.admin() || source.ownerId.equals(viewer.id())) {
                return Uni.createFrom().item(source);
            }
            return roster.seesThroughCourse(id, source.courseId, viewer.id()).map(sees -> {
                if (!Boolean.TRUE.equals(sees)) {
                    throw notFound(id);
                }
                return source;
            });
        });
    }

    /** The recording if {@code viewer} owns it or is an administrator (403 if they may only watch it). */
    public Uni<MediaSource> manageable(Viewer viewer, UUID id) {
        return watchable(viewer, id).map(source -> {
            if (!viewer.admin() && !source.ownerId.equals(viewer.id())) {
                throw ApiException.forbidden("only the recording's owner or an administrator may transcode it");
            }
            return source;
        });
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("no recording " + id);
    }
}
