import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording of recording-service saw its Java threads running (jdk.ExecutionSample, one
 * sample per running thread every 10-20 ms): the share of samples per thread group, the methods on top
 * of the stack (self), and the share of samples whose stack contains each of a few markers (inclusive;
 * a sample can count for several markers). GC and JIT threads are not Java threads and are not sampled
 * here: bench/recording-bench.sh reports their CPU from /proc.
 *
 * <p>Usage: java Profile.java RECORDING.jfr [TOP]; the last line ("IN SHORT: ...") sums it up in one line.
 */
public class Profile {

    /** Inclusive markers: label, then substrings of "class.method" of any frame. */
    static final Map<String, List<String>> MARKERS = new LinkedHashMap<>();

    static {
        MARKERS.put("SHA-256 of the chunk", List.of("sun.security.provider.SHA2", "java.security.MessageDigest.digest"));
        MARKERS.put("store: write + fsync + rename", List.of("FileSystemMediaStore"));
        MARKERS.put("fsync itself (FileChannel.force)", List.of("FileChannelImpl.force", "FileDispatcherImpl.force"));
        MARKERS.put("reading the request body", List.of("io.vertx.core.http.impl.Http1xServerRequest.handleContent",
                "org.jboss.resteasy.reactive.server.vertx.VertxResteasyReactiveRequestContext",
                "io.quarkus.vertx.http.runtime.VertxHttpRecorder", "org.jboss.resteasy.reactive.server.providers.serialisers.ServerByteArrayMessageBodyHandler",
                "io.vertx.ext.web.handler.impl.BodyHandlerImpl"));
        MARKERS.put("Netty / HTTP codec", List.of("io.netty."));
        MARKERS.put("Hibernate's query interpretation cache", List.of("org.hibernate.query.internal.QueryInterpretationCacheStandardImpl"));
        MARKERS.put("PostgreSQL client (vertx-pg)", List.of("io.vertx.pgclient", "io.vertx.sqlclient"));
        MARKERS.put("Hibernate Reactive / ORM", List.of("org.hibernate."));
        MARKERS.put("JWT / security", List.of("io.smallrye.jwt", "org.jose4j", "io.quarkus.security", "io.quarkus.smallrye.jwt"));
        MARKERS.put("Jackson (JSON)", List.of("com.fasterxml.jackson"));
        MARKERS.put("Kafka / outbox", List.of("org.apache.kafka", "io.vtp.kit.outbox"));
        MARKERS.put("recording-service code", List.of("io.vtp.recording."));
        MARKERS.put("byte array copies (System.arraycopy, Arrays.copyOf)", List.of("java.lang.System.arraycopy", "java.util.Arrays.copyOf"));
    }

    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> groups = new HashMap<>();
        Map<String, Integer> marked = new LinkedHashMap<>();
        MARKERS.keySet().forEach(k -> marked.put(k, 0));
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            total++;
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            groups.merge(thread == null ? "?" : thread.replaceAll("[-#\\s]*[0-9]+$", ""), 1, Integer::sum);
            self.merge(name(st.getFrames().get(0)), 1, Integer::sum);
            Set<String> hit = new HashSet<>();
            for (RecordedFrame f : st.getFrames()) {
                String n = name(f);
                MARKERS.forEach((label, needles) -> {
                    for (String needle : needles) {
                        if (n.contains(needle)) {
                            hit.add(label);
                        }
                    }
                });
            }
            hit.forEach(label -> marked.merge(label, 1, Integer::sum));
        }
        System.out.printf(Locale.ROOT, "%d execution samples%n", total);
        if (total == 0) {
            return;
        }
        final int n = total;
        System.out.println("by thread:");
        groups.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(8)
                .forEach(x -> System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * x.getValue() / n, x.getKey()));
        System.out.println("stacks containing (inclusive):");
        marked.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * v / n, k));
        System.out.println("top of the stack (self):");
        self.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top)
                .forEach(x -> System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * x.getValue() / n, x.getKey()));
        // one line for the summary: the markers at 5 % or more, then the three hottest methods
        StringBuilder line = new StringBuilder("IN SHORT: of " + n + " samples, stacks in ");
        marked.entrySet().stream().filter(x -> x.getValue() * 20 >= n).sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(x -> line.append(String.format(Locale.ROOT, "%s %.0f %%; ", x.getKey(), 100.0 * x.getValue() / n)));
        line.append("on top of the stack: ");
        self.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(3)
                .forEach(x -> line.append(String.format(Locale.ROOT, "`%s` %.0f %%, ", x.getKey(), 100.0 * x.getValue() / n)));
        System.out.println(line.substring(0, line.length() - 2));
    }

    static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
