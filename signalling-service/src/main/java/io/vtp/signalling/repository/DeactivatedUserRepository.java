package io.vtp.signalling.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.vtp.signalling.domain.DeactivatedUser;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class DeactivatedUserRepository implements PanacheRepositoryBase<DeactivatedUser, UUID> {
}
