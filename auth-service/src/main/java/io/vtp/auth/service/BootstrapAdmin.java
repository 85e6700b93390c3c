package io.vtp.auth.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.vtp.auth.config.AuthConfig;
import io.vtp.auth.domain.Role;
import io.vtp.auth.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;

/**
 * Creates the first administrator at start from {@code vtp.auth.bootstrap-admin.email} and
 * {@code .password} (in Kubernetes from a Secret). An existing account is left as it is; there is
 * no default password, so without this configuration no administrator exists.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    void onStart(@Observes StartupEvent start, AuthConfig config, UserRepository users, UserService userService,
                 Validator validator) throws Throwable {
        AuthConfig.BootstrapAdmin admin = config.bootstrapAdmin();
        if (admin.email().isEmpty() || admin.password().isEmpty()) {
            return;
        }
        String email = admin.email().get();
        var violations = validator.validateValue(io.vtp.auth.rest.dto.RegisterRequest.class, "password",
                admin.password().get());
        if (!violations.isEmpty()) {
            throw new IllegalStateException("vtp.auth.bootstrap-admin.password does not meet the password policy: "
                    + violations.iterator().next().getMessage());
        }
        boolean created = VertxContextSupport.subscribeAndAwait(() ->
                Panache.withSession(() -> users.findByEmail(email)).chain(existing -> existing != null
                        ? io.smallrye.mutiny.Uni.createFrom().item(false)
                        : userService.create(email, admin.password().get(), admin.fullName(), null, Role.ADMIN)
                                .replaceWith(true)));
        if (created) {
            LOG.infof("Created the bootstrap administrator %s", email);
        }
    }
}
