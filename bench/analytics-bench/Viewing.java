import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Viewing events for bench/analytics-bench.sh, written to vtp.viewing as streaming-service writes
 * them (binary-mode CloudEvents keyed by recording id), from a simulation of the course's students:
 * each student watches one lecture at a time, in sessions (viewing.started, progress intervals of
 * 10-30 s one after the other, viewing.ended); a session resumes where the student left the lecture
 * (or starts over once it was finished, or somewhere else 10 % of the time), seeks back (4 % of the
 * intervals, 30-300 s) or forward (2 %, 60-600 s), switches rendition (3 %: 360p / 720p), stalls
 * (3 % of the intervals, 1-3 stalls) and ends after the lecture's last second or at random (2.5 % per
 * interval, about 13 minutes on average). Busier students (Plan.diligence) report more often.
 *
 * Modes (Viewing MODE ...):
 *   burst N [W]      W events of other sessions first, waiting until analytics-service applied
 *                    them (its warm-up, not measured); then
 *                    N events as fast as the producer goes, reported_at = now, while analytics
 *                    consumes; then a plain KafkaConsumer reads the same records (the reference)
 *   paced RATE W S   RATE events/s for W s of warm-up, then S s measured, with visibility probes
 *   history TOTAL    tops vtp.viewing up to TOTAL records with events spread over the term
 *                    (reported_at in the past), as fast as the producer goes; waits until applied
 * Environment: RUN, STUDENTS, LECTURES, KAFKA, JDBC (analytics database), SERVICE_URL (analytics-
 * service), TOKEN (probes), COMPRESSION (lz4), LINGER_MS (10), STALL_TIMEOUT (s without progress
 * before giving up, 300), SEED. Prints progress and "RESULT key=value ..." lines.
 */
public class Viewing {

    static final double SEEK_BACK = 0.04;
    static final double SEEK_FORWARD = 0.02;
    static final double SWITCH = 0.03;
    static final double STALLED = 0.03;
    static final double LEAVE = 0.025;

    /** One event ready to send. */
    record Event(ProducerRecord<String, String> record, boolean progress) {
    }

    static final class Session {
        UUID id;
        int lecture;
        double position;
        String rendition;
        long clock;           // history mode: the session's own time (epoch ms)
        boolean ending;
    }

    /** The students' viewing, one event at a time. */
    static final class Generator {
        final Plan plan;
        final boolean live;
        final SplittableRandom random;
        final Session[] current;
        final float[] resume;         // [student * lectures + lecture]: where the student left the lecture
        final double[] cumulative;    // students' diligence, cumulated, for the weighted pick
        final long now;
        long events;
        long progressEvents;

        /** Share of the events so far that were progress events. */
        double progressShare() {
            return events == 0 ? 1 : (double) progressEvents / events;
        }

        Generator(Plan plan, boolean live, long seed) {
            this.plan = plan;
            this.live = live;
            this.random = new SplittableRandom(seed);
            this.current = new Session[plan.students];
            this.resume = new float[plan.students * plan.lectures];
            this.cumulative = new double[plan.students];
            double total = 0;
            for (int i = 0; i < plan.students; i++) {
                total += plan.diligence[i];
                cumulative[i] = total;
            }
            this.now = System.currentTimeMillis();
        }

