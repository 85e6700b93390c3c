import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part 2 of bench/recording-bench.sh: RECORDERS browser captures at once, each sending a MediaRecorder
 * chunk every INTERVAL on a fixed-rate schedule, against recording-service.
 *
 * <p>Per round: log in (the instructor's access token, fresh each round), POST /api/v1/recordings/start
 * once per recorder (201), then each recorder, on its own thread with its own HTTP/1.1 connection
 * (like a browser tab), sends PUT /api/v1/recordings/{id}/chunks/{seq}
 * (Content-Type video/webm) at t0 + offset + seq * INTERVAL. The offsets spread the recorders evenly
 * over one interval (browsers are not synchronised). The schedule is absolute (fixed rate): a chunk
 * whose predecessor is still in flight is sent as soon as that one is answered, and the delay counts
 * as lateness, so a recorder that cannot keep up falls further and further behind, as a browser's
 * upload queue would. Chunk seq is bytes [seq * CHUNK_BYTES, (seq + 1) * CHUNK_BYTES) of WEBM, a
 * live WebM made before the run, so every recorder's chunks concatenate to a valid file.
 * Measured per chunk: latency (send to answer, the answer's body read) and lateness (how far behind
 * its scheduled time the send started). Then every recording is stopped (202), the program waits
 * until each is completed or failed (GET /api/v1/recordings/{id}) and deletes them (204).
 * A warm-up round of WARMUP seconds comes first and is reported but not counted.
 *
 * <p>CPU time over the load of each round (t0 to the last answer): recording-service (its JVM; its
 * FFmpeg children are counted separately, while processing), PostgreSQL (postmaster and its
 * backends), this load generator (this JVM), and the machine as a whole (/proc/stat), so that what
 * is left is everything else on the machine. GC of the service from {@code jstat -gc}.
 *
 * <p>With -Dprofile.s and -Dprofile.file, one more round of that many seconds follows the counted ones,
 * with a JFR recording (settings=profile) of the service during its load, written to that file
 * (label PROFILE; not counted: JFR costs a little).
 *
 * <p>Usage: java [options] Recorders.java BASE_URL LOGIN_URL EMAIL WEBM
 * <br>BASE_URL receives the recordings' requests (the service's port or the gateway), LOGIN_URL the
 * login (the gateway); the password comes from the environment variable BENCH_PASSWORD.
 * Options (system properties): -Drecorders=50 -Dinterval.ms=250 -Dchunk.bytes=81920 -Dduration.s=60
 * -Dwarmup.s=10 -Drounds=3 -Dprocess.timeout.s=900 -Dservice.pid= -Dpg.pid= -Dclk.tck=100
 * -Dxff=10.97.0 (X-Forwarded-For prefix of the logins: each login its own address) -Dprofile.s=0
 * -Dprofile.file= -Dmedia.dir= (the store's directory: after each round, wait up to -Dpurge.wait.s=150 until
 * the purge sweep removed the round's media, so that it does not run during the next round's load)
 * -Dclient=socket (socket: each recorder writes its requests on its own keep-alive socket
 * and reads the answers itself, about 0.25 ms of this JVM's CPU per 80 KB chunk; jdk:
 * java.net.http.HttpClient, 0.8-1.9 ms, CPU the service then lacks on a small machine)
 * -Dshared.client=false (with -Dclient=jdk; true: one HttpClient, so one selector thread, for all recorders)
 * -Dids.file= (each recording id started is appended to it, one a line).
 * <p>Prints progress and, per round, one line "ROUND n key=value ..." (the warm-up: "WARMUP ...").
 * Exits 1 when a round went wrong (a start, stop or chunk not answered as expected, a recording that
 * failed or whose chunk count differs from the chunks acknowledged, a delete not answered 204);
 * the line is still printed and the recordings are still stopped and deleted.
 */
public class Recorders {

