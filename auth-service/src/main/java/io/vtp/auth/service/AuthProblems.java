package io.vtp.auth.service;

import io.vtp.kit.problem.ProblemKind;

/** The error kinds of auth-service beyond the kit's common ones; each has a problem type URI of its own. */
public final class AuthProblems {

    public static final ProblemKind INVALID_CREDENTIALS = ProblemKind.of("invalid-credentials",
            "Invalid e-mail or password", 401);
    public static final ProblemKind ACCOUNT_DISABLED = ProblemKind.of("account-disabled", "Account deactivated", 403);
    public static final ProblemKind EMAIL_TAKEN = ProblemKind.of("email-taken", "E-mail already registered", 409);
    public static final ProblemKind TOO_MANY_ATTEMPTS = ProblemKind.of("too-many-attempts", "Too many failed attempts",
            429);

    private AuthProblems() {
    }
}