        int pickStudent() {
            double x = random.nextDouble() * cumulative[cumulative.length - 1];
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        UUID uuid() {
            long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
            long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(msb, lsb);
        }

        static double ms(double seconds) {
            return Math.round(seconds * 1000) / 1000.0;
        }

        Event next() {
            Event e = step();
            events++;
            progressEvents += e.progress() ? 1 : 0;
            return e;
        }

        private Event step() {
            int s = pickStudent();
            Session session = current[s];
            UUID student = plan.studentIds[s];
            if (session == null) {
                session = new Session();
                session.id = uuid();
                session.lecture = random.nextInt(plan.lectures);
                double duration = plan.durations[session.lecture];
                double left = resume[s * plan.lectures + session.lecture];
                session.position = random.nextDouble() < 0.1 ? ms(random.nextDouble() * duration * 0.9)
                        : left < duration - 60 ? left : 0;
                session.rendition = random.nextDouble() < 0.7 ? "720p" : "360p";
                if (!live) {
                    long published = plan.published[session.lecture].toEpochMilli();
                    // most students watch within days of publication
                    long delay = (long) (-Math.log(1 - random.nextDouble()) * 2.5 * 86_400_000L);
                    session.clock = Math.min(published + delay, plan.created.toEpochMilli() - 3_600_000L
                            - random.nextLong(86_400_000L));
                    session.clock = Math.max(session.clock, published);
                }
                current[s] = session;
                Instant at = time(session);
                UUID recording = plan.lectureIds[session.lecture];
                return new Event(Plan.event(Plan.VIEWING, recording.toString(), "vtp.viewing.started.v1", at,
                        "{\"session_id\":\"" + session.id + "\",\"recording_id\":\"" + recording + "\",\"user_id\":\"" + student
                                + "\",\"course_id\":\"" + plan.course + "\",\"position_seconds\":" + session.position
                                + ",\"rendition\":null,\"started_at\":\"" + at + "\"}"), false);
            }
            UUID recording = plan.lectureIds[session.lecture];
            double duration = plan.durations[session.lecture];
            if (session.ending) {
                current[s] = null;
                resume[s * plan.lectures + session.lecture] = (float) session.position;
                Instant at = time(session);
                return new Event(Plan.event(Plan.VIEWING, recording.toString(), "vtp.viewing.ended.v1", at,
                        "{\"session_id\":\"" + session.id + "\",\"recording_id\":\"" + recording + "\",\"user_id\":\"" + student
                                + "\",\"course_id\":\"" + plan.course + "\",\"position_seconds\":" + session.position
                                + ",\"reason\":\"" + (session.position >= duration - 1 ? "completed" : "closed")
                                + "\",\"ended_at\":\"" + at + "\"}"), false);
            }
            double dice = random.nextDouble();
            if (dice < SEEK_BACK) {
                session.position = ms(Math.max(0, session.position - 30 - random.nextDouble() * 270));
            } else if (dice < SEEK_BACK + SEEK_FORWARD) {
                session.position = ms(Math.min(duration - 5, session.position + 60 + random.nextDouble() * 540));
            }
            if (random.nextDouble() < SWITCH) {
                session.rendition = session.rendition.equals("720p") ? "360p" : "720p";
            }
            int stalls = random.nextDouble() < STALLED ? 1 + random.nextInt(3) : 0;
            double from = session.position;
            double to = ms(Math.min(duration, from + 10 + random.nextDouble() * 20));
            session.position = to;
            if (!live) {
                session.clock += (long) ((to - from) * 1000) + stalls * 2000L;
            }
            if (to >= duration - 0.5 || random.nextDouble() < LEAVE) {
                session.ending = true;
            }
            Instant at = time(session);
            return new Event(Plan.event(Plan.VIEWING, recording.toString(), Plan.PROGRESS_TYPE, at,
                    "{\"session_id\":\"" + session.id + "\",\"recording_id\":\"" + recording + "\",\"user_id\":\"" + student
                            + "\",\"course_id\":\"" + plan.course + "\",\"from_seconds\":" + from + ",\"to_seconds\":" + to
                            + ",\"position_seconds\":" + to + ",\"playback_rate\":1,\"rendition\":\"" + session.rendition
                            + "\",\"reported_at\":\"" + at + "\",\"event\":\"heartbeat\",\"stalls\":" + stalls + "}"), true);
        }

        Instant time(Session session) {
            return live ? Instant.now() : Instant.ofEpochMilli(session.clock);
        }
    }

    /**
     * Samples of the run every few hundred ms: 0 time (s since start), 1 records acknowledged, 2 raw
     * rows inserted, 3 progress events applied (the lag timer's count), CPU ticks of 4 analytics-
     * service, 5 PostgreSQL (the postmaster and its backends), 6 Kafka, 7 this JVM (the producer),
     * 8 the machine busy, 9 the machine in all.
     */
    static final class Sampler extends Thread {
        final List<double[]> samples = new ArrayList<>();
        final AtomicLong acked;
        final Connection db;
        final long raw0;
        final double metric0;
        final String service;
        final long t0;
        final long periodMs;
        final long analyticsPid = Plan.envLong("ANALYTICS_PID", 0);
        final long postgresPid = Plan.envLong("PG_PID", 0);
        final long kafkaPid = Plan.envLong("KAFKA_PID", 0);
        final long self = ProcessHandle.current().pid();
        volatile boolean stop;

