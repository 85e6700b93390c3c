package io.vtp.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vtp.analytics.config.AnalyticsConfig;
import io.vtp.analytics.domain.Fact;
import io.vtp.analytics.domain.Intervals;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes a batch of new facts into the rollups, inside the ingest transaction, with one bulk
 * statement per table (rows grouped per key first, keys sorted, so that two instances never lock
 * rows in opposite orders). Every update is either an addition (commutative: the order events
 * arrive in does not matter) or a merge that takes the earlier start and the later end.
 */
@ApplicationScoped
public class RollupWriter {

    /** activity_days.course_id of viewing outside any course. */
    public static final UUID NO_COURSE = new UUID(0, 0);

    private record WatchKey(UUID recordingId, UUID userId) implements Comparable<WatchKey> {
        @Override
        public int compareTo(WatchKey o) {
            int c = recordingId.compareTo(o.recordingId);
            return c != 0 ? c : userId.compareTo(o.userId);
        }
    }

    /** Buckets per row of lecture_bucket_chunks (V6). */
    static final int CHUNK = 64;

    private record ChunkKey(UUID recordingId, int chunk) implements Comparable<ChunkKey> {
        @Override
        public int compareTo(ChunkKey o) {
            int c = recordingId.compareTo(o.recordingId);
            return c != 0 ? c : Integer.compare(chunk, o.chunk);
        }
    }

    /** A batch's additions to one chunk of a lecture's buckets. */
    private static final class ChunkDelta {
        final int[] viewers = new int[CHUNK];
        final double[] rewatch = new double[CHUNK];
    }

    private record RenditionKey(UUID recordingId, String rendition) implements Comparable<RenditionKey> {
        @Override
        public int compareTo(RenditionKey o) {
            int c = recordingId.compareTo(o.recordingId);
            return c != 0 ? c : rendition.compareTo(o.rendition);
        }
    }

    private record DayKey(UUID courseId, UUID userId, LocalDate day) implements Comparable<DayKey> {
        @Override
        public int compareTo(DayKey o) {
            int c = courseId.compareTo(o.courseId);
            c = c != 0 ? c : userId.compareTo(o.userId);
            return c != 0 ? c : day.compareTo(o.day);
        }
    }

    private static final class SessionDelta {
        UUID recordingId;
        UUID userId;
        UUID courseId;
        Instant startedAt;
        Instant lastAt;
        Instant endedAt;
        String endReason;
        double watched;
        int intervals;
        int stalledIntervals;
        int stalls;
    }

    private static final class WatchState {
        UUID courseId;
        double[] intervals = Intervals.NONE;
        double watched;
        Instant first;
        Instant last;
    }

    private final int bucketSeconds;

    public RollupWriter(AnalyticsConfig config) {
        this.bucketSeconds = config.bucketSeconds();
    }

    /** Applies {@code facts} (new ones only: the caller deduplicated them) in the connection's transaction. */
    public Uni<Void> apply(SqlConnection conn, List<Fact> facts) {
        Map<DayKey, double[]> activity = new TreeMap<>();
        return users(conn, facts)
                .chain(() -> lectures(conn, facts))
                .chain(() -> rooms(conn, facts, activity))
                .chain(() -> viewing(conn, facts, activity))
                .chain(() -> activity(conn, activity));
    }

    // --- users and lectures: low rate, one statement per event ----------------------------------

    private Uni<Void> users(SqlConnection conn, List<Fact> facts) {
        List<Tuple> rows = new ArrayList<>();
        for (Fact f : facts) {
            if (f instanceof Fact.UserChanged u) {
                rows.add(Tuple.tuple().addValue(u.userId()).addValue(u.fullName()).addValue(u.email()).addValue(u.role())
                        .addValue(u.active()).addValue(u.at().atOffset(ZoneOffset.UTC)));
            }
        }
        return batch(conn, """
                insert into users as u (user_id, full_name, email, role, active, changed_at)
                values ($1, $2, $3, $4, coalesce($5, true), $6)
                on conflict (user_id) do update set full_name = coalesce(excluded.full_name, u.full_name),
                    email = coalesce(excluded.email, u.email), role = coalesce(excluded.role, u.role),
                    active = coalesce($5, u.active), changed_at = excluded.changed_at
                where u.changed_at <= excluded.changed_at""", rows);
    }

