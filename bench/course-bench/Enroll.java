import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part 6 of bench/course-bench.sh: COUNT students register with auth-service and log in (PARALLEL
 * at a time; each login from its own X-Forwarded-For address), then all of them send
 * POST /api/v1/courses/{id}/enroll at the same moment: one thread per student, held at a latch
 * until every request is built and every thread waits, then released together.
 *
 * Usage: java Enroll.java BASE_URL COURSE_ID COUNT RUN PASSWORD [PARALLEL]
 *   BASE_URL for registration and login (the gateway); the enrolments go to ENROLL_URL when that
 *   system property is set (-DENROLL_URL=http://127.0.0.1:8085), else to BASE_URL too.
 * Prints progress, then one line "RESULT key=value ...": status_<code>=<count> for every status seen,
 * requests, wall_ms (latch release to the last answer), p50_ms, p99_ms, max_ms.
 * Exits 1 when a registration or login fails.
 */
public class Enroll {

    static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: Enroll BASE_URL COURSE_ID COUNT RUN PASSWORD [PARALLEL]");
            System.exit(2);
        }
        String base = args[0];
        String courseId = args[1];
        int count = Integer.parseInt(args[2]);
        String run = args[3];
        String password = args[4];
        int parallel = args.length > 5 ? Integer.parseInt(args[5]) : 8;
        String enrollBase = System.getProperty("ENROLL_URL", base);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .build();

        String[] tokens = new String[count];
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            long t0 = System.nanoTime();
            runAll(pool, count, n -> {
                String body = String.format("{\"email\":\"%s\",\"password\":\"%s\",\"full_name\":\"Enrol Student %d\"}",
                        email(run, n), password, n);
                HttpResponse<String> answer = http.send(post(base + "/api/v1/auth/register", body).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 201) {
                    throw new IllegalStateException("register " + email(run, n) + " answered " + answer.statusCode()
                            + ": " + answer.body());
                }
            });
            System.out.printf("registered %d students in %.1f s (%d at a time)%n", count, seconds(t0), parallel);
            long t1 = System.nanoTime();
            runAll(pool, count, n -> {
                String body = String.format("{\"email\":\"%s\",\"password\":\"%s\"}", email(run, n), password);
                HttpResponse<String> answer = http.send(post(base + "/api/v1/auth/login", body)
                                .header("X-Forwarded-For", String.format("10.%d.%d.%d", 100 + n / 62_500,
                                        (n / 250) % 250, n % 250 + 1))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher token = ACCESS_TOKEN.matcher(answer.body());
                if (answer.statusCode() != 200 || !token.find()) {
                    throw new IllegalStateException("login " + email(run, n) + " answered " + answer.statusCode()
                            + ": " + answer.body());
                }
                tokens[n] = token.group(1);
            });
            System.out.printf("logged in %d students in %.1f s (%d at a time)%n", count, seconds(t1), parallel);
        } finally {
            pool.shutdownNow();
        }

        // the storm: every request built, every thread waiting at the latch, then all released at once
        URI enroll = URI.create(enrollBase + "/api/v1/courses/" + courseId + "/enroll");
        HttpRequest[] requests = new HttpRequest[count];
        for (int n = 0; n < count; n++) {
            requests[n] = post(enroll.toString(), "{}").header("Authorization", "Bearer " + tokens[n]).build();
        }
        int[] status = new int[count];
        long[] nanos = new long[count];
        long[] done = new long[count];
        ConcurrentLinkedQueue<String> odd = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            final int i = n;
            Thread thread = new Thread(null, () -> {
                ready.countDown();
                try {
                    start.await();
                    long began = System.nanoTime();
                    HttpResponse<String> answer = http.send(requests[i], HttpResponse.BodyHandlers.ofString());
                    done[i] = System.nanoTime();
                    nanos[i] = done[i] - began;
                    status[i] = answer.statusCode();
                    if (status[i] != 201 && status[i] != 409 && odd.size() < 5) {
                        odd.add(status[i] + " " + answer.body());
                    }
                } catch (Exception e) {
                    done[i] = System.nanoTime();
                    status[i] = -1;
                    if (odd.size() < 5) {
                        odd.add("exception " + e);
                    }
                }
            }, "enrol-" + n, 256 * 1024);
            threads.add(thread);
            thread.start();
        }
        ready.await(); // a thread that counted down but has not reached start.await() yet passes it at once
        long released = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        long last = Arrays.stream(done).max().orElse(released);

        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (int s : status) {
            byStatus.merge(s, 1, Integer::sum);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        odd.forEach(line -> System.err.println("unexpected answer: " + line));
        StringBuilder result = new StringBuilder("RESULT");
        byStatus.forEach((s, n) -> result.append(" status_").append(s < 0 ? "error" : s).append('=').append(n));
        result.append(" requests=").append(count);
        result.append(String.format(" wall_ms=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f", (last - released) / 1e6,
                pct(sorted, 50) / 1e6, pct(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6));
        System.out.println(result);
    }

    interface Task {
        void run(int n) throws Exception;
    }

    /** Runs task(0 .. count-1) on the pool; rethrows the first failure. */
    static void runAll(ExecutorService pool, int count, Task task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        int workers = ((java.util.concurrent.ThreadPoolExecutor) pool).getCorePoolSize();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    task.run(n);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            System.err.println("bench: " + e.getCause().getMessage());
            System.exit(1);
        }
    }

    static HttpRequest.Builder post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    static String email(String run, int n) {
        return "course-bench-" + run + "-enrol-" + n + "@example.org";
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static long pct(long[] sorted, int p) {
        int i = (int) Math.ceil(sorted.length * p / 100.0) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
