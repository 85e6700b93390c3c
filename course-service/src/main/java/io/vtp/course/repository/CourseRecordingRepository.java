package io.vtp.course.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vtp.course.domain.CourseRecording;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CourseRecordingRepository implements PanacheRepositoryBase<CourseRecording, UUID> {

    public Uni<CourseRecording> find(UUID courseId, UUID recordingId) {
        return find("courseId = ?1 and recordingId = ?2", courseId, recordingId).firstResult();
    }

    /** A course's lectures in sequence order; only published ones when {@code publishedOnly}. */
    public Uni<List<CourseRecording>> ofCourse(UUID courseId, boolean publishedOnly) {
        Sort order = Sort.ascending("sequenceOrder", "addedAt", "recordingId");
        return publishedOnly
                ? find("courseId = ?1 and published = true", order, courseId).list()
                : find("courseId", order, courseId).list();
    }

    public Uni<List<CourseRecording>> ofRecording(UUID recordingId) {
        return find("recordingId", recordingId).list();
    }

    public Uni<Long> countOf(UUID courseId) {
        return count("courseId", courseId);
    }

    public Uni<Long> countPublishedOf(UUID courseId) {
        return count("courseId = ?1 and published = true", courseId);
    }

    /** The next free position at the end of the course. */
    public Uni<Integer> nextSequenceOrder(UUID courseId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select coalesce(max(r.sequenceOrder) + 1, 0) from CourseRecording r where r.courseId = :course",
                        Integer.class)
                .setParameter("course", courseId)
                .getSingleResult());
    }
}
