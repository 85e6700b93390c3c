package io.vtp.auth.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vtp.auth.domain.Role;
import io.vtp.auth.domain.User;
import io.vtp.kit.persistence.LikePatterns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /**
     * Loads a user for a change (or null), locking the row until the transaction ends: concurrent
     * changes (a profile edit and an admin's deactivation, say) apply one after the other instead
     * of one overwriting the other, and their outbox events are written in the same order.
     */
    public Uni<User> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The user with this e-mail address in any case, or null. */
    public Uni<User> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResult();
    }

    /** Users filtered by role and by a case-insensitive search in e-mail and name, newest first. */
    public Uni<List<User>> search(Optional<Role> role, Optional<String> text, int limit, int offset) {
        return find(filter(role, text), Sort.descending("createdAt").and("id"), parameters(role, text))
                .range(offset, offset + limit - 1)
                .list();
    }

    public Uni<Long> count(Optional<Role> role, Optional<String> text) {
        return count(filter(role, text), parameters(role, text));
    }

    private static String filter(Optional<Role> role, Optional<String> text) {
        StringBuilder where = new StringBuilder("1 = 1");
        role.ifPresent(r -> where.append(" and role = :role"));
        text.ifPresent(t -> where.append(
                " and (lower(email) like :text escape '\\' or lower(fullName) like :text escape '\\')"));
        return where.toString();
    }

    private static Parameters parameters(Optional<Role> role, Optional<String> text) {
        Parameters parameters = new Parameters();
        role.ifPresent(r -> parameters.and("role", r));
        text.ifPresent(t -> parameters.and("text", LikePatterns.contains(t)));
        return parameters;
    }
}