        Sampler(AtomicLong acked, long t0, long periodMs) throws Exception {
            this.acked = acked;
            this.db = Plan.db();
            this.raw0 = Plan.rawInserted(db);
            this.service = Plan.env("SERVICE_URL", null);
            this.metric0 = Plan.lagMetric(service)[0];
            this.t0 = t0;
            this.periodMs = periodMs;
            setDaemon(true);
        }

        double[] sample() throws Exception {
            double t = (System.nanoTime() - t0) / 1e9;
            long a = acked.get();
            long raw = Plan.rawInserted(db) - raw0;
            double progress = Plan.lagMetric(service)[0] - metric0;
            long[] machine = Plan.machine();
            double[] s = {t, a, raw, progress, Plan.ticks(analyticsPid, false), Plan.ticks(postgresPid, true),
                    Plan.ticks(kafkaPid, false), Plan.ticks(self, false), machine[0], machine[1]};
            synchronized (samples) {
                samples.add(s);
            }
            return s;
        }

        double[] last() {
            synchronized (samples) {
                return samples.isEmpty() ? new double[10] : samples.get(samples.size() - 1);
            }
        }

        @Override
        public void run() {
            while (!stop) {
                try {
                    sample();
                    Thread.sleep(periodMs);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.err.println("sampler: " + e);
                }
            }
        }

        /** When column {@code col} first reached {@code value} (linear between samples), or NaN. */
        double timeOf(int col, double value) {
            synchronized (samples) {
                for (int i = 0; i < samples.size(); i++) {
                    double[] s = samples.get(i);
                    if (s[col] >= value) {
                        if (i == 0) {
                            return s[0];
                        }
                        double[] p = samples.get(i - 1);
                        return p[0] + (s[0] - p[0]) * (value - p[col]) / Math.max(1e-9, s[col] - p[col]);
                    }
                }
            }
            return Double.NaN;
        }

        /** Column {@code col} at time {@code t} (s; linear between samples), or NaN outside them. */
        double valueAt(int col, double t) {
            synchronized (samples) {
                for (int i = 1; i < samples.size(); i++) {
                    double[] p = samples.get(i - 1);
                    double[] s = samples.get(i);
                    if (p[0] <= t && t <= s[0]) {
                        return p[col] + (s[col] - p[col]) * (t - p[0]) / Math.max(1e-9, s[0] - p[0]);
                    }
                }
            }
            return Double.NaN;
        }

        /**
         * CPU between the samples nearest to {@code from} and {@code to} (s): cores used by analytics-
         * service, PostgreSQL, Kafka, this producer and everything else on the machine, and the CPU ms
         * per 1,000 events applied of the first two. Printed (after {@code label}); returned for the
         * RESULT line, its keys prefixed with {@code prefix}.
         */
        String cpu(String label, String prefix, double from, double to, double progressShare) {
            double[] a = null;
            double[] b = null;
            synchronized (samples) {
                for (double[] s : samples) {
                    if (a == null && s[0] >= from) {
                        a = s;
                    }
                    if (s[0] <= to) {
                        b = s;
                    }
                }
            }
            if (a == null || b == null || b[0] - a[0] < 0.5 || analyticsPid <= 0) {
                return "";
            }
            double seconds = b[0] - a[0];
            double events = (b[3] - a[3]) / progressShare;
            double[] cores = new double[4];
            for (int i = 0; i < 4; i++) {
                cores[i] = (b[4 + i] - a[4 + i]) / Plan.HZ / seconds;
            }
            double busy = b[9] - a[9] <= 0 ? Double.NaN : Plan.CORES * (b[8] - a[8]) / (b[9] - a[9]);
            double other = busy - cores[0] - cores[1] - cores[2] - cores[3];
            double msAnalytics = (b[4] - a[4]) / Plan.HZ * 1000 / Math.max(1, events) * 1000;
            double msPostgres = (b[5] - a[5]) / Plan.HZ * 1000 / Math.max(1, events) * 1000;
            System.out.printf("  CPU %sover %.1f s (cores of %d): analytics-service %.2f, PostgreSQL %.2f, Kafka %.2f, this producer %.2f,"
                            + " everything else %.2f (machine busy %.2f); per 1,000 events applied: analytics-service %.0f ms,"
                            + " PostgreSQL %.0f ms%n", label, seconds, Plan.CORES, cores[0], cores[1], cores[2], cores[3], other, busy,
                    msAnalytics, msPostgres);
            return String.format(java.util.Locale.ROOT, " %1$scpu_analytics=%2$.2f %1$scpu_pg=%3$.2f %1$scpu_kafka=%4$.2f"
                    + " %1$scpu_producer=%5$.2f %1$scpu_other=%6$.2f %1$sms_analytics=%7$.0f %1$sms_pg=%8$.0f", prefix, cores[0],
                    cores[1], cores[2], cores[3], other, msAnalytics, msPostgres);
        }
    }