    static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    final String base;
    final String loginUrl;
    final String email;
    final String password;
    final byte[] webm;
    final int recorders = Integer.getInteger("recorders", 50);
    final long intervalNanos = TimeUnit.MILLISECONDS.toNanos(Integer.getInteger("interval.ms", 250));
    final int chunkBytes = Integer.getInteger("chunk.bytes", 81920);
    final int durationSeconds = Integer.getInteger("duration.s", 60);
    final int warmupSeconds = Integer.getInteger("warmup.s", 10);
    final int rounds = Integer.getInteger("rounds", 3);
    final int processTimeoutSeconds = Integer.getInteger("process.timeout.s", 900);
    final long servicePid = Long.getLong("service.pid", 0);
    final long pgPid = Long.getLong("pg.pid", 0);
    final double clkTck = Integer.getInteger("clk.tck", 100);
    final String xff = System.getProperty("xff", "10.97.0");
    final boolean sharedClient = Boolean.getBoolean("shared.client");
    final String client = System.getProperty("client", "socket");
    final int profileSeconds = Integer.getInteger("profile.s", 0);
    final String profileFile = System.getProperty("profile.file");
    final String idsFile = System.getProperty("ids.file");
    final String mediaDir = System.getProperty("media.dir");
    final int purgeWaitSeconds = Integer.getInteger("purge.wait.s", 150);
    boolean jfr;
    final AtomicInteger logins = new AtomicInteger();
    final HttpClient control = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    Recorders(String base, String loginUrl, String email, String password, byte[] webm) {
        this.base = base;
        this.loginUrl = loginUrl;
        this.email = email;
        this.password = password;
        this.webm = webm;
    }

    public static void main(String[] args) throws Exception {
        String client = System.getProperty("client", "socket");
        if (!client.equals("socket") && !client.equals("jdk")) {
            System.err.println("-Dclient must be socket or jdk, not " + client);
            System.exit(2);
        }
        if (args.length != 4 || System.getenv("BENCH_PASSWORD") == null) {
            System.err.println("usage: BENCH_PASSWORD=... java Recorders.java BASE_URL LOGIN_URL EMAIL WEBM");
            System.exit(2);
        }
        Recorders bench = new Recorders(args[0], args[1], args[2], System.getenv("BENCH_PASSWORD"),
                Files.readAllBytes(Path.of(args[3])));
        boolean ok = true;
        if (bench.warmupSeconds > 0) {
            ok &= bench.round("WARMUP", 0, bench.warmupSeconds);
        }
        for (int r = 1; r <= bench.rounds; r++) {
            ok &= bench.round("ROUND", r, bench.durationSeconds);
        }
        if (bench.profileSeconds > 0 && bench.profileFile != null && bench.servicePid > 0) {
            bench.jfr = true;
            ok &= bench.round("PROFILE", 1, bench.profileSeconds);
        }
        System.exit(ok ? 0 : 1);
    }

    /** One round: start, load, stop, wait for processing, delete. Prints its line; false when something was wrong. */
    boolean round(String label, int number, int seconds) throws Exception {
        int scheduledPerRecorder = (int) (TimeUnit.SECONDS.toNanos(seconds) / intervalNanos);
        int available = (webm.length + chunkBytes - 1) / chunkBytes;
        int count = Math.min(scheduledPerRecorder, available);
        Map<String, String> out = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%s %d: %d recorders x %d chunks of %d bytes every %d ms (%d s)%s%n", label, number,
                recorders, count, chunkBytes, TimeUnit.NANOSECONDS.toMillis(intervalNanos), seconds,
                count < scheduledPerRecorder ? " - the WebM has bytes for only " + count + " chunks" : "");
        String token = login();
        String[] ids = new String[recorders];
        try {
            for (int i = 0; i < recorders; i++) {
                HttpResponse<String> answer = control.send(json("/api/v1/recordings/start", token,
                        "{\"title\":\"recording-bench " + label.toLowerCase(Locale.ROOT) + " " + number + " recorder " + i + "\"}")
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 201) {
                    problems.add("start answered " + answer.statusCode() + ": " + answer.body());
                    break;
                }
                ids[i] = field(answer.body(), "recording_id");
                if (idsFile != null) {
                    Files.writeString(Path.of(idsFile), ids[i] + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                }
            }
            if (problems.isEmpty()) {
                load(token, ids, count, out, problems);
            }
        } finally {
            finish(token, ids, out, problems);
        }
        out.put("problems", String.valueOf(problems.size()));
        StringBuilder line = new StringBuilder(label + " " + number);
        out.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        problems.stream().limit(10).forEach(p -> System.out.println("  PROBLEM: " + p));
        return problems.isEmpty();
    }

