import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What bench/analytics-bench.sh loads, shared by its helpers (Roster, Viewing, Reports): the course,
 * its students and lectures, all derived from the run's name (RUN, "<epoch seconds>-<random>"), so
 * every helper computes the same ids without passing lists around; the events as other services
 * publish them (binary-mode CloudEvents, as analytics-service's test support writes them); and the
 * ways the helpers look at the service (Kafka offsets, PostgreSQL statistics, /q/metrics).
 *
 * Time line (the term): students enrol during the week before the term starts, TERM_DAYS before the
 * run; lecture i is published at termStart + i * (TERM_DAYS - 1) / LECTURES days, so the last one a
 * day or so before the run. Lectures last 45 to 60 minutes.
 */
final class Plan {

    static final int TERM_DAYS = 70;
    static final String SOURCE = "/vtp/analytics-bench";
    static final String VIEWING = "vtp.viewing";
    static final String ANALYTICS_GROUP = "analytics-service.activity";
    static final String PROGRESS_TYPE = "vtp.viewing.progress.v1";

    final String run;
    final int students;
    final int lectures;
    final Instant created;
    final Instant termStart;
    final UUID course;
    final UUID owner;
    final UUID[] studentIds;
    final UUID[] lectureIds;
    final double[] durations;
    final Instant[] published;
    final Instant[] enrolled;
    /** Per student, how much of the viewing they do (some students watch far more than others). */
    final double[] diligence;
    /** A recording outside the course, watched only by the visibility probes. */
    final UUID probeRecording;
    final UUID probeUser;

    Plan(String run, int students, int lectures) {
        this.run = run;
        this.students = students;
        this.lectures = lectures;
        this.created = Instant.ofEpochSecond(Long.parseLong(run.substring(0, run.indexOf('-'))));
        this.termStart = created.minus(Duration.ofDays(TERM_DAYS));
        Random random = new Random(run.hashCode());
        course = uuid("course", 0);
        owner = uuid("owner", 0);
        studentIds = new UUID[students];
        enrolled = new Instant[students];
        diligence = new double[students];
        for (int i = 0; i < students; i++) {
            studentIds[i] = uuid("student", i);
            enrolled[i] = termStart.minusSeconds(random.nextInt(7 * 86_400));
            // a fifth of the students barely watch; the rest between half and full effort
            diligence[i] = random.nextDouble() < 0.2 ? 0.05 + 0.1 * random.nextDouble() : 0.5 + 0.5 * random.nextDouble();
        }
        lectureIds = new UUID[lectures];
        durations = new double[lectures];
        published = new Instant[lectures];
        long spread = (TERM_DAYS - 1) * 86_400L;
        for (int i = 0; i < lectures; i++) {
            lectureIds[i] = uuid("lecture", i);
            durations[i] = Math.round((2700 + random.nextDouble() * 900) * 1000) / 1000.0;   // 45-60 min
            published[i] = termStart.plusSeconds(spread * i / lectures + 8 * 3600);
        }
        probeRecording = uuid("probe-recording", 0);
        probeUser = uuid("probe-user", 0);
    }

    UUID uuid(String kind, int i) {
        return UUID.nameUUIDFromBytes(("analytics-bench/" + run + "/" + kind + "/" + i).getBytes(StandardCharsets.UTF_8));
    }

    static Plan fromEnvironment() {
        return new Plan(env("RUN", null), Integer.parseInt(env("STUDENTS", "1000")), Integer.parseInt(env("LECTURES", "100")));
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalArgumentException("environment variable " + name + " is required");
            }
            return fallback;
        }
        return value;
    }

    static long envLong(String name, long fallback) {
        return Long.parseLong(env(name, String.valueOf(fallback)));
    }

    // --- events ------------------------------------------------------------------------------

    /**
     * An event as the services' outbox publishes it: {@code time} is its ce_time, its id is stamped
     * with the moment it is published ({@link #eventId}), as the outbox stamps it when it appends.
     */
    static ProducerRecord<String, String> event(String topic, String key, String type, Instant time, String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", eventId(System.currentTimeMillis()));
        header(record, "ce_type", type);
        header(record, "ce_source", SOURCE);
        header(record, "ce_subject", key);
        header(record, "ce_time", time.toString());
        header(record, "content-type", "application/json");
        return record;
    }

    /**
     * A CloudEvents id as service-kit's EventIds makes them: a time-ordered UUID (version 7) of
     * {@code epochMillis}, 74 random bits.
     */
    static String eventId(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = epochMillis << 16 | 0x7000L | random.nextLong() & 0x0FFFL;
        long low = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static String quoted(Object value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    static KafkaProducer<String, String> producer(String bootstrap, String compression, int lingerMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L * 1024 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        return new KafkaProducer<>(props);
    }

    // --- looking at the service ----------------------------------------------------------------

    static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }

    /** Partitions of a topic (local mode creates topics with one). */
    static List<TopicPartition> partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** End offsets of the topic's partitions (records written so far; empty when the topic does not exist). */
    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        if (!admin.listTopics().names().get().contains(topic)) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartition tp : partitions(admin, topic)) {
            request.put(tp, OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** Offsets the consumer group committed on the topic (0 for a partition without a commit). */
    static Map<TopicPartition, Long> committed(Admin admin, String group, String topic) throws Exception {
        ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(group);
        Map<TopicPartition, OffsetAndMetadata> all = result.partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : partitions(admin, topic)) {
            OffsetAndMetadata o = all.get(tp);
            out.put(tp, o == null ? 0L : o.offset());
        }
        return out;
    }

    static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    static Connection db() throws Exception {
        return DriverManager.getConnection(env("JDBC", null), env("DB_USER", "vtp"), env("DB_PASSWORD", "vtp"));
    }

    static long longQuery(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Rows inserted into raw_events so far (PostgreSQL's statistics: cheap, about half a second behind). */
    static long rawInserted(Connection db) throws Exception {
        return longQuery(db, "select coalesce((select n_tup_ins from pg_stat_user_tables where relname = 'raw_events'), 0)");
    }

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * The service's ingest lag timer from /q/metrics: count (progress events applied), sum (seconds),
     * max, p50 and p99 (seconds; Micrometer's client-side percentiles over its last minutes).
     */
    static double[] lagMetric(String serviceUrl) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        double[] out = new double[5];
        Arrays.fill(out, Double.NaN);
        for (String line : r.body().split("\n")) {
            if (!line.startsWith("vtp_analytics_ingest_lag_seconds")) {
                continue;
            }
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith("vtp_analytics_ingest_lag_seconds_count")) {
                out[0] = value;
            } else if (line.startsWith("vtp_analytics_ingest_lag_seconds_sum")) {
                out[1] = value;
            } else if (line.startsWith("vtp_analytics_ingest_lag_seconds_max")) {
                out[2] = value;
            } else if (line.contains("quantile=\"0.5\"")) {
                out[3] = value;
            } else if (line.contains("quantile=\"0.99\"")) {
                out[4] = value;
            }
        }
        if (Double.isNaN(out[0])) {
            out[0] = 0;
            out[1] = 0;
        }
        return out;
    }

    // --- CPU time (Linux /proc), to show where ingest's time goes -------------------------------

    static final double HZ = Double.parseDouble(env("CLK_TCK", "100"));
    static final int CORES = Runtime.getRuntime().availableProcessors();

    /** user + system clock ticks of a process (and of its descendants), 0 when it is gone or unknown. */
    static long ticks(long pid, boolean descendants) {
        if (pid <= 0) {
            return 0;
        }
        long total = ticksOf(pid);
        if (descendants) {
            total += ProcessHandle.of(pid).map(p -> p.descendants().mapToLong(d -> ticksOf(d.pid())).sum()).orElse(0L);
        }
        return total;
    }

    private static long ticksOf(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return 0;
        }
    }

    /** The machine's {busy, total} ticks over all CPUs (/proc/stat; idle and iowait are not busy). */
    static long[] machine() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[]{total - Long.parseLong(f[4]) - Long.parseLong(f[5]), total};
        } catch (Exception e) {
            return new long[]{0, 0};
        }
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static String f(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
