package io.vtp.auth.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import io.vtp.auth.domain.LoginFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class LoginFailureRepository implements PanacheRepository<LoginFailure> {

    /** Failure times of an account since {@code since}, attempts still being checked included, oldest first. */
    public Uni<List<Instant>> failuresOfAccount(String email, Instant since) {
        return find("select f.failedAt from LoginFailure f where f.email = ?1 and f.failedAt > ?2 order by f.failedAt",
                email, since).project(Instant.class).list();
    }

    /**
     * Confirmed failure times from a client address since {@code since}, oldest first. Attempts
     * still being checked do not count here: many people behind one school's address may log in
     * at the same moment.
     */
    public Uni<List<Instant>> failuresOfClient(String clientAddress, Instant since) {
        return find("select f.failedAt from LoginFailure f where f.clientAddress = ?1"
                + " and f.failedAt > ?2 and f.pending = false order by f.failedAt", clientAddress, since)
                .project(Instant.class).list();
    }

    /**
     * Serializes throttle decisions for one key (an account or a client address) until the
     * transaction ends, so that parallel attempts cannot all pass the same check.
     */
    public Uni<Void> lock(String key) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(:key))) locked", Integer.class)
                .setParameter("key", key)
                .getSingleResult())
                .replaceWithVoid();
    }

    public Uni<Integer> confirm(long id) {
        return update("pending = false where id = ?1", id);
    }

    public Uni<Long> forgetAccount(String email) {
        return delete("email", email);
    }

    public Uni<Long> purgeBefore(Instant before) {
        return delete("failedAt < ?1", before);
    }
}
