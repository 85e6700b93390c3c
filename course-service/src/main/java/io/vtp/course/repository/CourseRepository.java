package io.vtp.course.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vtp.course.domain.Course;
import io.vtp.course.domain.CourseRole;
import io.vtp.course.domain.CourseStatus;
import io.vtp.course.service.CourseQuery;
import io.vtp.course.service.Membership;
import io.vtp.kit.persistence.LikePatterns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class CourseRepository implements PanacheRepositoryBase<Course, UUID> {

    /**
     * Loads a course for a change (or null), locking its row until the transaction ends. Every
     * change to a course's enrolments, members or recordings takes this lock first, so capacity
     * checks and the last-owner rule see a stable course and its events leave in commit order.
     */
    public Uni<Course> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** A course and the role of one user in it (null: none), read-only; empty when no such course. */
    public Uni<Optional<Membership>> findWithRoleOf(UUID courseId, UUID userId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select new io.vtp.course.service.Membership(c, m.role, m.joinedAt) from Course c"
                                + " left join CourseMember m on m.courseId = c.id and m.userId = :user where c.id = :course",
                        Membership.class)
                .setParameter("course", courseId)
                .setParameter("user", userId)
                .setReadOnly(true)
                .getSingleResultOrNull())
                .map(Optional::ofNullable);
    }

    /** Courses the query may see, newest first. */
    public Uni<List<Course>> search(CourseQuery query, int limit, int offset) {
        return find(filter(query), Sort.descending("c.createdAt").and("c.id"), parameters(query))
                .range(offset, offset + limit - 1)
                .list();
    }

    public Uni<Long> count(CourseQuery query) {
        return count(filter(query), parameters(query));
    }

    private static String filter(CourseQuery query) {
        StringBuilder where = new StringBuilder("from Course c where 1 = 1");
        if (query.visibleTo() != null) {
            where.append(" and (c.status = :activeStatus or exists (select 1 from CourseMember m"
                    + " where m.courseId = c.id and m.userId = :viewer))");
        }
        query.semester().ifPresent(s -> where.append(" and lower(c.semester) = lower(:semester)"));
        query.year().ifPresent(y -> where.append(" and c.year = :year"));
        query.status().ifPresent(s -> where.append(" and c.status = :status"));
        query.instructorId().ifPresent(i -> where.append(" and exists (select 1 from CourseMember t"
                + " where t.courseId = c.id and t.userId = :instructor and t.role in :teaching)"));
        query.text().ifPresent(t -> where.append(
                " and (lower(c.code) like :text escape '\\' or lower(c.name) like :text escape '\\')"));
        return where.toString();
    }

    private static Parameters parameters(CourseQuery query) {
        Parameters parameters = new Parameters();
        if (query.visibleTo() != null) {
            parameters.and("viewer", query.visibleTo()).and("activeStatus", CourseStatus.ACTIVE);
        }
        query.semester().ifPresent(s -> parameters.and("semester", s));
        query.year().ifPresent(y -> parameters.and("year", y));
        query.status().ifPresent(s -> parameters.and("status", s));
        query.instructorId().ifPresent(i -> parameters.and("instructor", i)
                .and("teaching", List.of(CourseRole.OWNER, CourseRole.INSTRUCTOR)));
        query.text().ifPresent(t -> parameters.and("text", LikePatterns.contains(t)));
        return parameters;
    }
}
