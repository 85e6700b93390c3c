package io.vtp.auth.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.vtp.auth.domain.LoginFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class LoginFailureRepository implements PanacheRepository<LoginFailure> {

    /** Failure times of an account since {@code since}, attempts still being checked included, oldest first. */
    public List<Instant> failuresOfAccount(String email, Instant since) {
        return getEntityManager()
                .createQuery("select f.failedAt from LoginFailure f where f.email = ?1 and f.failedAt > ?2"
                        + " order by f.failedAt", Instant.class)
                .setParameter(1, email).setParameter(2, since)
                .getResultList();
    }

    /**
     * Confirmed failure times from a client address since {@code since}, oldest first. Attempts
     * still being checked do not count here: many people behind one school's address may log in
     * at the same moment.
     */
    public List<Instant> failuresOfClient(String clientAddress, Instant since) {
        return getEntityManager()
                .createQuery("select f.failedAt from LoginFailure f where f.clientAddress = ?1"
                        + " and f.failedAt > ?2 and f.pending = false order by f.failedAt", Instant.class)
                .setParameter(1, clientAddress).setParameter(2, since)
                .getResultList();
    }

    /**
     * Serializes throttle decisions for one key (an account or a client address) until the
     * transaction ends, so that parallel attempts cannot all pass the same check.
     */
    public void lock(String key) {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, key).getSingleResult();
    }

    public void confirm(long id) {
        update("pending = false where id = ?1", id);
    }

    public void forgetAccount(String email) {
        delete("email", email);
    }

    public long purgeBefore(Instant before) {
        return delete("failedAt < ?1", before);
    }
}
