package io.vtp.recording.service;

import io.smallrye.mutiny.Uni;
import io.vtp.recording.domain.Recording;
import io.vtp.recording.repository.AccessRepository;
import io.vtp.recording.repository.RecordingRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps recording-service's views of other services' data from their events (in the inbox's
 * transaction): the course of each room; and it stops the captures of a deactivated user. (The
 * course roster itself is service-kit's, {@link io.vtp.kit.courses.CourseRoster}.)
 */
@ApplicationScoped
public class Projections {

    private final AccessRepository access;
    private final RecordingRepository recordings;
    private final CaptureService capture;
    private final ProcessingWorker worker;

    public Projections(AccessRepository access, RecordingRepository recordings, CaptureService capture,
                       ProcessingWorker worker) {
        this.access = access;
        this.recordings = recordings;
        this.capture = capture;
        this.worker = worker;
    }

    /** A room and its course: recordings of the room made before the event arrived join the course. */
    public Uni<Void> room(UUID roomId, UUID courseId, UUID createdBy, Instant at) {
        Uni<Void> saved = access.upsertRoom(roomId, courseId, createdBy, at);
        return courseId == null ? saved : saved.chain(() -> recordings.linkRoomToCourse(roomId, courseId)).replaceWithVoid();
    }

    /** A deactivated user records nothing more: their running captures are stopped and processed. */
    public Uni<Void> userDeactivated(UUID userId) {
        return recordings.recordingBy(userId).chain(list -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Recording r : List.copyOf(list)) {
                chain = chain.chain(() -> recordings.findForUpdate(r.id).chain(locked -> capture.stopNow(locked, userId))
                        .replaceWithVoid());
            }
            return list.isEmpty() ? chain : chain.invoke(worker::wake);
        });
    }
}