    private Uni<Void> lectures(SqlConnection conn, List<Fact> facts) {
        List<Tuple> completed = new ArrayList<>();
        List<Tuple> ready = new ArrayList<>();
        List<Tuple> deleted = new ArrayList<>();
        for (Fact f : facts) {
            if (f instanceof Fact.RecordingCompleted r) {
                completed.add(Tuple.tuple().addValue(r.recordingId()).addValue(r.title()).addValue(r.courseId())
                        .addValue(r.ownerId()).addValue(r.durationSeconds()).addValue(r.at().atOffset(ZoneOffset.UTC)));
            } else if (f instanceof Fact.MediaReady m) {
                ready.add(Tuple.tuple().addValue(m.recordingId()).addValue(m.durationSeconds()).addValue(m.renditionsJson())
                        .addValue(m.at().atOffset(ZoneOffset.UTC)));
            } else if (f instanceof Fact.RecordingDeleted d) {
                deleted.add(Tuple.of(d.recordingId(), d.at().atOffset(ZoneOffset.UTC)));
            }
        }
        // The duration of the published ladder wins over the recording's own (they differ by a frame or so).
        return batch(conn, """
                insert into lectures as l (recording_id, title, course_id, owner_id, duration_seconds, completed_at)
                values ($1, $2, $3, $4, $5, $6)
                on conflict (recording_id) do update set title = excluded.title, course_id = excluded.course_id,
                    owner_id = excluded.owner_id,
                    duration_seconds = case when l.ready_at is null then excluded.duration_seconds else l.duration_seconds end,
                    completed_at = excluded.completed_at""", completed)
                .chain(() -> batch(conn, """
                        insert into lectures as l (recording_id, duration_seconds, renditions, ready_at)
                        values ($1, $2, ($3::text)::jsonb, $4)
                        on conflict (recording_id) do update set duration_seconds = excluded.duration_seconds,
                            renditions = excluded.renditions, ready_at = excluded.ready_at
                        where l.ready_at is null or l.ready_at <= excluded.ready_at""", ready))
                .chain(() -> batch(conn, """
                        insert into lectures as l (recording_id, deleted_at) values ($1, $2)
                        on conflict (recording_id) do update set deleted_at = excluded.deleted_at""", deleted));
    }

    // --- live classes ------------------------------------------------------------------------

    private Uni<Void> rooms(SqlConnection conn, List<Fact> facts, Map<DayKey, double[]> activity) {
        Map<UUID, Object[]> rooms = new TreeMap<>();        // room -> {course, name, opened, closed}
        Map<UUID, Object[]> presences = new TreeMap<>();    // presence -> {room, user, joined, left}
        for (Fact f : facts) {
            if (f instanceof Fact.RoomOpened o) {
                Object[] r = rooms.computeIfAbsent(o.roomId(), k -> new Object[4]);
                r[0] = o.courseId() != null ? o.courseId() : r[0];
                r[1] = o.name();
                r[2] = earlier((Instant) r[2], o.at());
            } else if (f instanceof Fact.RoomClosed c) {
                Object[] r = rooms.computeIfAbsent(c.roomId(), k -> new Object[4]);
                r[0] = c.courseId() != null ? c.courseId() : r[0];
                r[3] = later((Instant) r[3], c.at());
            } else if (f instanceof Fact.Joined j) {
                Object[] r = rooms.computeIfAbsent(j.roomId(), k -> new Object[4]);
                r[0] = j.courseId() != null ? j.courseId() : r[0];
                Object[] p = presences.computeIfAbsent(j.presenceId(), k -> new Object[4]);
                p[0] = j.roomId();
                p[1] = j.userId();
                p[2] = earlier((Instant) p[2], j.at());
                day(activity, j.courseId(), j.userId(), j.at());
            } else if (f instanceof Fact.Left l) {
                Object[] r = rooms.computeIfAbsent(l.roomId(), k -> new Object[4]);
                r[0] = l.courseId() != null ? l.courseId() : r[0];
                Object[] p = presences.computeIfAbsent(l.presenceId(), k -> new Object[4]);
                p[0] = l.roomId();
                p[1] = l.userId();
                p[2] = earlier((Instant) p[2], l.joinedAt());
                p[3] = later((Instant) p[3], l.at());
                if (l.joinedAt() != null) {
                    day(activity, l.courseId(), l.userId(), l.joinedAt())[1] +=
                            (l.at().toEpochMilli() - l.joinedAt().toEpochMilli()) / 1000.0;
                }
            }
        }
        Columns r = new Columns(UUID.class, UUID.class, String.class, Instant.class, Instant.class);
        rooms.forEach((id, v) -> r.add(id).add(v[0]).add(v[1]).add(v[2]).add(v[3]));
        Columns p = new Columns(UUID.class, UUID.class, UUID.class, Instant.class, Instant.class);
        presences.forEach((id, v) -> p.add(id).add(v[0]).add(v[1]).add(v[2]).add(v[3]));
        return bulk(conn, """
                insert into rooms as r (room_id, course_id, name, opened_at, closed_at)
                select * from unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::timestamptz[], $5::timestamptz[])
                on conflict (room_id) do update set course_id = coalesce(excluded.course_id, r.course_id),
                    name = coalesce(excluded.name, r.name), opened_at = least(r.opened_at, excluded.opened_at),
                    closed_at = greatest(r.closed_at, excluded.closed_at)""", r)
                .chain(() -> bulk(conn, """
                        insert into presences as p (participant_session_id, room_id, user_id, joined_at, left_at)
                        select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[])
                        on conflict (participant_session_id) do update set joined_at = least(p.joined_at, excluded.joined_at),
                            left_at = greatest(p.left_at, excluded.left_at)""", p));
    }