    /** The load: every recorder on its own thread, fixed-rate schedule. */
    void load(String token, String[] ids, int count, Map<String, String> out, List<String> problems) throws Exception {
        long[][] latency = new long[recorders][count];
        long[][] lateness = new long[recorders][count];
        int[][] status = new int[recorders][count];
        long[] lastAnswer = new long[recorders];
        List<String> odd = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(recorders);
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
        List<Thread> threads = new ArrayList<>();
        HttpClient shared = "jdk".equals(client) && sharedClient ? HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build() : null;
        for (int r = 0; r < recorders; r++) {
            final int i = r;
            Thread t = new Thread(() -> {
                ChunkSender sender = "jdk".equals(client) ? jdkSender(shared, token) : new SocketSender(URI.create(base), token);
                long offset = intervalNanos * i / recorders;
                ready.countDown();
                for (int seq = 0; seq < count; seq++) {
                    long due = t0 + offset + seq * intervalNanos;
                    for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    int from = seq * chunkBytes;
                    int length = Math.min(chunkBytes, webm.length - from);
                    String path = "/api/v1/recordings/" + ids[i] + "/chunks/" + seq;
                    long began = System.nanoTime();
                    lateness[i][seq] = began - due;
                    try {
                        Answer answer = sender.put(path, webm, from, length);
                        status[i][seq] = answer.status();
                        if (answer.status() != 201 && odd.size() < 10) {
                            odd.add("PUT chunk " + seq + " of " + ids[i] + " answered " + answer.status() + ": " + answer.body());
                        }
                    } catch (IOException | InterruptedException e) {
                        status[i][seq] = -1;
                        if (odd.size() < 10) {
                            odd.add("PUT chunk " + seq + " of " + ids[i] + ": " + e);
                        }
                    }
                    long done = System.nanoTime();
                    latency[i][seq] = done - began;
                    lastAnswer[i] = done;
                }
                sender.close();
            }, "recorder-" + i);
            threads.add(t);
        }
        String gcBefore = jstat();
        if (jfr) {
            jcmd("JFR.start", "name=recording-bench", "settings=profile", "filename=" + profileFile);
        }
        threads.forEach(Thread::start);
        ready.await();
        long wait = t0 - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        Cpu before = Cpu.now(servicePid, pgPid);
        Map<String, Long> threadsBefore = threadTicks(servicePid);
        for (Thread t : threads) {
            t.join();
        }
        Cpu after = Cpu.now(servicePid, pgPid);
        Map<String, Long> threadsAfter = threadTicks(servicePid);
        if (jfr) {
            jcmd("JFR.stop", "name=recording-bench");
        }
        String gcAfter = jstat();
        long end = Arrays.stream(lastAnswer).max().orElse(t0);
        double window = (end - t0) / 1e9;

        int scheduled = recorders * count;
        int acked = 0;
        int non201 = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        long[] lat = new long[scheduled];
        long[] late = new long[scheduled];
        int behind = 0;
        int k = 0;
        for (int i = 0; i < recorders; i++) {
            for (int s = 0; s < count; s++) {
                statuses.merge(status[i][s], 1, Integer::sum);
                if (status[i][s] == 201) {
                    acked++;
                } else {
                    non201++;
                }
                lat[k] = latency[i][s];
                late[k] = lateness[i][s];
                k++;
            }
            if (count > 0 && lateness[i][count - 1] >= intervalNanos) {
                behind++;
            }
        }
        Arrays.sort(lat);
        Arrays.sort(late);
        out.put("recorders", String.valueOf(recorders));
        out.put("scheduled", String.valueOf(scheduled));
        out.put("acked", String.valueOf(acked));
        out.put("non201", String.valueOf(non201));
        out.put("statuses", statuses.toString().replace(" ", ""));
        out.put("p50_ms", ms(pct(lat, 50)));
        out.put("p90_ms", ms(pct(lat, 90)));
        out.put("p99_ms", ms(pct(lat, 99)));
        out.put("max_ms", ms(lat[lat.length - 1]));
        out.put("late_p50_ms", ms(pct(late, 50)));
        out.put("late_p99_ms", ms(pct(late, 99)));
        out.put("late_max_ms", ms(late[late.length - 1]));
        out.put("behind", String.valueOf(behind));
        out.put("window_s", f(window));
        out.put("chunks_per_s", f(acked / window));
        out.put("scheduled_per_s", f(recorders * 1e9 / intervalNanos));
        out.put("mbit_per_s", f(acked * (double) chunkBytes * 8 / 1e6 / window));
        out.put("cpu_service_s", f((after.service - before.service) / clkTck));
        out.put("cpu_pg_s", f((after.pg - before.pg) / clkTck));
        out.put("cpu_loadgen_s", f((after.self - before.self) / 1e9));
        out.put("cpu_machine_busy_s", f((after.busy - before.busy) / clkTck));
        out.put("cpu_machine_iowait_s", f((after.iowait - before.iowait) / clkTck));
        out.put("cpu_machine_steal_s", f((after.steal - before.steal) / clkTck));
        out.put("service_cpu_ms_per_chunk", f(acked == 0 ? 0 : (after.service - before.service) / clkTck * 1000 / acked));
        out.put("loadgen_cpu_ms_per_chunk", f(acked == 0 ? 0 : (after.self - before.self) / 1e6 / acked));
        out.put("cpu_other_s", f((after.busy - before.busy - after.service + before.service - after.pg + before.pg) / clkTck
                - (after.self - before.self) / 1e9));
        out.put("cpu_capacity_s", f(window * Runtime.getRuntime().availableProcessors()));
        gc(gcBefore, gcAfter, out);
        Map<String, Long> groups = byGroup(threadsBefore, threadsAfter);
        out.put("service_threads_cpu_s", threadGroups(groups));
        out.put("cpu_eventloop_s", f(group(groups, "vert.x-eventloo") / clkTck));
        out.put("cpu_workers_s", f((group(groups, "executor-thread") + group(groups, "vert.x-worker-t")) / clkTck));
        out.put("cpu_vmthread_s", f(group(groups, "VM Thread") / clkTck));
        // the JIT compilers: C1 only under local mode's options, C1 and C2 with the JVM's defaults
        out.put("cpu_jit_s", f((group(groups, "C1 CompilerThre") + group(groups, "C2 CompilerThre")) / clkTck));
        if (non201 > 0) {
            problems.add(non201 + " chunk PUTs not answered 201 " + statuses);
        }
        problems.addAll(odd);
    }

