package io.vtp.streaming.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.courses.CourseRoster;
import io.vtp.streaming.config.StreamingConfig;
import io.vtp.streaming.domain.MediaSource;
import io.vtp.streaming.domain.ViewingPosition;
import io.vtp.streaming.messaging.ViewingEvents;
import io.vtp.streaming.repository.MediaSourceRepository;
import io.vtp.streaming.repository.ViewingRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Players' progress reports ({@code POST progress}) into viewing sessions and watched intervals.
 * The first report of a session (or one after a long silence or after the end) starts a session;
 * a heartbeat, pause or end after playing closes the interval watched since the previous report
 * (a seek's position is where the player jumped to: it opens a new interval), if it is plausible: forward, and no longer than the time that passed at the playback
 * rate (plus slack), so a jump is never counted as watching. An {@code ended} report ends the
 * session. The last position is kept per viewer and recording for resuming.
 */
@ApplicationScoped
public class ViewingService {

    public static final Set<String> EVENTS = Set.of("play", "pause", "seek", "heartbeat", "ended");
    /** Events after which the player was playing (so the next report closes a watched interval). */
    private static final Set<String> PLAYING = Set.of("play", "heartbeat", "seek");
    private static final double SLACK_SECONDS = 2.0;

    /** A validated report. */
    public record Report(String event, double position, String rendition, double playbackRate, Double bandwidthKbps,
                         Double bufferSeconds, Integer stalls, UUID sessionId) {
    }

    /** What the caller gets back. */
    public record Position(UUID recordingId, UUID sessionId, double positionSeconds, String lastEvent,
                           Instant updatedAt, double durationSeconds) {
    }

    private final PlaybackAccess access;
    private final MediaSourceRepository sources;
    private final ViewingRepository positions;
    private final ViewingEvents events;
    private final CourseRoster roster;
    private final StreamingConfig config;
    private final Clock clock;

    public ViewingService(PlaybackAccess access, MediaSourceRepository sources, ViewingRepository positions,
                          ViewingEvents events, CourseRoster roster, StreamingConfig config, Clock clock) {
        this.access = access;
        this.sources = sources;
        this.positions = positions;
        this.events = events;
        this.roster = roster;
        this.config = config;
        this.clock = clock;
    }

    public Uni<Position> report(Viewer viewer, UUID recordingId, Report report) {
        return Panache.withTransaction(() -> access.watchable(viewer, recordingId).chain(source ->
                courseOf(source).chain(courseId -> positions.findForUpdate(viewer.id(), recordingId).chain(row -> {
                    Instant now = Instant.now(clock);
                    double position = Math.min(report.position(), source.durationSeconds);
                    ViewingPosition p = row;
                    boolean fresh = p == null;
                    if (fresh) {
                        p = new ViewingPosition();
                        p.userId = viewer.id();
                        p.recordingId = recordingId;
                    }
                    Uni<Void> emitted = Uni.createFrom().voidItem();
                    boolean newSession = fresh || "ended".equals(p.lastEvent)
                            || p.reportedAt.isBefore(now.minus(config.playback().sessionIdle()))
                            || (report.sessionId() != null && !report.sessionId().equals(p.sessionId));
                    ViewingPosition state = p;
                    if (newSession) {
                        UUID previous = p.sessionId;
                        if (!fresh && !"ended".equals(p.lastEvent)) { // the old session went quiet: it timed out
                            ViewingEvents.Session old = new ViewingEvents.Session(previous, recordingId, viewer.id(), courseId);
                            double watchedBefore = state.sessionWatchedSeconds;
                            emitted = emitted.chain(() -> events.ended(old, state.positionSeconds, watchedBefore, "timeout", now));
                        }
                        p.sessionId = report.sessionId() != null ? report.sessionId() : UUID.randomUUID();
                        p.sessionStartedAt = now;
                        p.sessionWatchedSeconds = 0;
                        ViewingEvents.Session s = new ViewingEvents.Session(p.sessionId, recordingId, viewer.id(), courseId);
                        emitted = emitted.chain(() -> events.started(s, position, report.rendition(), now));
                    } else if (PLAYING.contains(p.lastEvent) && !"play".equals(report.event()) && !"seek".equals(report.event())) {
                        double from = p.positionSeconds;
                        double elapsed = Duration.between(p.reportedAt, now).toMillis() / 1000.0;
                        double watched = position - from;
                        if (watched > 0 && watched <= elapsed * Math.max(1, report.playbackRate()) * 1.25 + SLACK_SECONDS) {
                            p.sessionWatchedSeconds = Math.min(source.durationSeconds, p.sessionWatchedSeconds + watched);
                            ViewingEvents.Session s = new ViewingEvents.Session(p.sessionId, recordingId, viewer.id(), courseId);
                            emitted = emitted.chain(() -> events.progress(s, from, position, new ViewingEvents.Report(
                                    report.event(), position, report.rendition(), report.playbackRate(),
                                    report.bandwidthKbps(), report.bufferSeconds(), report.stalls()), now));
                        }
                    }
                    if ("ended".equals(report.event())) {
                        ViewingEvents.Session s = new ViewingEvents.Session(p.sessionId, recordingId, viewer.id(), courseId);
                        emitted = emitted.chain(() -> events.ended(s, position, state.sessionWatchedSeconds, "completed", now));
                    }
                    p.positionSeconds = position;
                    p.lastEvent = report.event();
                    p.reportedAt = now;
                    Uni<ViewingPosition> saved = fresh ? positions.persist(p) : Uni.createFrom().item(p);
                    return emitted.chain(() -> saved).map(v -> view(v, source));
                }))));
    }

    /**
     * Ends the sessions whose players went quiet for {@code playback.session-idle} (closed tabs,
     * lost networks) with reason {@code timeout}, so analytics need not wait for the viewer to come
     * back. Returns how many were ended.
     */
    public Uni<Integer> endIdleSessions() {
        Instant now = Instant.now(clock);
        return Panache.withTransaction(() -> positions.idleSince(now.minus(config.playback().sessionIdle()), 100)
                .chain(idle -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ViewingPosition p : idle) {
                        chain = chain.chain(() -> sources.findById(p.recordingId).chain(source ->
                                courseOf(source, p.recordingId).chain(courseId -> {
                                    ViewingEvents.Session s = new ViewingEvents.Session(p.sessionId, p.recordingId, p.userId, courseId);
                                    p.lastEvent = "ended";
                                    return events.ended(s, p.positionSeconds, p.sessionWatchedSeconds, "timeout", now);
                                })));
                    }
                    return chain.replaceWith(idle.size());
                }));
    }

    public Uni<Position> last(Viewer viewer, UUID recordingId) {
        return Panache.withSession(() -> access.watchable(viewer, recordingId).chain(source ->
                positions.find(viewer.id(), recordingId).map(p -> p == null
                        ? new Position(recordingId, null, 0, null, null, source.durationSeconds)
                        : view(p, source))));
    }

    private static Position view(ViewingPosition p, MediaSource source) {
        return new Position(p.recordingId, p.sessionId, p.positionSeconds, p.lastEvent, p.reportedAt, source.durationSeconds);
    }

    /** The course a viewing counts for: the one it was made for, else the first it is attached to. */
    private Uni<UUID> courseOf(MediaSource source) {
        return courseOf(source, source.recordingId);
    }

    private Uni<UUID> courseOf(MediaSource source, UUID recordingId) {
        if (source != null && source.courseId != null) {
            return Uni.createFrom().item(source.courseId);
        }
        return roster.coursesOf(recordingId).map(list -> list.isEmpty() ? null : list.get(0));
    }
}