    // --- viewing -----------------------------------------------------------------------------

    private Uni<Void> viewing(SqlConnection conn, List<Fact> facts, Map<DayKey, double[]> activity) {
        Map<UUID, SessionDelta> sessions = new TreeMap<>();
        Map<WatchKey, List<Fact.ViewProgress>> progress = new TreeMap<>();
        for (Fact f : facts) {
            if (f instanceof Fact.ViewStarted s) {
                SessionDelta d = session(sessions, s.sessionId(), s.recordingId(), s.userId(), s.courseId(), s.at());
                d.startedAt = earlier(d.startedAt, s.at());
            } else if (f instanceof Fact.ViewProgress p) {
                SessionDelta d = session(sessions, p.sessionId(), p.recordingId(), p.userId(), p.courseId(), p.at());
                d.watched += p.to() - p.from();
                d.intervals++;
                d.stalledIntervals += p.stalls() > 0 ? 1 : 0;
                d.stalls += p.stalls();
                progress.computeIfAbsent(new WatchKey(p.recordingId(), p.userId()), k -> new ArrayList<>()).add(p);
                day(activity, p.courseId(), p.userId(), p.at())[0] += p.to() - p.from();
            } else if (f instanceof Fact.ViewEnded e) {
                SessionDelta d = session(sessions, e.sessionId(), e.recordingId(), e.userId(), e.courseId(), e.at());
                d.endedAt = later(d.endedAt, e.at());
                d.endReason = e.reason();
            }
        }
        if (sessions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Columns s = new Columns(UUID.class, UUID.class, UUID.class, UUID.class, Instant.class, Instant.class, Instant.class,
                String.class, Double.class, Integer.class, Integer.class, Integer.class);
        sessions.forEach((id, d) -> s.add(id).add(d.recordingId).add(d.userId).add(d.courseId).add(d.startedAt).add(d.lastAt)
                .add(d.endedAt).add(d.endReason).add(d.watched).add(d.intervals).add(d.stalledIntervals).add(d.stalls));
        return conn.preparedQuery("""
                insert into viewing_sessions as v (session_id, recording_id, user_id, course_id, started_at, last_at, ended_at,
                    end_reason, watched_seconds, intervals, stalled_intervals, stalls)
                select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::timestamptz[],
                    $7::timestamptz[], $8::varchar[], $9::float8[], $10::int[], $11::int[], $12::int[])
                on conflict (session_id) do update set course_id = coalesce(v.course_id, excluded.course_id),
                    started_at = least(v.started_at, excluded.started_at), last_at = greatest(v.last_at, excluded.last_at),
                    ended_at = greatest(v.ended_at, excluded.ended_at), end_reason = coalesce(excluded.end_reason, v.end_reason),
                    watched_seconds = v.watched_seconds + excluded.watched_seconds, intervals = v.intervals + excluded.intervals,
                    stalled_intervals = v.stalled_intervals + excluded.stalled_intervals, stalls = v.stalls + excluded.stalls
                returning v.session_id, v.recording_id, v.intervals, v.stalls, v.last_at, v.xmax = 0""")
                .execute(s.tuple())
                .chain(rows -> lectureSessions(conn, sessions, rows))
                .chain(() -> progress.isEmpty() ? Uni.createFrom().voidItem() : watch(conn, progress));
    }

    /**
     * Adds the batch's change of each lecture's sessions to lecture_totals. The upsert returned
     * every session's values after it (and whether it inserted the row); the values before are
     * those minus the batch's additions, so a session that started playing or stalled for the
     * first time moves between the played and smooth counts exactly once.
     */
    private static Uni<Void> lectureSessions(SqlConnection conn, Map<UUID, SessionDelta> batch, RowSet<Row> after) {
        Map<UUID, long[]> perLecture = new TreeMap<>();     // {sessions, played, smooth, intervals, stalled, stalls}
        Map<UUID, Instant> last = new HashMap<>();
        for (Row row : after) {
            SessionDelta d = batch.get(row.getUUID(0));
            UUID recording = row.getUUID(1);
            int intervals = row.getInteger(2);
            int stalls = row.getInteger(3);
            boolean inserted = row.getBoolean(5);
            int intervalsBefore = intervals - d.intervals;
            int stallsBefore = stalls - d.stalls;
            long[] t = perLecture.computeIfAbsent(recording, k -> new long[6]);
            t[0] += inserted ? 1 : 0;
            t[1] += (intervals > 0 ? 1 : 0) - (!inserted && intervalsBefore > 0 ? 1 : 0);
            t[2] += (intervals > 0 && stalls == 0 ? 1 : 0) - (!inserted && intervalsBefore > 0 && stallsBefore == 0 ? 1 : 0);
            t[3] += d.intervals;
            t[4] += d.stalledIntervals;
            t[5] += d.stalls;
            last.merge(recording, row.getOffsetDateTime(4).toInstant(), RollupWriter::later);
        }
        Columns c = new Columns(UUID.class, Integer.class, Integer.class, Integer.class, Long.class, Long.class, Long.class,
                Instant.class);
        perLecture.forEach((r, t) -> c.add(r).add((int) t[0]).add((int) t[1]).add((int) t[2]).add(t[3]).add(t[4]).add(t[5])
                .add(last.get(r)));
        return bulk(conn, """
                insert into lecture_totals as t (recording_id, sessions, played_sessions, smooth_sessions, intervals,
                    stalled_intervals, stalls, last_session_at)
                select * from unnest($1::uuid[], $2::int[], $3::int[], $4::int[], $5::int8[], $6::int8[], $7::int8[],
                    $8::timestamptz[])
                on conflict (recording_id) do update set sessions = t.sessions + excluded.sessions,
                    played_sessions = t.played_sessions + excluded.played_sessions,
                    smooth_sessions = t.smooth_sessions + excluded.smooth_sessions, intervals = t.intervals + excluded.intervals,
                    stalled_intervals = t.stalled_intervals + excluded.stalled_intervals, stalls = t.stalls + excluded.stalls,
                    last_session_at = greatest(t.last_session_at, excluded.last_session_at)""", c);
    }

    /**
     * Merges the batch's intervals into each student's watched intervals of each lecture. The
     * existing rows are locked first ({@code for update}, in key order); rows that do not exist yet
     * are then created (a concurrent first insert of the same key waits, then conflicts) and locked
     * in turn. Two instances merging the same key serialise instead of overwriting each other, and
     * the common case (every student has watched the lecture before) takes one statement instead of
     * an insert attempt per key.
     */
    private Uni<Void> watch(SqlConnection conn, Map<WatchKey, List<Fact.ViewProgress>> progress) {
        Columns keys = new Columns(UUID.class, UUID.class);
        progress.forEach((k, list) -> keys.add(k.recordingId()).add(k.userId()));
        Map<WatchKey, WatchState> states = new HashMap<>();
        return lock(conn, keys, states).chain(() -> {
            if (states.size() == progress.size()) {
                return merge(conn, progress, states);
            }
            Columns seed = new Columns(UUID.class, UUID.class, UUID.class, Instant.class);
            Columns missing = new Columns(UUID.class, UUID.class);
            progress.forEach((k, list) -> {
                if (!states.containsKey(k)) {
                    seed.add(k.recordingId()).add(k.userId()).add(list.get(0).courseId()).add(list.get(0).at());
                    missing.add(k.recordingId()).add(k.userId());
                }
            });
            return bulk(conn, """
                    insert into watch_progress (recording_id, user_id, course_id, intervals, covered_seconds, watched_seconds,
                        first_watched_at, last_watched_at)
                    select r, u, c, '{}', 0, 0, t, t from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[]) as x(r, u, c, t)
                    on conflict do nothing""", seed)
                    .chain(() -> lock(conn, missing, states))
                    .chain(() -> merge(conn, progress, states));
        });
    }

    /** Locks the watch_progress rows of {@code keys} that exist, in key order, and reads them into {@code states}. */
    private static Uni<Void> lock(SqlConnection conn, Columns keys, Map<WatchKey, WatchState> states) {
        return conn.preparedQuery("""
                        select w.recording_id, w.user_id, w.course_id, w.intervals, w.watched_seconds, w.first_watched_at,
                            w.last_watched_at
                        from watch_progress w join unnest($1::uuid[], $2::uuid[]) as x(r, u)
                            on w.recording_id = x.r and w.user_id = x.u
                        order by w.recording_id, w.user_id for update of w""")
                .execute(keys.tuple())
                .invoke(rows -> {
                    for (Row row : rows) {
                        WatchState st = new WatchState();
                        st.courseId = row.getUUID(2);
                        Double[] iv = row.getArrayOfDoubles(3);
                        st.intervals = new double[iv.length];
                        for (int i = 0; i < iv.length; i++) {
                            st.intervals[i] = iv[i];
                        }
                        st.watched = row.getDouble(4);
                        st.first = row.getOffsetDateTime(5).toInstant();
                        st.last = row.getOffsetDateTime(6).toInstant();
                        states.put(new WatchKey(row.getUUID(0), row.getUUID(1)), st);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> merge(SqlConnection conn, Map<WatchKey, List<Fact.ViewProgress>> progress, Map<WatchKey, WatchState> states) {
        Map<ChunkKey, ChunkDelta> buckets = new TreeMap<>();
        Map<RenditionKey, Double> renditions = new TreeMap<>();
        FlatArrays intervals = new FlatArrays();
        Columns update = new Columns(UUID.class, UUID.class, Integer.class, Integer.class, Double.class, Double.class,
                Instant.class, Instant.class, UUID.class);
        Columns totals = new Columns(UUID.class, UUID.class, Double.class, Double.class, Double.class, Double.class,
                Instant.class);
        progress.forEach((key, list) -> {
            WatchState st = states.get(key);
            double[] before = st.intervals;
            double watchedBefore = st.watched;
            double[] merged = before;
            Set<Integer> touched = new HashSet<>();
            for (Fact.ViewProgress p : list) {
                int first = (int) Math.floor(p.from() / bucketSeconds);
                int last = Math.max(first, (int) Math.ceil(p.to() / bucketSeconds) - 1);
                double[] rewatch = new double[last - first + 1];
                Intervals.overlap(merged, p.from(), p.to(), bucketSeconds, rewatch, first);
                for (int b = first; b <= last; b++) {
                    touched.add(b);
                    if (rewatch[b - first] > 0) {
                        bucket(buckets, key.recordingId(), b).rewatch[b % CHUNK] += rewatch[b - first];
                    }
                }
                merged = Intervals.add(merged, p.from(), p.to());
                st.watched += p.to() - p.from();
                st.first = earlier(st.first, p.at());
                st.last = later(st.last, p.at());
                if (st.courseId == null) {
                    st.courseId = p.courseId();
                }
                if (p.to() > p.from()) {
                    renditions.merge(new RenditionKey(key.recordingId(), p.rendition() == null ? "unknown" : p.rendition()),
                            p.to() - p.from(), Double::sum);
                }
            }
            for (int b : touched) {
                if (!Intervals.coversBucket(before, b, bucketSeconds) && Intervals.coversBucket(merged, b, bucketSeconds)) {
                    bucket(buckets, key.recordingId(), b).viewers[b % CHUNK] += 1;
                }
            }
            int[] slice = intervals.add(merged);
            update.add(key.recordingId()).add(key.userId()).add(slice[0]).add(slice[1]).add(Intervals.covered(merged))
                    .add(st.watched).add(st.first).add(st.last).add(st.courseId);
            totals.add(key.recordingId()).add(key.userId()).add(watchedBefore).add(st.watched).add(Intervals.covered(before))
                    .add(Intervals.covered(merged)).add(st.last);
        });
        FlatArrays deltas = new FlatArrays();
        Columns b = new Columns(UUID.class, Integer.class, Integer.class, Integer.class);
        buckets.forEach((k, v) -> {
            int[] slice = deltas.add(v.viewers);
            deltas.add(v.rewatch);      // as long as viewers: the same slice of the float8 array
            b.add(k.recordingId()).add(k.chunk()).add(slice[0]).add(slice[1]);
        });
        Columns r = new Columns(UUID.class, String.class, Double.class);
        renditions.forEach((k, v) -> r.add(k.recordingId()).add(k.rendition()).add(v));
        return bulk(conn, """
                update watch_progress w set intervals = ($10::float8[])[x.s:x.e], covered_seconds = x.cv, watched_seconds = x.wt,
                    first_watched_at = x.f, last_watched_at = x.l, course_id = x.c
                from unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::float8[], $6::float8[], $7::timestamptz[],
                    $8::timestamptz[], $9::uuid[]) as x(r, u, s, e, cv, wt, f, l, c)
                where w.recording_id = x.r and w.user_id = x.u""", update, update.tuple().addValue(intervals.doubles()))
                .chain(() -> courseTotals(conn, totals))
                .chain(() -> lectureWatches(conn, totals))
                .chain(() -> bulk(conn, """
                        insert into lecture_bucket_chunks as c (recording_id, chunk, viewers, rewatch_seconds)
                        select x.r, x.k, ($5::int[])[x.s:x.e], ($6::float8[])[x.s:x.e]
                        from unnest($1::uuid[], $2::int[], $3::int[], $4::int[]) as x(r, k, s, e)
                        on conflict (recording_id, chunk) do update set
                            viewers = array(select a + d from unnest(c.viewers, excluded.viewers) with ordinality as y(a, d, i)
                                order by i),
                            rewatch_seconds = array(select a + d from unnest(c.rewatch_seconds, excluded.rewatch_seconds)
                                with ordinality as y(a, d, i) order by i)""", b,
                        b.tuple().addValue(deltas.ints()).addValue(deltas.doubles())))
                .chain(() -> bulk(conn, """
                        insert into lecture_renditions as r (recording_id, rendition, seconds)
                        select * from unnest($1::uuid[], $2::varchar[], $3::float8[])
                        on conflict (recording_id, rendition) do update set seconds = r.seconds + excluded.seconds""", r));
    }

    /**
     * Adds the change of each (lecture, student) watch rollup to course_student_totals, for every
     * course the lecture is published in: {@code totals} holds per key the seconds watched and
     * covered before and after the merge and the last watch. The migration's triggers recompute a
     * course when its lectures change; this keeps it current between those.
     */
    private static Uni<Void> courseTotals(SqlConnection conn, Columns totals) {
        return bulk(conn, """
                insert into course_student_totals as t (course_id, user_id, lectures_started, lectures_completed,
                    coverage_sum, watched_seconds, last_watched_at)
                select l.course_id, x.u, count(*) filter (where x.w1 > 0 and not x.w0 > 0),
                    count(*) filter (where least(x.c1 / nullif(m.duration_seconds, 0), 1) >= s.completion_coverage)
                        - count(*) filter (where least(x.c0 / nullif(m.duration_seconds, 0), 1) >= s.completion_coverage),
                    coalesce(sum(least(x.c1 / nullif(m.duration_seconds, 0), 1) - least(x.c0 / nullif(m.duration_seconds, 0), 1)), 0),
                    sum(x.w1 - x.w0), max(x.l)
                from unnest($1::uuid[], $2::uuid[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::timestamptz[])
                        as x(r, u, w0, w1, c0, c1, l)
                    join course_lectures l on l.recording_id = x.r and l.published
                    left join lectures m on m.recording_id = x.r
                    cross join rollup_settings s
                where m.deleted_at is null
                group by l.course_id, x.u
                order by l.course_id, x.u
                on conflict (course_id, user_id) do update set
                    lectures_started = t.lectures_started + excluded.lectures_started,
                    lectures_completed = t.lectures_completed + excluded.lectures_completed,
                    coverage_sum = t.coverage_sum + excluded.coverage_sum,
                    watched_seconds = t.watched_seconds + excluded.watched_seconds,
                    last_watched_at = greatest(t.last_watched_at, excluded.last_watched_at)""", totals);
    }

    /** Adds the change of each (lecture, student) watch rollup to its lecture's lecture_totals ({@code totals} as for courseTotals). */
    private static Uni<Void> lectureWatches(SqlConnection conn, Columns totals) {
        return bulk(conn, """
                insert into lecture_totals as t (recording_id, viewers, watched_seconds, coverage_sum, completed)
                select x.r, count(*) filter (where x.w1 > 0 and not x.w0 > 0), sum(x.w1 - x.w0),
                    coalesce(sum(least(x.c1 / nullif(m.duration_seconds, 0), 1) - least(x.c0 / nullif(m.duration_seconds, 0), 1)), 0),
                    count(*) filter (where least(x.c1 / nullif(m.duration_seconds, 0), 1) >= s.completion_coverage)
                        - count(*) filter (where least(x.c0 / nullif(m.duration_seconds, 0), 1) >= s.completion_coverage)
                from unnest($1::uuid[], $2::uuid[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::timestamptz[])
                        as x(r, u, w0, w1, c0, c1, l)
                    left join lectures m on m.recording_id = x.r
                    cross join rollup_settings s
                group by x.r
                order by x.r
                on conflict (recording_id) do update set viewers = t.viewers + excluded.viewers,
                    watched_seconds = t.watched_seconds + excluded.watched_seconds,
                    coverage_sum = t.coverage_sum + excluded.coverage_sum, completed = t.completed + excluded.completed""", totals);
    }

    private Uni<Void> activity(SqlConnection conn, Map<DayKey, double[]> activity) {
        Columns a = new Columns(UUID.class, UUID.class, LocalDate.class, Double.class, Double.class);
        activity.forEach((k, v) -> a.add(k.courseId()).add(k.userId()).add(k.day()).add(v[0]).add(v[1]));
        return bulk(conn, """
                insert into activity_days as a (course_id, user_id, day, watched_seconds, live_seconds)
                select * from unnest($1::uuid[], $2::uuid[], $3::date[], $4::float8[], $5::float8[])
                on conflict (course_id, user_id, day) do update set watched_seconds = a.watched_seconds + excluded.watched_seconds,
                    live_seconds = a.live_seconds + excluded.live_seconds""", a)
                .chain(() -> bulk(conn, """
                        insert into activity_weeks as a (course_id, user_id, week, watched_seconds, live_seconds)
                        select c, u, date_trunc('week', d)::date, sum(w), sum(l)
                        from unnest($1::uuid[], $2::uuid[], $3::date[], $4::float8[], $5::float8[]) as x(c, u, d, w, l)
                        group by 1, 2, 3 order by 1, 2, 3
                        on conflict (course_id, user_id, week) do update set
                            watched_seconds = a.watched_seconds + excluded.watched_seconds,
                            live_seconds = a.live_seconds + excluded.live_seconds""", a));
    }

    // --- helpers -----------------------------------------------------------------------------

    private static SessionDelta session(Map<UUID, SessionDelta> sessions, UUID id, UUID recording, UUID user, UUID course,
                                        Instant at) {
        SessionDelta d = sessions.computeIfAbsent(id, k -> new SessionDelta());
        d.recordingId = recording;
        d.userId = user;
        d.courseId = d.courseId != null ? d.courseId : course;
        d.lastAt = later(d.lastAt, at);
        return d;
    }

    private static ChunkDelta bucket(Map<ChunkKey, ChunkDelta> buckets, UUID recording, int bucket) {
        return buckets.computeIfAbsent(new ChunkKey(recording, bucket / CHUNK), k -> new ChunkDelta());
    }

    private static double[] day(Map<DayKey, double[]> activity, UUID course, UUID user, Instant at) {
        return activity.computeIfAbsent(new DayKey(course == null ? NO_COURSE : course, user,
                LocalDate.ofInstant(at, ZoneOffset.UTC)), k -> new double[2]);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Uni<Void> bulk(SqlConnection conn, String sql, Columns columns) {
        return columns.isEmpty() ? Uni.createFrom().voidItem() : bulk(conn, sql, columns, columns.tuple());
    }

    /** Runs {@code sql} with {@code parameters} (the columns' arrays and more), unless {@code rows} has none. */
    private static Uni<Void> bulk(SqlConnection conn, String sql, Columns rows, Tuple parameters) {
        return rows.isEmpty() ? Uni.createFrom().voidItem() : conn.preparedQuery(sql).execute(parameters).replaceWithVoid();
    }

    private static Uni<Void> batch(SqlConnection conn, String sql, List<Tuple> rows) {
        return rows.isEmpty() ? Uni.createFrom().voidItem() : conn.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
    }
}
