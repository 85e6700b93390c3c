package io.vtp.recording.service;

import io.smallrye.mutiny.Uni;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.CommonProblem;
import io.vtp.recording.domain.Recording;
import io.vtp.recording.repository.RecordingRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Who may see and who may change a recording. Owners and admins: everything. Course staff (owner,
 * instructor, TA of the recording's course, or of a course it is attached to): see it. Students
 * and viewers of a course: see it once it is published there. Only the owner or an admin changes
 * it (chunks, stop, delete). A recording the caller may not see answers 404, never 403, so ids
 * reveal nothing. Course facts come from the projection of course-service's events.
 */
@ApplicationScoped
public class RecordingAccess {

    private final RecordingRepository recordings;

    public RecordingAccess(RecordingRepository recordings) {
        this.recordings = recordings;
    }

    /** The recording if {@code actor} may see it; 404 otherwise (also when deleted). */
    public Uni<Recording> visible(Actor actor, UUID id) {
        return recordings.findLive(id).chain(r -> {
            if (r == null) {
                return Uni.createFrom().failure(notFound(id));
            }
            if (actor.isAdmin() || r.ownerId.equals(actor.id())) {
                return Uni.createFrom().item(r);
            }
            return recordings.visibleThroughCourse(r.id, r.courseId, actor.id())
                    .map(ok -> {
                        if (!ok) {
                            throw notFound(id);
                        }
                        return r;
                    });
        });
    }

    /** The recording locked for change if {@code actor} owns it or is an admin (403 if they only see it). */
    public Uni<Recording> changeable(Actor actor, UUID id) {
        return visible(actor, id).chain(seen -> {
            if (!actor.isAdmin() && !seen.ownerId.equals(actor.id())) {
                return Uni.createFrom().failure(new ApiException(CommonProblem.FORBIDDEN,
                        "only the recording's owner or an administrator may change it"));
            }
            return recordings.findForUpdate(id).map(r -> {
                if (r == null || r.isDeleted()) {
                    throw notFound(id);
                }
                return r;
            });
        });
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("no recording " + id);
    }
}
