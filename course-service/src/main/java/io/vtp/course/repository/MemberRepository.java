package io.vtp.course.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vtp.course.domain.CourseMember;
import io.vtp.course.domain.CourseRole;
import io.vtp.course.service.Membership;
import io.vtp.course.service.RosterEntry;
import io.vtp.kit.persistence.LikePatterns;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class MemberRepository implements PanacheRepositoryBase<CourseMember, UUID> {

    public Uni<CourseMember> find(UUID courseId, UUID userId) {
        return find("courseId = ?1 and userId = ?2", courseId, userId).firstResult();
    }

    /** The members among {@code userIds} (one query for a whole import). */
    public Uni<List<CourseMember>> findAll(UUID courseId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("courseId = ?1 and userId in ?2", courseId, userIds).list();
    }

    public Uni<Long> countRole(UUID courseId, CourseRole role) {
        return count("courseId = ?1 and role = ?2", courseId, role);
    }

    /** How many members the course has in each role. */
    public Uni<Map<CourseRole, Long>> countByRole(UUID courseId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select m.role, count(m) from CourseMember m where m.courseId = :course group by m.role",
                        Object[].class)
                .setParameter("course", courseId)
                .getResultList())
                .map(rows -> {
                    Map<CourseRole, Long> counts = new EnumMap<>(CourseRole.class);
                    rows.forEach(row -> counts.put((CourseRole) row[0], (Long) row[1]));
                    return counts;
                });
    }

    /** The user's courses with their role in each, most recently joined first. */
    public Uni<List<Membership>> coursesOf(UUID userId, int limit, int offset) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select new io.vtp.course.service.Membership(c, m.role, m.joinedAt) from CourseMember m"
                                + " join Course c on c.id = m.courseId where m.userId = :user"
                                + " order by m.joinedAt desc, m.courseId", Membership.class)
                .setParameter("user", userId)
                .setReadOnly(true)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList());
    }

    public Uni<Long> countCoursesOf(UUID userId) {
        return count("userId", userId);
    }

    /** A page of a course's students with what the user projection knows of them, oldest first. */
    public Uni<List<RosterEntry>> roster(UUID courseId, Optional<String> text, int limit, int offset) {
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(
                    "select new io.vtp.course.service.RosterEntry(m.id, m.userId, m.joinedAt, m.addedBy, u.email,"
                            + " u.fullName, u.active) from CourseMember m left join KnownUser u on u.id = m.userId"
                            + " where m.courseId = :course and m.role = :student"
                            + textFilter(text) + " order by m.joinedAt, m.userId", RosterEntry.class)
                    .setParameter("course", courseId)
                    .setParameter("student", CourseRole.STUDENT);
            text.ifPresent(t -> query.setParameter("text", LikePatterns.contains(t)));
            return query.setFirstResult(offset).setMaxResults(limit).getResultList();
        });
    }

    public Uni<Long> countRoster(UUID courseId, Optional<String> text) {
        if (text.isEmpty()) {
            return countRole(courseId, CourseRole.STUDENT);
        }
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select count(m) from CourseMember m left join KnownUser u on u.id = m.userId"
                                + " where m.courseId = :course and m.role = :student"
                                + textFilter(text), Long.class)
                .setParameter("course", courseId)
                .setParameter("student", CourseRole.STUDENT)
                .setParameter("text", LikePatterns.contains(text.get()))
                .getSingleResult());
    }

    /** Enrolled students whose accounts are active (unknown to the projection counts as active). */
    public Uni<Long> countActiveStudents(UUID courseId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                        "select count(m) from CourseMember m left join KnownUser u on u.id = m.userId"
                                + " where m.courseId = :course and m.role = :student"
                                + " and (u.id is null or u.active = true)", Long.class)
                .setParameter("course", courseId)
                .setParameter("student", CourseRole.STUDENT)
                .getSingleResult());
    }

    private static String textFilter(Optional<String> text) {
        return text.isEmpty() ? ""
                : " and (lower(u.email) like :text escape '\\' or lower(u.fullName) like :text escape '\\')";
    }
}
