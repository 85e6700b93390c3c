package io.vtp.kit.problem;

/**
 * A stable kind of error: one {@code type} URI, a short title and the HTTP status it is reported
 * with. The kit declares the kinds every service shares ({@link CommonProblem}); a service declares
 * its own in an enum of its own that implements this interface.
 */
public interface ProblemKind {

    /** Where problem type URIs live: {@code https://vtp.io/problems/<slug>}. */
    String TYPE_BASE = "https://vtp.io/problems/";

    /** The last segment of the type URI, e.g. {@code email-taken}. Never changes once published. */
    String slug();

    /** A short, human summary that does not vary between occurrences. */
    String title();

    /** The HTTP status this kind is reported with. */
    int status();

    /** The RFC 9457 {@code type} member. */
    default String type() {
        return TYPE_BASE + slug();
    }

    /** A kind declared as a constant: {@code static final ProblemKind EMAIL_TAKEN = ProblemKind.of(...)}. */
    static ProblemKind of(String slug, String title, int status) {
        return new Declared(slug, title, status);
    }

    /** The value behind {@link #of}. */
    record Declared(String slug, String title, int status) implements ProblemKind {
    }
}
