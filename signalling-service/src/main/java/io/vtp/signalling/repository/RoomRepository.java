package io.vtp.signalling.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vtp.signalling.domain.Room;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class RoomRepository implements PanacheRepositoryBase<Room, UUID> {

    /** The ids of the courses in which the user has any role (the kit's course roster). */
    @SuppressWarnings("unchecked")
    public Uni<List<UUID>> coursesOf(UUID userId) {
        return getSession().flatMap(session -> session
                .createNativeQuery("select course_id from course_members where user_id = :u", UUID.class)
                .setParameter("u", userId).getResultList());
    }
}