    /** Stops what was started, waits for processing, checks the results and deletes the recordings. */
    void finish(String token, String[] ids, Map<String, String> out, List<String> problems) throws Exception {
        Cpu before = Cpu.now(servicePid, pgPid);
        long t = System.nanoTime();
        int stopped = 0;
        for (String id : ids) {
            if (id == null) {
                continue;
            }
            HttpResponse<String> answer = control.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/recordings/" + id + "/stop"))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 202) {
                stopped++;
            } else {
                problems.add("POST stop of " + id + " answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        out.put("stopped_202", String.valueOf(stopped));
        out.put("stop_all_s", f((System.nanoTime() - t) / 1e9));
        // wait until every recording is completed or failed
        Map<String, String> last = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(processTimeoutSeconds);
        List<String> pending = new ArrayList<>();
        for (String id : ids) {
            if (id != null) {
                pending.add(id);
            }
        }
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            for (var it = pending.iterator(); it.hasNext(); ) {
                String id = it.next();
                HttpResponse<String> answer = control.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/recordings/" + id))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                String s = answer.statusCode() == 200 ? field(answer.body(), "status") : "http-" + answer.statusCode();
                if ("completed".equals(s) || "failed".equals(s) || s.startsWith("http-")) {
                    last.put(id, answer.body());
                    it.remove();
                }
            }
        }
        long waited = System.nanoTime() - t;
        Cpu after = Cpu.now(servicePid, pgPid);
        int completed = 0;
        int failed = 0;
        int mismatched = 0;
        List<Double> processing = new ArrayList<>();
        List<Double> durations = new ArrayList<>();
        Instant firstStop = null;
        Instant lastDone = null;
        for (Map.Entry<String, String> e : last.entrySet()) {
            String body = e.getValue();
            String s = field(body, "status");
            if ("completed".equals(s)) {
                completed++;
                Instant stoppedAt = Instant.parse(field(body, "stopped_at"));
                Instant completedAt = Instant.parse(field(body, "completed_at"));
                processing.add(Duration.between(stoppedAt, completedAt).toMillis() / 1000.0);
                durations.add(Double.parseDouble(field(body, "duration_seconds")));
                firstStop = firstStop == null || stoppedAt.isBefore(firstStop) ? stoppedAt : firstStop;
                lastDone = lastDone == null || completedAt.isAfter(lastDone) ? completedAt : lastDone;
                if (!"true".equals(field(body, "has_video")) || !"true".equals(field(body, "has_audio"))) {
                    problems.add("recording " + e.getKey() + " completed without video or audio: " + body);
                }
            } else {
                failed++;
                problems.add("recording " + e.getKey() + " ended " + s + ": stage " + field(body, "error_stage")
                        + ", " + field(body, "error_message"));
            }
            String chunks = field(body, "chunk_count");
            if (out.containsKey("scheduled") && !String.valueOf(Integer.parseInt(out.get("scheduled")) / recorders).equals(chunks)) {
                mismatched++;
                problems.add("recording " + e.getKey() + " has chunk_count " + chunks + ", sent "
                        + Integer.parseInt(out.get("scheduled")) / recorders);
            }
        }
        if (!pending.isEmpty()) {
            problems.add(pending.size() + " recordings still processing after " + processTimeoutSeconds + " s: " + pending);
        }
        Collections.sort(processing);
        Collections.sort(durations);
        out.put("completed", String.valueOf(completed));
        out.put("failed", String.valueOf(failed));
        out.put("unfinished", String.valueOf(pending.size()));
        out.put("chunk_count_mismatch", String.valueOf(mismatched));
        out.put("processing_each_p50_s", processing.isEmpty() ? "-" : f(processing.get(processing.size() / 2)));
        out.put("processing_each_max_s", processing.isEmpty() ? "-" : f(processing.get(processing.size() - 1)));
        out.put("processing_all_s", firstStop == null ? "-" : f(Duration.between(firstStop, lastDone).toMillis() / 1000.0));
        out.put("media_seconds_p50", durations.isEmpty() ? "-" : f(durations.get(durations.size() / 2)));
        out.put("stop_to_done_polled_s", f(waited / 1e9));
        out.put("cpu_processing_service_s", f((after.service - before.service) / clkTck));
        out.put("cpu_processing_ffmpeg_s", f((after.serviceChildren - before.serviceChildren) / clkTck));
        // delete them all, whatever happened
        int deleted = 0;
        for (String id : ids) {
            if (id == null) {
                continue;
            }
            HttpResponse<String> answer = control.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/recordings/" + id))
                    .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 204) {
                deleted++;
            } else {
                problems.add("DELETE " + id + " answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        out.put("deleted_204", String.valueOf(deleted));
        // The service's purge sweep (every minute) then removes the media; a round's capture would share the
        // machine with the purge of the round before (gigabytes after a long warm-up). Wait for it.
        if (mediaDir != null) {
            long waitFrom = System.nanoTime();
            long purgeDeadline = waitFrom + TimeUnit.SECONDS.toNanos(purgeWaitSeconds);
            boolean left = true;
            while (left && System.nanoTime() < purgeDeadline) {
                left = Arrays.stream(ids).anyMatch(id -> id != null && Files.exists(Path.of(mediaDir, "raw", id)));
                if (left) {
                    Thread.sleep(500); // a condition poll, bounded by the deadline
                }
            }
            out.put("purged_s", left ? "not within " + purgeWaitSeconds : f((System.nanoTime() - waitFrom) / 1e9));
        }
    }

    String login() throws Exception {
        int n = logins.incrementAndGet();
        HttpResponse<String> answer = control.send(HttpRequest.newBuilder(URI.create(loginUrl + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", xff + "." + (n % 250 + 1))
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(answer.body());
        if (answer.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("login of " + email + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return m.group(1);
    }

    HttpRequest.Builder json(String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    /** A top-level scalar of a flat JSON object: a string's content, or a number, boolean or null as written. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.eE+]+|true|false|null)")
                .matcher(json);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    /** Runs {@code jcmd <service pid> args...} (the JDK's own tool), its output discarded. */
    void jcmd(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(servicePid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            System.out.println("  (jcmd " + String.join(" ", args) + " exited " + p.exitValue() + ")");
        }
    }

    /** {@code jstat -gc} of the service: the header and the values line, or null without a pid or jstat. */
    String jstat() {
        if (servicePid <= 0) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(), "-gc",
                    String.valueOf(servicePid)).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? text : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    /** Young and full collections of the service during the load, from two jstat -gc outputs. */
    static void gc(String before, String after, Map<String, String> out) {
        if (before == null || after == null) {
            return;
        }
        Map<String, Double> b = jstatValues(before);
        Map<String, Double> a = jstatValues(after);
        if (b == null || a == null) {
            return;
        }
        out.put("gc_young", String.valueOf(Math.round(a.get("YGC") - b.get("YGC"))));
        out.put("gc_young_s", f(a.get("YGCT") - b.get("YGCT")));
        out.put("gc_full", String.valueOf(Math.round(a.get("FGC") - b.get("FGC"))));
        out.put("gc_full_s", f(a.get("FGCT") - b.get("FGCT")));
        out.put("heap_used_after_mb", f((a.get("S0U") + a.get("S1U") + a.get("EU") + a.get("OU")) / 1024));
        out.put("heap_committed_after_mb", f((a.get("S0C") + a.get("S1C") + a.get("EC") + a.get("OC")) / 1024));
    }

    static Map<String, Double> jstatValues(String text) {
        String[] lines = text.strip().split("\n");
        if (lines.length < 2) {
            return null;
        }
        String[] names = lines[0].trim().split("\\s+");
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        Map<String, Double> m = new TreeMap<>();
        for (int i = 0; i < Math.min(names.length, values.length); i++) {
            try {
                m.put(names[i], Double.parseDouble(values[i]));
            } catch (NumberFormatException e) {
                // "-": a collector this JVM does not have (CGC without a concurrent collector)
            }
        }
        return m.containsKey("YGCT") && m.containsKey("FGCT") ? m : null;
    }

    /**
     * CPU clock ticks of each of the service's threads, keyed "tid name" with the name without its number
     * (the kernel keeps the first 15 characters: "vert.x-eventloo", "executor-thread", "VM Thread",
     * "C1 CompilerThre"). See {@link #byGroup} for the difference between two snapshots.
     */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> groups = new TreeMap<>();
        if (pid <= 0) {
            return groups;
        }
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[-#\\s]*[0-9]+$", "").strip();
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    groups.put(task.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return groups;
    }

    /**
     * Ticks per thread group between two snapshots: each thread alive at the end counts what it used since
     * the first snapshot (all of it if it started since). A thread that ended in between is missing: pool
     * threads that time out take their last ticks along, so the groups can undercount a little.
     */
    static Map<String, Long> byGroup(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> groups = new TreeMap<>();
        after.forEach((key, ticks) -> groups.merge(key.substring(key.indexOf(' ') + 1),
                ticks - before.getOrDefault(key, 0L), Long::sum));
        return groups;
    }

    static long group(Map<String, Long> groups, String name) {
        return groups.getOrDefault(name, 0L);
    }

    /** "name:seconds,..." for the thread groups that used the most CPU between two snapshots (the top 8). */
    String threadGroups(Map<String, Long> groups) {
        StringBuilder b = new StringBuilder();
        groups.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                .limit(8)
                .forEach(e -> b.append(b.length() > 0 ? "," : "").append(e.getKey().replace(' ', '_'))
                        .append(':').append(f(e.getValue() / clkTck)));
        return b.length() == 0 ? "-" : b.toString();
    }

    static long pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static String ms(long nanos) {
        return f(nanos / 1e6);
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** CPU counters at one moment: clock ticks from /proc, this JVM's CPU in nanoseconds. */
    record Cpu(long service, long serviceChildren, long pg, long self, long busy, long iowait, long steal) {
        static Cpu now(long servicePid, long pgPid) {
            long[] s = ticks(servicePid);
            long pg = 0;
            if (pgPid > 0) {
                pg = ticks(pgPid)[0];
                for (ProcessHandle child : ProcessHandle.of(pgPid).map(h -> h.children().toList()).orElse(List.of())) {
                    pg += ticks(child.pid())[0];
                }
            }
            long self = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
            long busy = 0;
            long iowait = 0;
            long steal = 0;
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal (guest time is already in user)
                for (int i = 1; i <= 8 && i < f.length; i++) {
                    long v = Long.parseLong(f[i]);
                    switch (i) {
                        case 4 -> { } // idle
                        case 5 -> iowait = v;
                        case 8 -> steal = v; // the hypervisor ran someone else on our vCPU
                        default -> busy += v;
                    }
                }
            } catch (IOException e) {
                // leave zero
            }
            return new Cpu(s[0], s[1], pg, self, busy, iowait, steal);
        }

        /** utime + stime, cutime + cstime of a process in clock ticks (zeros when it is gone or unknown). */
        static long[] ticks(long pid) {
            if (pid <= 0) {
                return new long[] {0, 0};
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields after the name, from 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
                return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), Long.parseLong(f[13]) + Long.parseLong(f[14])};
            } catch (IOException | RuntimeException e) {
                return new long[] {0, 0};
            }
        }
    }

    /** The status and body of an answer to a chunk. */
    record Answer(int status, String body) {
    }

    /** Sends one recorder's chunks over its connection. */
    interface ChunkSender extends AutoCloseable {
        Answer put(String path, byte[] bytes, int from, int length) throws IOException, InterruptedException;

        @Override
        default void close() {
        }
    }

    ChunkSender jdkSender(HttpClient shared, String token) {
        HttpClient http = shared != null ? shared : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return (path, bytes, from, length) -> {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "video/webm")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes, from, length))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.body());
        };
    }

    /**
     * HTTP/1.1 on a plain keep-alive socket, as wrk does it: the request head and the chunk in one
     * write, then the answer's status line, headers and body (Content-Length or chunked) read back.
     * A connection the server closes is opened again for the next chunk.
     */
    static final class SocketSender implements ChunkSender {
        private final String host;
        private final int port;
        private final String headTemplate;
        private java.net.Socket socket;
        private java.io.BufferedInputStream in;
        private java.io.OutputStream out;
        private byte[] buffer = new byte[0];

        SocketSender(URI base, String token) {
            if (!"http".equals(base.getScheme())) {
                throw new IllegalArgumentException("-Dclient=socket speaks plain http, not " + base);
            }
            host = base.getHost();
            port = base.getPort() < 0 ? 80 : base.getPort();
            headTemplate = " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: video/webm\r\nContent-Length: ";
        }

        @Override
        public Answer put(String path, byte[] bytes, int from, int length) throws IOException {
            byte[] head = ("PUT " + path + headTemplate + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            if (buffer.length < head.length + length) {
                buffer = new byte[head.length + length + 1024];
            }
            System.arraycopy(head, 0, buffer, 0, head.length);
            System.arraycopy(bytes, from, buffer, head.length, length);
            try {
                if (socket == null) {
                    socket = new java.net.Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new java.net.InetSocketAddress(host, port), 10_000);
                    socket.setSoTimeout(30_000);
                    in = new java.io.BufferedInputStream(socket.getInputStream(), 16384);
                    out = socket.getOutputStream();
                }
                out.write(buffer, 0, head.length + length);
                return read();
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        private Answer read() throws IOException {
            String status = line();
            if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
                throw new IOException("not an HTTP/1.1 status line: " + status);
            }
            int code = Integer.parseInt(status.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            boolean closeAfter = false;
            for (String header; !(header = line()).isEmpty(); ) {
                int colon = header.indexOf(':');
                String name = colon < 0 ? header : header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = colon < 0 ? "" : header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            if (chunked) {
                for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
                    copy(size, body);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (contentLength >= 0) {
                copy(contentLength, body);
            } else {
                closeAfter = true;
                in.transferTo(body);
            }
            if (closeAfter) {
                close();
            }
            return new Answer(code, body.toString(StandardCharsets.UTF_8));
        }

        private void copy(long n, java.io.ByteArrayOutputStream to) throws IOException {
            byte[] b = in.readNBytes((int) n);
            if (b.length != n) {
                throw new IOException("the connection closed in the middle of an answer");
            }
            to.write(b, 0, b.length);
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder(64);
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new IOException("the connection closed before the answer ended");
                }
                if (c != '\r') {
                    s.append((char) c);
                }
            }
            return s.toString();
        }

        @Override
        public void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
