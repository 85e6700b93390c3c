package io.vtp.auth.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vtp.auth.domain.Role;
import io.vtp.auth.domain.User;
import io.vtp.auth.messaging.UserEvents;
import io.vtp.auth.repository.UserRepository;
import io.vtp.auth.security.PasswordHasher;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.CommonProblem;
import jakarta.enterprise.context.ApplicationScoped;
import io.vtp.kit.persistence.PgErrors;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Registration and a user's own account: profile and password. */
@ApplicationScoped
public class UserService {

    /** PostgreSQL's SQLSTATE for a unique violation. */

    private final UserRepository users;
    private final UserEvents events;
    private final PasswordHasher hasher;
    private final RefreshTokenService refreshTokens;
    private final AccountChanges accounts;
    private final Clock clock;
    private final LoginThrottle throttle;

    public UserService(UserRepository users, UserEvents events, PasswordHasher hasher,
                       RefreshTokenService refreshTokens, AccountChanges accounts, Clock clock,
                       LoginThrottle throttle) {
        this.users = users;
        this.events = events;
        this.hasher = hasher;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.clock = clock;
        this.throttle = throttle;
    }

    /** Self-registration as student or instructor; nobody registers as admin. */
    public Uni<User> register(String email, String password, String fullName, String phone, String role) {
        Role parsed;
        if (role == null) {
            parsed = Role.STUDENT;
        } else {
            parsed = Role.parse(role).filter(r -> r != Role.ADMIN).orElse(null);
            if (parsed == null) {
                return Uni.createFrom().failure(ApiException.invalidField("role", "must be student or instructor"));
            }
        }
        return create(email, password, fullName, phone, parsed);
    }

    /** Creates a user with any role (registration and the bootstrap administrator). */
    Uni<User> create(String email, String password, String fullName, String phone, Role role) {
        return hasher.hash(password).chain(hash -> Panache.withTransaction(() ->
                        users.findByEmail(email.trim()).chain(existing -> {
                            if (existing != null) {
                                return Uni.createFrom().failure(emailTaken());
                            }
                            Instant now = Instant.now(clock);
                            User user = new User();
                            user.id = UUID.randomUUID();
                            user.email = email.trim();
                            user.fullName = fullName.trim();
                            user.phone = blankToNull(phone);
                            user.role = role;
                            user.passwordHash = hash;
                            user.active = true;
                            user.createdAt = now;
                            user.updatedAt = now;
                            return users.persistAndFlush(user).chain(() -> events.registered(user)).replaceWith(user);
                        })))
                // two registrations of one address raced; the unique index decided
                .onFailure(UserService::isDuplicateEmail).transform(e -> emailTaken());
    }

    /** The caller's own account; a deleted or deactivated account makes its token useless. */
    public Uni<User> profile(UUID userId) {
        return Panache.withSession(() -> users.findById(userId)).map(user -> {
            if (user == null || !user.active) {
                throw inactive();
            }
            return user;
        });
    }

    public Uni<User> updateProfile(UUID userId, String fullName, String phone) {
        return accounts.change(userId, user -> {
            if (user == null || !user.active) {
                return Uni.createFrom().failure(inactive());
            }
            boolean nameChanged = fullName != null && !fullName.trim().equals(user.fullName);
            if (fullName != null) {
                user.fullName = fullName.trim();
            }
            if (phone != null) {
                user.phone = blankToNull(phone);
            }
            user.updatedAt = Instant.now(clock);
            return (nameChanged ? events.updated(user) : Uni.createFrom().voidItem()).replaceWith(user);
        });
    }

    /**
     * Changes the password and ends every session (refresh family) of the user. Wrong current
     * passwords count against the same limits as failed logins, so a stolen access token does not
     * open an unthrottled way to guess the password.
     */
    public Uni<Void> changePassword(UUID userId, String currentPassword, String newPassword, String clientAddress) {
        return profile(userId).chain(user -> {
            String email = Emails.normalize(user.email);
            return throttle.admit(email, clientAddress).chain(charge -> hasher.verify(user.passwordHash, currentPassword)
                    .chain(ok -> ok ? hasher.hash(newPassword)
                            : throttle.recordFailure(charge).chain(() -> Uni.createFrom().failure(
                                    ApiException.invalidField("current_password", "is not your current password")))))
                    .chain(hash -> accounts.change(userId, current -> {
                        if (current == null || !current.active) {
                            return Uni.createFrom().failure(inactive());
                        }
                        Instant now = Instant.now(clock);
                        current.passwordHash = hash;
                        current.updatedAt = now;
                        return refreshTokens.revokeAllOfUser(userId, "password-changed", now)
                                .chain(() -> throttle.recordSuccess(email));
                    }));
        });
    }

    static ApiException inactive() {
        return new ApiException(CommonProblem.INVALID_TOKEN, "the account of this token is no longer active");
    }

    private static ApiException emailTaken() {
        return new ApiException(AuthProblems.EMAIL_TAKEN, "an account with this e-mail address already exists");
    }

    private static boolean isDuplicateEmail(Throwable e) {
        return PgErrors.isUniqueViolation(e, "users_email_lower_key");
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
