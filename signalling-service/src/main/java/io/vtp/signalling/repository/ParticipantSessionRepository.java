package io.vtp.signalling.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vtp.signalling.domain.ParticipantSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ParticipantSessionRepository implements PanacheRepositoryBase<ParticipantSession, UUID> {

    /** Presences an earlier run of this instance left open (it stopped without recording their end). */
    public Uni<List<ParticipantSession>> openOf(String instanceId) {
        return list("instanceId = ?1 and leftAt is null", instanceId);
    }
}
