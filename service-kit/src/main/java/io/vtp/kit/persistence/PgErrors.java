package io.vtp.kit.persistence;

import org.hibernate.exception.ConstraintViolationException;

/** PostgreSQL errors a service turns into answers for the client instead of a 500. */
public final class PgErrors {

    /** SQLSTATE of a unique violation. */
    public static final String UNIQUE_VIOLATION = "23505";
    /** SQLSTATE of a check violation. */
    public static final String CHECK_VIOLATION = "23514";

    private PgErrors() {
    }

    /**
     * True when {@code failure} (or one of its causes) is a unique violation of the named
     * constraint or unique index, as Hibernate Reactive reports it.
     */
    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        return violates(failure, UNIQUE_VIOLATION, constraint);
    }

    /** True when {@code failure} (or one of its causes) violates the named check constraint. */
    public static boolean isCheckViolation(Throwable failure, String constraint) {
        return violates(failure, CHECK_VIOLATION, constraint);
    }

    private static boolean violates(Throwable failure, String sqlState, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && sqlState.equals(violation.getSQLState())) {
                return constraint.equals(violation.getConstraintName());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