    public static void main(String[] args) throws Exception {
        Plan plan = Plan.fromEnvironment();
        String bootstrap = Plan.env("KAFKA", null);
        switch (args[0]) {
            case "burst" -> burst(plan, bootstrap, Long.parseLong(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 0);
            case "paced" -> paced(plan, bootstrap, Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "history" -> history(plan, bootstrap, Long.parseLong(args[1]));
            default -> throw new IllegalArgumentException("mode: burst | paced | history");
        }
    }

    /**
     * Runs the generator's code until the JIT compiled it (the first few hundred thousand events are
     * several times slower), so that the producer does not take CPU from the service meanwhile.
     */
    static void warmUp(Plan plan) {
        Generator warm = new Generator(plan, true, 1);
        long chars = 0;
        long t = System.nanoTime();
        for (int i = 0; i < 500_000; i++) {
            chars += warm.next().record().value().length();
        }
        System.out.printf("generator warmed up: 500,000 events (%.0f bytes of JSON each) made and discarded in %.1f s%n",
                chars / 500_000.0, (System.nanoTime() - t) / 1e9);
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        return Plan.producer(bootstrap, Plan.env("COMPRESSION", "lz4"), Integer.parseInt(Plan.env("LINGER_MS", "10")));
    }

    /**
     * Live sessions (reported_at = now) for one phase, seeded with what vtp.viewing holds: a run on
     * kept data (KEEP_DATA=1) sends new events, not duplicates of the previous run's.
     */
    static Generator freshSessions(Plan plan, Admin admin, String phase) throws Exception {
        return new Generator(plan, true, seed(phase + "/" + plan.run + "/" + Plan.sum(Plan.endOffsets(admin, Plan.VIEWING))));
    }

    static long seed(String salt) {
        return (Plan.env("SEED", "42") + "/" + salt).hashCode();
    }

    // --- burst: the ingest rate, and the raw consumer over the same records --------------------

    static void burst(Plan plan, String bootstrap, long n, long serviceWarmUp) throws Exception {
        warmUp(plan);
        try (Admin admin = Plan.admin(bootstrap)) {
            if (serviceWarmUp > 0) {
                warmUpService(plan, bootstrap, admin, serviceWarmUp);
            }
            Map<TopicPartition, Long> start = Plan.endOffsets(admin, Plan.VIEWING);
            Generator generator = freshSessions(plan, admin, "burst");
            AtomicLong acked = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long t0 = System.nanoTime();
            Sampler sampler = new Sampler(acked, t0, 250);
            sampler.start();
            long progress = 0;
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                for (long i = 0; i < n; i++) {
                    Event e = generator.next();
                    progress += e.progress() ? 1 : 0;
                    producer.send(e.record(), (meta, error) -> {
                        if (error == null) {
                            acked.incrementAndGet();
                        } else if (failed.getAndIncrement() == 0) {
                            System.err.println("send failed: " + error);
                        }
                    });
                }
                producer.flush();
            }
            double produced = (System.nanoTime() - t0) / 1e9;
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " records could not be sent");
            }
            System.out.printf("produced %,d viewing events (%,d progress) in %.1f s: %,.0f events/s (compression %s, linger %s ms)%n",
                    n, progress, produced, n / produced, Plan.env("COMPRESSION", "lz4"), Plan.env("LINGER_MS", "10"));
            Map<TopicPartition, Long> end = Plan.endOffsets(admin, Plan.VIEWING);
            awaitApplied(admin, end, sampler, n, "burst");
            sampler.stop = true;
            sampler.join();
            sampler.sample();
            // Timing from the service's lag timer: it counts each progress event once its transaction
            // committed (exact, at once). Progress events are ~94 % of the viewing events and spread
            // evenly among them, so n events were applied when all progress events were.
            double t10 = sampler.timeOf(3, 0.1 * progress);
            double t90 = sampler.timeOf(3, 0.9 * progress);
            double tAll = sampler.timeOf(3, progress);
            double steady = 0.8 * n / (t90 - t10);
            double overall = n / tAll;
            // cross-check: raw_events inserts (PostgreSQL's statistics, up to a second late)
            double rows10 = sampler.timeOf(2, 0.1 * n);
            double rows90 = sampler.timeOf(2, 0.9 * n);
            double rawRows = 0.8 * n / (rows90 - rows10);
            System.out.printf("analytics-service applied them (its lag timer's count of progress events): 10%% at %.1f s, 90%% at %.1f s,"
                    + " all at %.1f s after the first send%n", t10, t90, tAll);
            System.out.printf("  sustained (middle 80%%): %,.0f viewing events/s (%,.0f progress events/s); overall (first send to last"
                    + " applied): %,.0f events/s; cross-check from raw_events inserts: %,.0f rows/s%n", steady,
                    0.8 * progress / (t90 - t10), overall, rawRows);
            String cpu = sampler.cpu("", "", t10, t90, (double) progress / n);
            System.out.printf("  the producer was %s during the measured window%n",
                    produced <= t10 ? "already done" : produced >= t90 ? "running all along" : "running for the first "
                            + Math.round(100 * (produced - t10) / (t90 - t10)) + " %");
            // Until it has sent everything, this producer shares the machine's CPUs with what it
            // measures (about one core at 150,000 events/s; in a deployment the events come from
            // streaming-service elsewhere). From a second after it finished, analytics-service drains
            // the backlog with no load generator running, as the raw consumer below reads it.
            double tb = produced + 1;
            double backlog = 0;
            if (t90 - tb >= 5) {
                backlog = (0.9 * progress - sampler.valueAt(3, tb)) / (t90 - tb) * n / progress;
                System.out.printf("  draining the backlog (from 1 s after the producer finished, %.1f s, to 90 %%, %.1f s):"
                        + " %,.0f viewing events/s%n", tb, t90, backlog);
                cpu += sampler.cpu("draining the backlog ", "backlog_", tb, t90, (double) progress / n);
            } else {
                System.out.printf("  the producer ran until %.1f s, too close to 90 %% (%.1f s) to measure the backlog alone%n",
                        produced, t90);
            }

            // the reference: a plain consumer reading exactly these records, as fast as it can
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "analytics-bench-raw-" + plan.run + "-" + System.nanoTime());
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
            long total = 0;
            long bytes = 0;
            long headerBytes = 0;
            double r10 = Double.NaN;
            double r90 = Double.NaN;
            long want = Plan.sum(end) - Plan.sum(start);
            long c0 = System.nanoTime();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
                consumer.assign(start.keySet());
                start.forEach(consumer::seek);
                Map<TopicPartition, Long> position = new HashMap<>(start);
                while (total < want) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(5));
                    for (ConsumerRecord<String, String> r : records) {
                        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                        if (r.offset() >= end.get(tp)) {
                            continue;
                        }
                        position.put(tp, r.offset() + 1);
                        total++;
                        bytes += r.value().length();
                        for (Header h : r.headers()) {
                            if (h.key().equals("ce_id") || h.key().equals("ce_type")) {
                                headerBytes += new String(h.value(), java.nio.charset.StandardCharsets.UTF_8).length();
                            }
                        }
                    }
                    double t = (System.nanoTime() - c0) / 1e9;
                    if (Double.isNaN(r10) && total >= 0.1 * want) {
                        r10 = t;
                    }
                    if (Double.isNaN(r90) && total >= 0.9 * want) {
                        r90 = t;
                    }
                    if (records.isEmpty() && t > 120) {
                        throw new IllegalStateException("the raw consumer read only " + total + " of " + want);
                    }
                }
            }
            double rawAll = (System.nanoTime() - c0) / 1e9;
            double rawSteady = 0.8 * want / (r90 - r10);
            System.out.printf("raw KafkaConsumer (new group, StringDeserializer, ce_id/ce_type headers read) over the same %,d records:"
                    + " %,.0f records/s (10%%-90%%), all in %.2f s (%,.0f/s); %.0f bytes of JSON per record%n",
                    want, rawSteady, rawAll, want / rawAll, (double) bytes / Math.max(1, total));
            System.out.printf("RESULT phase=burst events=%d progress=%d produce_s=%.2f produce_rate=%.0f applied_10=%.2f applied_90=%.2f"
                            + " applied_all=%.2f rate_steady=%.0f rate_overall=%.0f rows_rate=%.0f raw_rate=%.0f raw_overall=%.0f"
                            + " raw_s=%.2f ratio=%.4f rate_backlog=%.0f backlog_from=%.2f ratio_backlog=%.4f bytes_per_event=%.0f%s%n",
                    n, progress, produced, n / produced, t10, t90, tAll, steady, overall, rawRows, rawSteady,
                    want / rawAll, rawAll, steady / rawSteady, backlog, tb, backlog / rawSteady, (double) bytes / Math.max(1, total),
                    cpu);
        }
    }

    /**
     * Sends {@code n} events of other sessions (their own seed) as fast as the producer goes and
     * waits until analytics-service applied them: a service that has run for a while has its hot
     * code compiled by C2 and its heap at its working size, which the first minute of a fresh JVM
     * has not (C2's compiler thread took 17-22 % of the two CPUs 45-65 s into an unwarmed burst).
     */
    static void warmUpService(Plan plan, String bootstrap, Admin admin, long n) throws Exception {
        Generator generator = freshSessions(plan, admin, "burst-warm-up");
        AtomicLong acked = new AtomicLong();
        long t0 = System.nanoTime();
        Sampler sampler = new Sampler(acked, t0, 1000);
        sampler.start();
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (long i = 0; i < n; i++) {
                producer.send(generator.next().record(), (meta, error) -> {
                    if (error == null) {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        awaitApplied(admin, Plan.endOffsets(admin, Plan.VIEWING), sampler, n, "service warm-up");
        sampler.stop = true;
        sampler.join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("service warm-up: %,d events of other sessions applied in %.1f s (%,.0f events/s, not counted)%n",
                n, seconds, n / seconds);
    }

    /**
     * Waits until analytics-service has committed its offsets up to {@code end} on vtp.viewing (all
     * applied), printing progress every 10 s; fails after STALL_TIMEOUT seconds without progress.
     */
    static void awaitApplied(Admin admin, Map<TopicPartition, Long> end, Sampler sampler, long n, String phase) throws Exception {
        long stallTimeout = Plan.envLong("STALL_TIMEOUT", 300) * 1_000_000_000L;
        long want = Plan.sum(end);
        long lastChange = System.nanoTime();
        long lastCommitted = -1;
        double lastRaw = -1;
        long lastPrint = System.nanoTime();
        while (true) {
            long committed = Plan.sum(Plan.committed(admin, Plan.ANALYTICS_GROUP, Plan.VIEWING));
            double[] s = sampler.last();
            if (committed >= want) {
                return;
            }
            if (committed != lastCommitted || s[3] != lastRaw) {
                lastChange = System.nanoTime();
                lastCommitted = committed;
                lastRaw = s[3];
            } else if (System.nanoTime() - lastChange > stallTimeout) {
                throw new IllegalStateException(phase + ": analytics-service made no progress for "
                        + stallTimeout / 1_000_000_000L + " s (committed " + committed + " of " + want + ")");
            }
            if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                lastPrint = System.nanoTime();
                System.out.printf("  %5.0f s: %,d progress events applied (the service's lag timer), consumer group %,d records behind%n",
                        s[0], (long) s[3], want - committed);
            }
            Thread.sleep(250);
        }
    }

    // --- paced: the lag at a steady rate ---------------------------------------------------------

    static final Pattern PLAYTIME = Pattern.compile("\"total_playtime\"\\s*:\\s*([0-9.eE+-]+)");

    static void paced(Plan plan, String bootstrap, int rate, int warmup, int seconds) throws Exception {
        warmUp(plan);
        String service = Plan.env("SERVICE_URL", null);
        String token = System.getenv("TOKEN");
        try (Admin admin = Plan.admin(bootstrap); KafkaProducer<String, String> producer = producer(bootstrap)) {
            Generator generator = freshSessions(plan, admin, "paced");
            AtomicLong acked = new AtomicLong();
            long t0 = System.nanoTime();
            Sampler sampler = new Sampler(acked, t0, 500);
            sampler.start();
            long total = (long) rate * (warmup + seconds);
            double[] m1 = null;
            double[] s1 = null;
            long sent = 0;
            List<Double> lags = new ArrayList<>();
            Thread prober = null;
            while (sent < total) {
                double t = (System.nanoTime() - t0) / 1e9;
                if (m1 == null && t >= warmup) {
                    m1 = Plan.lagMetric(service);
                    s1 = sampler.sample();
                    if (token != null && !token.isBlank()) {
                        prober = probes(plan, producer, service, token, seconds, lags);
                    }
                }
                long due = Math.min(total, (long) (t * rate));
                while (sent < due) {
                    producer.send(generator.next().record(), (meta, error) -> {
                        if (error == null) {
                            acked.incrementAndGet();
                        }
                    });
                    sent++;
                }
                Thread.sleep(2);
            }
            producer.flush();
            double[] m2 = Plan.lagMetric(service);
            double[] s2 = sampler.sample();
            if (prober != null) {
                prober.join();
            }
            double window = s2[0] - s1[0];
            String cpu = sampler.cpu("", "", s1[0], s2[0], generator.progressShare());
            // applied viewing events: progress events applied (lag timer) over the share of progress events produced
            double appliedRate = (s2[3] - s1[3]) / window / generator.progressShare();
            double producedRate = (s2[1] - s1[1]) / window;
            double mean = (m2[1] - m1[1]) / Math.max(1, m2[0] - m1[0]);
            double[] sorted = lags.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("paced at %,d events/s: %d s warm-up, %d s measured; produced %,.0f/s, applied %,.0f/s in the measured window%n",
                    rate, warmup, seconds, producedRate, appliedRate);
            if (appliedRate < 0.95 * producedRate) {
                System.out.println("  analytics-service did NOT keep up with this rate: the lag grew during the window, so it is no steady state");
            }
            System.out.printf("  service metric vtp_analytics_ingest_lag_seconds at the end: p50 %.3f s, p99 %.3f s (Micrometer's"
                    + " rolling window), max %.3f s; mean over the measured window %.3f s (%,.0f progress events)%n",
                    m2[3], m2[4], m2[2], mean, m2[0] - m1[0]);
            if (sorted.length > 0) {
                System.out.printf("  visibility probes (progress event sent with reported_at = now, GET /api/v1/recordings/{id}/analytics"
                        + " polled every 20 ms until it counts it): %d probes, p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                        sorted.length, Plan.percentile(sorted, 50), Plan.percentile(sorted, 99), sorted[sorted.length - 1]);
            }
            Map<TopicPartition, Long> end = Plan.endOffsets(admin, Plan.VIEWING);
            long drainStart = System.nanoTime();
            awaitApplied(admin, end, sampler, (long) s2[1], "paced");
            sampler.stop = true;
            System.out.printf("  backlog drained %.1f s after the last send%n", (System.nanoTime() - drainStart) / 1e9);
            System.out.printf("RESULT phase=paced rate=%d seconds=%d produced_rate=%.0f applied_rate=%.0f metric_p50=%.4f metric_p99=%.4f"
                            + " metric_max=%.4f metric_mean=%.4f probes=%d probe_p50=%.1f probe_p99=%.1f probe_max=%.1f events=%d%s%n",
                    rate, seconds, producedRate, appliedRate, m2[3], m2[4], m2[2], mean, sorted.length,
                    Plan.percentile(sorted, 50), Plan.percentile(sorted, 99), sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1],
                    sent + sorted.length, cpu);
        }
    }

    /**
     * About one probe a second for {@code seconds}: a progress event of the probe user on the probe
     * recording (10 s more of it), then the recording's summary polled until its total playtime has
     * it; the lag is from the event's reported_at to the answer that showed it.
     */
    static Thread probes(Plan plan, KafkaProducer<String, String> producer, String service, String token, int seconds,
                         List<Double> lags) {
        Thread t = new Thread(() -> {
            UUID session = UUID.randomUUID();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            URI uri = URI.create(service + "/api/v1/recordings/" + plan.probeRecording + "/analytics");
            HttpRequest get = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build();
            try {
                double base = playtime(get);
                for (int k = 0; System.nanoTime() < end; k++) {
                    long next = System.nanoTime() + 1_000_000_000L;
                    double from = (k % 300) * 10.0;
                    Instant at = Instant.now();
                    String json = "{\"session_id\":\"" + session + "\",\"recording_id\":\"" + plan.probeRecording + "\",\"user_id\":\""
                            + plan.probeUser + "\",\"course_id\":null,\"from_seconds\":" + from + ",\"to_seconds\":" + (from + 10)
                            + ",\"position_seconds\":" + (from + 10) + ",\"playback_rate\":1,\"rendition\":\"720p\",\"reported_at\":\""
                            + at + "\",\"event\":\"heartbeat\",\"stalls\":0}";
                    producer.send(Plan.event(Plan.VIEWING, plan.probeRecording.toString(), Plan.PROGRESS_TYPE, at, json));
                    double want = base + 10 * (k + 1) - 0.001;
                    long deadline = System.nanoTime() + 120_000_000_000L;
                    while (playtime(get) < want) {
                        if (System.nanoTime() > deadline) {
                            System.err.println("probe " + k + " not visible after 120 s");
                            return;
                        }
                        Thread.sleep(20);
                    }
                    synchronized (lags) {
                        lags.add((double) (System.currentTimeMillis() - at.toEpochMilli()));
                    }
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            } catch (Exception e) {
                System.err.println("probes stopped: " + e);
            }
        }, "probes");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static double playtime(HttpRequest get) throws Exception {
        HttpResponse<String> r = Plan.HTTP.send(get, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return 0;   // no analytics for the probe recording yet
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + get.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        Matcher m = PLAYTIME.matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no total_playtime in " + r.body());
        }
        return Double.parseDouble(m.group(1));
    }

    // --- history: the bulk of the events, spread over the term -----------------------------------

    static void history(Plan plan, String bootstrap, long target) throws Exception {
        try (Admin admin = Plan.admin(bootstrap)) {
            long have = Plan.sum(Plan.endOffsets(admin, Plan.VIEWING));
            long n = target - have;
            if (n <= 0) {
                System.out.printf("vtp.viewing already holds %,d records (EVENTS=%,d): nothing to load%n", have, target);
                System.out.printf("RESULT phase=history events=0 total=%d%n", have);
                return;
            }
            Generator generator = new Generator(plan, false, seed("history/" + plan.run + "/" + have));
            warmUp(plan);
            long progress = 0;
            AtomicLong acked = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long t0 = System.nanoTime();
            Sampler sampler = new Sampler(acked, t0, 1000);
            sampler.start();
            long printed = System.nanoTime();
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                for (long i = 0; i < n; i++) {
                    Event e = generator.next();
                    progress += e.progress() ? 1 : 0;
                    producer.send(e.record(), (meta, error) -> {
                        if (error == null) {
                            acked.incrementAndGet();
                        } else if (failed.getAndIncrement() == 0) {
                            System.err.println("send failed: " + error);
                        }
                    });
                    if ((i & 0xFFFF) == 0 && System.nanoTime() - printed > 10_000_000_000L) {
                        printed = System.nanoTime();
                        double[] s = sampler.last();
                        System.out.printf("  %5.0f s: %,d of %,d events sent, about %,d applied%n", s[0], i, n,
                                (long) (s[3] * i / Math.max(1, progress)));
                    }
                }
                producer.flush();
            }
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " records could not be sent");
            }
            double produced = (System.nanoTime() - t0) / 1e9;
            System.out.printf("produced %,d events spread over the term in %.1f s (%,.0f/s); vtp.viewing now holds %,d records%n",
                    n, produced, n / produced, have + n);
            awaitApplied(admin, Plan.endOffsets(admin, Plan.VIEWING), sampler, n, "history");
            sampler.stop = true;
            sampler.join();
            sampler.sample();
            double t10 = sampler.timeOf(3, 0.1 * progress);
            double t90 = sampler.timeOf(3, 0.9 * progress);
            double tAll = sampler.timeOf(3, progress);
            System.out.printf("applied in %.0f s after the first send; sustained (10%%-90%%) %,.0f events/s while the tables grew%n",
                    tAll, 0.8 * n / (t90 - t10));
            String cpu = sampler.cpu("", "", t10, t90, (double) progress / n);
            System.out.printf("RESULT phase=history events=%d total=%d produce_s=%.1f applied_all=%.1f rate_steady=%.0f%s%n",
                    n, have + n, produced, tAll, 0.8 * n / (t90 - t10), cpu);
        }
    }
}
