package io.vtp.course.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vtp.course.domain.KnownUser;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class KnownUserRepository implements PanacheRepositoryBase<KnownUser, UUID> {

    /** Users whose e-mail is one of {@code lowerCaseEmails}, in any case. */
    public Uni<List<KnownUser>> findByEmails(Collection<String> lowerCaseEmails) {
        if (lowerCaseEmails.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("lower(email) in ?1", lowerCaseEmails).list();
    }
}
