package io.vtp.course.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vtp.course.config.CourseConfig;
import io.vtp.course.repository.CourseRepository;
import io.vtp.course.repository.MemberRepository;
import io.vtp.kit.cache.ReadCache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The reads that every page of a web client repeats, kept for a moment (the kit's
 * {@link ReadCache}): a user's "my courses" pages, a caller's standing in a course (for the roster),
 * and roster pages. A hit is answered without a database round trip.
 *
 * <p>Freshness: every change of this service tells this class once its transaction has ended
 * ({@link #courseChanged}, {@link #usersChanged}), so this replica's next read shows it. A change
 * made on another replica shows here within {@code vtp.course.read-cache.ttl} (2 s by default);
 * so do the enrolled counts of a user's other courses. A client that must see the latest state
 * sends {@code Cache-Control: no-cache}. CSV exports and pages with a text filter are always read
 * from the database.
 */
@ApplicationScoped
public class CourseReads {

    record MineKey(UUID userId, int limit, int offset) {
    }

    record AccessKey(UUID courseId, UUID userId) {
    }

    record RosterKey(UUID courseId, int limit, int offset) {
    }

    private final boolean enabled;
    private final MemberRepository members;
    private final ReadCache<MineKey, Page<Membership>> mine;
    private final ReadCache<AccessKey, Optional<Membership>> access;
    private final ReadCache<RosterKey, Page<RosterEntry>> rosters;

    public CourseReads(CourseConfig config, Vertx vertx, MemberRepository members, CourseRepository courses) {
        CourseConfig.ReadCacheConfig settings = config.readCache();
        this.enabled = settings.ttl().compareTo(Duration.ZERO) > 0;
        this.members = members;
        Duration ttl = enabled ? settings.ttl() : Duration.ofSeconds(1);
        Duration refresh = enabled ? settings.refreshAfter() : Duration.ofMillis(500);
        long size = settings.maxEntries();
        this.mine = new ReadCache<>(vertx, size, ttl, refresh,
                key -> Panache.withSession(() -> readMine(key.userId(), key.limit(), key.offset())));
        this.access = new ReadCache<>(vertx, size, ttl, refresh,
                key -> Panache.withSession(() -> courses.findWithRoleOf(key.courseId(), key.userId())));
        this.rosters = new ReadCache<>(vertx, size, ttl, refresh,
                key -> Panache.withSession(() -> readRoster(key.courseId(), Optional.empty(), key.limit(), key.offset())));
    }

    /** A page of the user's courses with their role in each. Must not run inside a session. */
    public Uni<Page<Membership>> mine(UUID userId, int limit, int offset, boolean fresh) {
        MineKey key = new MineKey(userId, limit, offset);
        return enabled && !fresh ? mine.get(key) : mine.fresh(key);
    }

    /** A course and the user's role in it (empty: no such course). Must not run inside a session. */
    public Uni<Optional<Membership>> courseWithRoleOf(UUID courseId, UUID userId, boolean fresh) {
        AccessKey key = new AccessKey(courseId, userId);
        return enabled && !fresh ? access.get(key) : access.fresh(key);
    }

    /** A page of the course's students. Must not run inside a session. */
    public Uni<Page<RosterEntry>> roster(UUID courseId, Optional<String> text, int limit, int offset, boolean fresh) {
        if (!enabled || fresh || text.isPresent()) {
            return Panache.withSession(() -> readRoster(courseId, text, limit, offset));
        }
        return rosters.get(new RosterKey(courseId, limit, offset));
    }

    /**
     * A change to the course (its fields, members, roles or enrolments) has ended, committed or not:
     * drops what was read of it, and the course lists of {@code users} (whose membership may have
     * changed) and of everyone who has the course in a cached list (its fields or counts changed).
     */
    public void courseChanged(UUID courseId, Collection<UUID> users) {
        access.forgetIf((key, value) -> key.courseId().equals(courseId));
        rosters.forgetIf((key, value) -> key.courseId().equals(courseId));
        mine.forgetIf((key, page) -> users.contains(key.userId())
                || page.items().stream().anyMatch(m -> m.course().id.equals(courseId)));
    }

    /** A change to the course that may have touched anyone's membership (a roster import). */
    public void courseChanged(UUID courseId) {
        courseChanged(courseId, List.of());
        mine.forgetAll();
    }

    /** The user projection changed (names, e-mails, active): roster pages show them. */
    public void usersChanged() {
        rosters.forgetAll();
    }

    private Uni<Page<Membership>> readMine(UUID userId, int limit, int offset) {
        return members.coursesOf(userId, limit, offset)
                .chain(page -> Page.of(page, offset, limit, () -> members.countCoursesOf(userId)));
    }

    private Uni<Page<RosterEntry>> readRoster(UUID courseId, Optional<String> text, int limit, int offset) {
        return members.roster(courseId, text, limit, offset)
                .chain(page -> Page.of(page, offset, limit, () -> members.countRoster(courseId, text)));
    }
}
