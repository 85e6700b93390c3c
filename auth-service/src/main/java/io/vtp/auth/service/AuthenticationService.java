package io.vtp.auth.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vtp.auth.domain.User;
import io.vtp.auth.repository.RefreshTokenRepository;
import io.vtp.auth.repository.UserRepository;
import io.vtp.auth.rest.dto.TokenResponse;
import io.vtp.auth.rest.dto.UserResponse;
import io.vtp.auth.rest.problem.ApiException;
import io.vtp.auth.rest.problem.ProblemType;
import io.vtp.auth.security.AccessTokenIssuer;
import io.vtp.auth.security.OpaqueTokens;
import io.vtp.auth.security.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;

/** Login, token refresh (rotation with reuse detection) and logout. */
@ApplicationScoped
public class AuthenticationService {

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final RefreshTokenService families;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final AccessTokenIssuer accessTokens;
    private final Clock clock;

    public AuthenticationService(UserRepository users, RefreshTokenRepository refreshTokens,
                                 RefreshTokenService families, LoginThrottle throttle, PasswordHasher hasher,
                                 AccessTokenIssuer accessTokens, Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.families = families;
        this.throttle = throttle;
        this.hasher = hasher;
        this.accessTokens = accessTokens;
        this.clock = clock;
    }

    /**
     * Admits the attempt (throttle), then checks the password outside any transaction (hashing is
     * slow and must not hold a database connection), then opens a session family. Unknown e-mail
     * and wrong password fail the same way, after the same hashing effort.
     */
    public TokenResponse login(String email, String password, String clientAddress) {
        String normalized = Emails.normalize(email);
        long charge = throttle.admit(normalized, clientAddress);
        Optional<User> found = QuarkusTransaction.requiringNew().call(() -> users.findByEmail(normalized));
        boolean matches;
        if (found.isPresent()) {
            matches = hasher.verify(found.get().passwordHash, password);
        } else {
            hasher.verifyDecoy(password);
            matches = false;
        }
        if (!matches) {
            throttle.recordFailure(charge);
            throw new ApiException(ProblemType.INVALID_CREDENTIALS, "the e-mail or password is wrong");
        }
        User user = found.get();
        if (!user.active) {
            throttle.refund(charge);
            throw new ApiException(ProblemType.ACCOUNT_DISABLED, "this account has been deactivated");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.now();
            throttle.recordSuccess(normalized);
            return tokens(user, families.startFamily(user.id, now), now);
        });
    }

    /** Rotates a refresh token; a replayed token revokes its family (committed, then 401). */
    @Transactional(dontRollbackOn = ApiException.class)
    public TokenResponse refresh(String refreshToken) {
        Instant now = clock.now();
        RefreshTokenService.Presented presented = families.consume(refreshToken, now);
        User user = users.findById(presented.family().userId);
        if (!user.active) {
            families.revokeFamily(presented.family().id, "deactivated", now);
            throw new ApiException(ProblemType.INVALID_TOKEN, "the refresh token is invalid, expired or revoked");
        }
        return tokens(user, families.rotate(presented, now), now);
    }

    /** Ends the session of a refresh token. Like RFC 7009, unknown tokens are not an error. */
    @Transactional
    public void logout(String refreshToken) {
        refreshTokens.findByHash(OpaqueTokens.hash(refreshToken))
                .ifPresent(token -> families.revokeFamily(token.familyId, "logout", clock.now()));
    }

    private TokenResponse tokens(User user, String refreshToken, Instant now) {
        return new TokenResponse(accessTokens.issue(user, now), refreshToken, accessTokens.expiresInSeconds(),
                families.expiresInSeconds(), "Bearer", UserResponse.of(user));
    }
}
