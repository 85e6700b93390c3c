package io.vtp.auth.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vtp.auth.domain.Role;
import io.vtp.auth.domain.User;
import io.vtp.auth.messaging.UserEvents;
import io.vtp.auth.repository.UserRepository;
import io.vtp.auth.rest.problem.ApiException;
import io.vtp.auth.rest.problem.ProblemType;
import io.vtp.auth.security.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import org.hibernate.exception.ConstraintViolationException;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/** Registration and a user's own account: profile and password. */
@ApplicationScoped
public class UserService {

    private final UserRepository users;
    private final UserEvents events;
    private final PasswordHasher hasher;
    private final RefreshTokenService refreshTokens;
    private final Clock clock;
    private final Event<UserChanged> changed;
    private final LoginThrottle throttle;

    public UserService(UserRepository users, UserEvents events, PasswordHasher hasher,
                       RefreshTokenService refreshTokens, Clock clock, Event<UserChanged> changed,
                       LoginThrottle throttle) {
        this.users = users;
        this.events = events;
        this.hasher = hasher;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
        this.changed = changed;
        this.throttle = throttle;
    }

    /** Self-registration as student or instructor; nobody registers as admin. */
    public User register(String email, String password, String fullName, String phone, String role) {
        Role parsed = role == null ? Role.STUDENT : Role.parse(role)
                .filter(r -> r != Role.ADMIN)
                .orElseThrow(() -> ApiException.invalidField("role", "must be student or instructor"));
        return create(email, password, fullName, phone, parsed);
    }

    /** Creates a user with any role (registration and the bootstrap administrator). */
    User create(String email, String password, String fullName, String phone, Role role) {
        String hash = hasher.hash(password);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (users.findByEmail(email.trim()).isPresent()) {
                    throw emailTaken();
                }
                Instant now = clock.now();
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
                users.persistAndFlush(user);
                events.registered(user);
                return user;
            });
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException violation
                    && "users_email_lower_key".equals(violation.getConstraintName())) {
                throw emailTaken(); // two registrations of one address raced; the unique index decided
            }
            throw e;
        }
    }

    /** The caller's own account; a deleted or deactivated account makes its token useless. */
    @Transactional
    public User profile(UUID userId) {
        User user = users.findById(userId);
        if (user == null || !user.active) {
            throw new ApiException(ProblemType.INVALID_TOKEN, "the account of this token is no longer active");
        }
        return user;
    }

    @Transactional
    public User updateProfile(UUID userId, String fullName, String phone) {
        User user = activeForUpdate(userId);
        boolean nameChanged = fullName != null && !fullName.trim().equals(user.fullName);
        if (fullName != null) {
            user.fullName = fullName.trim();
        }
        if (phone != null) {
            user.phone = blankToNull(phone);
        }
        user.updatedAt = clock.now();
        if (nameChanged) {
            events.updated(user);
        }
        changed.fire(new UserChanged(user.id));
        return user;
    }

    /**
     * Changes the password and ends every session (refresh family) of the user. Wrong current
     * passwords count against the same limits as failed logins, so a stolen access token does not
     * open an unthrottled way to guess the password.
     */
    public void changePassword(UUID userId, String currentPassword, String newPassword, String clientAddress) {
        User user = QuarkusTransaction.requiringNew().call(() -> profile(userId));
        String email = Emails.normalize(user.email);
        long charge = throttle.admit(email, clientAddress);
        if (!hasher.verify(user.passwordHash, currentPassword)) {
            throttle.recordFailure(charge);
            throw ApiException.invalidField("current_password", "is not your current password");
        }
        String hash = hasher.hash(newPassword);
        QuarkusTransaction.requiringNew().run(() -> {
            User current = activeForUpdate(userId);
            Instant now = clock.now();
            current.passwordHash = hash;
            current.updatedAt = now;
            refreshTokens.revokeAllOfUser(userId, "password-changed", now);
            throttle.recordSuccess(email);
        });
    }

    private User activeForUpdate(UUID userId) {
        return users.findForUpdate(userId).filter(u -> u.active).orElseThrow(() ->
                new ApiException(ProblemType.INVALID_TOKEN, "the account of this token is no longer active"));
    }

    private static ApiException emailTaken() {
        return new ApiException(ProblemType.EMAIL_TAKEN, "an account with this e-mail address already exists");
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
