import io.vtp.streaming.media.FfmpegRun;
import io.vtp.streaming.media.LadderCommand;
import io.vtp.streaming.media.LadderPlan;
import io.vtp.streaming.media.Rung;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One ladder encode of bench/streaming-bench.sh, made and run by streaming-service's own classes
 * (run with its target/quarkus-app jars on the class path): {@link LadderPlan#of} plans the ladder
 * of the probed source, {@link LadderCommand#build} makes the command line exactly as
 * TranscodePipeline does, and {@link FfmpegRun} runs it the way the service runs it (progress on
 * stdout, stderr kept). Variants of that command line are derived from it, so everything else stays
 * identical:
 * <ul>
 *   <li>{@code service}: the command as the service runs it, unchanged;</li>
 *   <li>{@code nothumbs}: without the scrubbing-preview branch (split one output fewer, no image2 output);</li>
 *   <li>{@code threads=N}: {@code -threads N} for the encoders (before the dash output);</li>
 *   <li>{@code fct=N}: {@code -filter_complex_threads N};</li>
 *   <li>{@code x264=...}: {@code -x264-params ...} for every rung;</li>
 *   <li>{@code perrung}: one ffmpeg process per rung, in sequence, each decoding the source (the command
 *       LadderCommand.build makes for a one-rung plan, without previews; the audio is encoded once,
 *       with the first rung);</li>
 *   <li>{@code fixed}: fixed bit rate instead of capped CRF: {@code -b:v:i} = the rung's rate, no
 *       {@code -crf}, the same maxrate and bufsize.</li>
 * </ul>
 * Usage: {@code java -cp CP Ladder.java FFMPEG SOURCE WORKDIR VARIANT RUNGS PRESET CRF AUDIO_KBPS
 * WIDTH HEIGHT FPS HAS_AUDIO DURATION [dry]}; prints the command lines ({@code CMD ...}), then
 * {@code RESULT wall_s=... video_bytes=... bytes_vN=... audio_bytes=...} and the rung files
 * ({@code RUNG index=... name=... width=... height=... kbps=... dir=...}).
 * The outputs stay in WORKDIR/out (or WORKDIR/out-i per rung for perrung) for the caller to inspect.
 */
public class Ladder {

    public static void main(String[] a) throws Exception {
        Path ffmpeg = Path.of(a[0]);
        Path source = Path.of(a[1]);
        Path work = Path.of(a[2]);
        List<String> variant = a[3].isBlank() ? List.of() : Arrays.asList(a[3].split(","));
        List<Rung> rungs = Arrays.stream(a[4].split(",")).map(Rung::parse).toList();
        LadderCommand.Settings settings = new LadderCommand.Settings(a[5], Integer.parseInt(a[6]), Integer.parseInt(a[7]));
        LadderPlan.Source src = new LadderPlan.Source(Integer.parseInt(a[8]), Integer.parseInt(a[9]),
                Double.parseDouble(a[10]), Boolean.parseBoolean(a[11]), Double.parseDouble(a[12]));
        boolean dry = a.length > 13 && a[13].equals("dry");
        // StreamingConfig's default max-fps is 30
        LadderPlan plan = LadderPlan.of(src, rungs, 30);

        deleteTree(work);
        Files.createDirectories(work);
        List<List<String>> commands = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        if (variant.contains("perrung")) {
            for (int i = 0; i < plan.video().size(); i++) {
                LadderPlan one = new LadderPlan(List.of(plan.video().get(i)), i == 0 && plan.audio(), plan.fps(),
                        plan.durationSeconds());
                Path out = Files.createDirectories(work.resolve("out-" + i));
                Path thumbs = Files.createDirectories(work.resolve("thumbs-" + i));
                commands.add(derive(LadderCommand.build(ffmpeg, source, out, thumbs, one, settings), variant, one, true));
                outs.add(out);
            }
        } else {
            Path out = Files.createDirectories(work.resolve("out"));
            Path thumbs = Files.createDirectories(work.resolve("thumbs"));
            List<String> cmd = LadderCommand.build(ffmpeg, source, out, thumbs, plan, settings);
            commands.add(derive(cmd, variant, plan, variant.contains("nothumbs")));
            outs.add(out);
        }
        for (List<String> cmd : commands) {
            System.out.println("CMD " + shell(cmd));
        }
        if (dry) {
            return;
        }
        long t0 = System.nanoTime();
        for (List<String> cmd : commands) {
            // the service's timeout (vtp.streaming.transcode.timeout) is 6 h
            new FfmpegRun().run(cmd, Duration.ofHours(6), s -> { });
        }
        double wall = (System.nanoTime() - t0) / 1e9;

        // bytes per stream: init-N.m4s + seg-N-*.m4s; video streams are 0..n-1, audio n (or per rung dir)
        TreeMap<Integer, Long> video = new TreeMap<>();
        long audio = 0;
        List<String> rungLines = new ArrayList<>();
        for (int o = 0; o < outs.size(); o++) {
            Path out = outs.get(o);
            int nVideo = outs.size() == 1 ? plan.video().size() : 1;
            for (int s = 0; s <= nVideo; s++) {
                long bytes = streamBytes(out, s);
                if (s < nVideo) {
                    int rung = outs.size() == 1 ? s : o;
                    video.put(rung, bytes);
                    LadderPlan.Planned p = plan.video().get(rung);
                    rungLines.add(String.format(Locale.ROOT, "RUNG index=%d name=%s width=%d height=%d kbps=%d dir=%s stream=%d",
                            rung, p.name(), p.width(), p.height(), p.bitrateKbps(), out, s));
                } else {
                    audio += bytes;
                }
            }
            if (!Files.isRegularFile(out.resolve("manifest.mpd"))) {
                throw new IllegalStateException("no manifest.mpd in " + out);
            }
        }
        StringBuilder r = new StringBuilder(String.format(Locale.ROOT, "RESULT wall_s=%.2f", wall));
        r.append(" video_bytes=").append(video.values().stream().mapToLong(Long::longValue).sum());
        video.forEach((k, v) -> r.append(" bytes_v").append(k).append('=').append(v));
        r.append(" audio_bytes=").append(audio);
        r.append(String.format(Locale.ROOT, " rtf=%.3f", plan.durationSeconds() / wall));
        System.out.println(r);
        rungLines.forEach(System.out::println);
    }

    /** The variant of a command made by LadderCommand.build. */
    static List<String> derive(List<String> cmd, List<String> variant, LadderPlan plan, boolean noThumbs) {
        List<String> c = new ArrayList<>(cmd);
        int n = plan.video().size();
        if (noThumbs) {
            int fc = c.indexOf("-filter_complex") + 1;
            String graph = c.get(fc);
            graph = graph.replace("split=" + (n + 1), "split=" + n).replace("[vs];", ";")
                    .replaceAll(";\\[vs\\][^;]*\\[thumbs\\]$", "");
            if (graph.contains("[vs]") || graph.contains("[thumbs]")) {
                throw new IllegalStateException("cannot remove the previews from " + graph);
            }
            if (n == 1) { // split=1 is legal, but say it plainly
                graph = graph.replace(",split=1[v0];[v0]", ",");
            }
            c.set(fc, graph);
            int t = c.lastIndexOf("[thumbs]") - 1; // "-map" "[thumbs]" ... image2 output: the command's tail
            if (t < 0 || !c.get(t).equals("-map")) {
                throw new IllegalStateException("no preview output in " + c);
            }
            c.subList(t, c.size()).clear();
        }
        int dash = c.indexOf("dash") - 1; // "-f" "dash"
        for (String v : variant) {
            if (v.startsWith("threads=")) {
                c.addAll(dash, List.of("-threads", v.substring("threads=".length())));
                dash += 2;
            } else if (v.startsWith("fct=")) {
                c.addAll(c.indexOf("-filter_complex"), List.of("-filter_complex_threads", v.substring("fct=".length())));
                dash += 2;
            } else if (v.startsWith("x264=")) {
                c.addAll(dash, List.of("-x264-params", v.substring("x264=".length())));
                dash += 2;
            } else if (v.equals("fixed")) {
                int crf = c.indexOf("-crf");
                c.subList(crf, crf + 2).clear();
                dash -= 2;
                for (int i = 0; i < n; i++) {
                    int at = c.indexOf("-maxrate:v:" + i);
                    c.addAll(at, List.of("-b:v:" + i, plan.video().get(i).bitrateKbps() + "k"));
                    dash += 2;
                }
            } else if (!v.equals("service") && !v.equals("nothumbs") && !v.equals("perrung")) {
                throw new IllegalArgumentException("unknown variant " + v);
            }
        }
        return List.copyOf(c);
    }

    static long streamBytes(Path out, int stream) throws IOException {
        Pattern p = Pattern.compile("(init-" + stream + "\\.m4s|seg-" + stream + "-\\d+\\.m4s)");
        try (Stream<Path> list = Files.list(out)) {
            return list.filter(f -> p.matcher(f.getFileName().toString()).matches()).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
    }

    static String shell(List<String> cmd) {
        StringBuilder b = new StringBuilder();
        for (String s : cmd) {
            if (b.length() > 0) {
                b.append(' ');
            }
            Matcher safe = Pattern.compile("[A-Za-z0-9_./:=,+-]+").matcher(s);
            b.append(safe.matches() ? s : "'" + s.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
