import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The relay load of bench/signalling-bench.sh part 1 (CLIENT=java, the default), in one JVM on one
 * Vert.x event loop: the same rooms, peers, messages, modes, window and JSON result lines as
 * load.js, with the Socket.IO v5 / Engine.IO v4 WebSocket protocol written and read as text
 * (CONNECT with {@code auth: {token}}, pings answered, events with ack ids, acks matched by id).
 * socket.io-client in Node costs about as much CPU per message as either server, and the clients
 * share the machine's two cores with the server: with it, the clients and not the servers set the
 * pace. This client costs a fraction of that, and is the same for both servers.
 *
 *   java -cp CLASSES:LIB/* RelayLoad URL TOKENS   env: ROOMS PEERS MODES INFLIGHT RATE WARMUP DURATION
 *                                                     MAX_PER_PEER JOIN_TIMEOUT SERVER_LABEL SERVER_PID
 *
 * TOKENS holds ROOMS x PEERS access tokens, one a line, the first of each room an instructor's
 * (node jwt.js tokens). One JSON line per mode on standard output; progress on standard error.
 */
public final class RelayLoad {

    private static final String SDP = sdp();
    private static final String CANDIDATE = "candidate:842163049 1 udp 1677729535 203.0.113.17 46154 typ srflx raddr 10.0.0.2 rport 46154 generation 0";
    // the fixed members of each kind of message, between `to` and `seq` (as load.js sends them)
    private static final String OFFER = "\"sdp\":" + new JsonObject().put("type", "offer").put("sdp", SDP).encode();
    private static final String ANSWER = "\"sdp\":" + new JsonObject().put("type", "answer").put("sdp", SDP).encode();
    private static final String ICE = "\"candidate\":" + new JsonObject().put("candidate", CANDIDATE).put("sdpMid", "0").put("sdpMLineIndex", 0).encode();
    private static final String OK_ACK = "[{\"ok\":true}]";
    private static final byte[] OK_BYTES = OK_ACK.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RELAY_OFFER_OR_ANSWER = "42[\"webrtc-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RELAY_CANDIDATE = "42[\"ice-candidate\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] T_MEMBER = ",\"t\":".getBytes(StandardCharsets.US_ASCII);
    private static final long CLK_TCK = 100;

    private final URI url;
    private final Vertx vertx;
    private final Context loop;
    private final WebSocketClient client;

    private RelayLoad(URI url, int connections) {
        this.url = url;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.loop = vertx.getOrCreateContext();
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(connections + 100)
                .setTryUsePerMessageCompression(true) // offered, as browsers and socket.io-client do
                .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20)
                .setConnectTimeout(60_000));
    }

    /** One Socket.IO connection, used only on the event loop. */
    private final class Peer {
        WebSocket ws;
        String id;
        List<String> targets;
        final Map<Integer, Consumer<String>> acks = new HashMap<>();
        int nextAck;
        Promise<Void> connected;
        Consumer<Buffer> relays = data -> { };
        int sent;
        int outstanding;
        int seq;
        boolean finished;

        Future<Peer> connect(String token) {
            connected = Promise.promise();
            return client.connect(new WebSocketConnectOptions().setHost(url.getHost()).setPort(url.getPort())
                    .setURI("/socket.io/?EIO=4&transport=websocket")).compose(socket -> {
                        ws = socket;
                        socket.handler(data -> receive(data, token)); // every frame is one packet here
                        socket.closeHandler(v -> connected.tryFail("closed"));
                        return connected.future().map(this);
                    });
        }

        /**
         * One Engine.IO packet, read from its bytes: a relay's send time `t` is found from the end
         * (the server appends its fields after it), so the 1.5 KB SDP around it is never decoded.
         */
        void receive(Buffer data, String token) {
            int length = data.length();
            byte type = data.getByte(0);
            if (length == 1 && type == '2') {
                ws.writeTextMessage("3");
            } else if (type == '4' && length > 1) {
                byte sub = data.getByte(1);
                if (sub == '2' && (startsWith(data, RELAY_OFFER_OR_ANSWER) || startsWith(data, RELAY_CANDIDATE))) {
                    relays.accept(data);
                } else if (sub == '3') {
                    int bracket = 2;
                    int id = 0;
                    while (data.getByte(bracket) != '[') {
                        id = id * 10 + (data.getByte(bracket++) - '0');
                    }
                    Consumer<String> ack = acks.remove(id);
                    if (ack != null) {
                        ack.accept(length - bracket == OK_BYTES.length && endsWith(data, OK_BYTES) ? OK_ACK
                                : data.getString(bracket, length));
                    }
                } else if (sub == '0') {
                    connected.tryComplete();
                } else if (sub == '4') {
                    connected.tryFail(data.toString());
                }
            } else if (type == '0') { // the Engine.IO open packet: the Socket.IO CONNECT carries the token
                ws.writeTextMessage("40" + new JsonObject().put("token", token).encode());
            }
        }

        /** Sends an event whose payload is JSON text; {@code ack} gets the ack's JSON array text. */
        void emit(String event, String json, Consumer<String> ack) {
            int id = nextAck++;
            acks.put(id, ack);
            ws.writeTextMessage("42" + id + "[\"" + event + "\"," + json + "]");
        }

        Future<String> request(String event, String json) {
            Promise<String> reply = Promise.promise();
            emit(event, json, reply::tryComplete);
            return reply.future();
        }
    }

    // --- joins ---------------------------------------------------------------------------------------

    private Future<List<Peer>> join(List<String> tokens, int rooms, int peers) {
        List<Peer> all = new ArrayList<>();
        Promise<List<Peer>> done = Promise.promise();
        int[] next = {0};
        int[] running = {0};
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (running[0] < 50 && next[0] < rooms) {
                int room = next[0]++;
                running[0]++;
                joinRoom(UUID.randomUUID().toString(), tokens.subList(room * peers, room * peers + peers)).onComplete(r -> {
                    running[0]--;
                    if (r.failed()) {
                        done.tryFail(r.cause());
                        return;
                    }
                    all.addAll(r.result());
                    if (next[0] == rooms && running[0] == 0) {
                        done.tryComplete(all);
                    } else {
                        pump[0].run();
                    }
                });
            }
        };
        loop.runOnContext(v -> pump[0].run());
        return done.future();
    }

    /** The peers of one room, one after the other, as load.js joins them. */
    private Future<List<Peer>> joinRoom(String roomId, List<String> tokens) {
        List<Peer> members = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (String token : tokens) {
            chain = chain.compose(v -> new Peer().connect(token)).compose(peer -> peer.request("join-room",
                    new JsonObject().put("room_id", roomId).encode()).map(reply -> {
                        JsonObject joined = new JsonArray(reply).getJsonObject(0);
                        if (!Boolean.TRUE.equals(joined.getBoolean("success")) || joined.getString("participant_id") == null) {
                            throw new IllegalStateException("join-room failed: " + reply);
                        }
                        peer.id = joined.getString("participant_id");
                        members.add(peer);
                        return null;
                    }));
        }
        return chain.map(v -> {
            List<String> ids = members.stream().map(p -> p.id).toList();
            for (Peer peer : members) {
                peer.targets = ids.stream().filter(id -> !id.equals(peer.id)).toList();
            }
            return members;
        });
    }

    // --- one mode ------------------------------------------------------------------------------------

    private static final class Tally {
        long sent, acked, delivered, inWindow, errors;
        String firstError;
        double[] latencies = new double[1 << 16];
        int count;

        void latency(double ms) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = ms;
        }
    }

    private String run(List<Peer> peers, String mode, int rooms, double joinSeconds) throws Exception {
        int inflight = num("INFLIGHT", 1);
        int rate = num("RATE", 1);
        long warmup = num("WARMUP", 3) * 1000L;
        long duration = num("DURATION", 10) * 1000L;
        int maxPerPeer = num("MAX_PER_PEER", 100000);
        double start = nowMs() + 500;
        double windowStart = start + warmup;
        double windowEnd = windowStart + duration;
        Tally tally = new Tally();
        CompletableFuture<Void> done = new CompletableFuture<>();
        int[] active = {peers.size()};
        long[] ticker = {-1};

        loop.runOnContext(v -> {
            for (Peer peer : peers) {
                peer.sent = 0;
                peer.outstanding = 0;
                peer.seq = 0;
                peer.finished = false;
                peer.relays = data -> {
                    double now = nowMs();
                    tally.delivered++;
                    double t = sendTime(data);
                    if (now >= windowStart && now < windowEnd && t >= start) {
                        tally.inWindow++;
                        tally.latency(now - t);
                    }
                };
            }
            Consumer<Peer> finish = peer -> {
                if (!peer.finished && peer.outstanding == 0 && (nowMs() >= windowEnd || peer.sent >= maxPerPeer)) {
                    peer.finished = true;
                    if (--active[0] == 0) {
                        done.complete(null);
                    }
                }
            };
            @SuppressWarnings("unchecked") Consumer<Peer>[] send = new Consumer[1];
            send[0] = peer -> {
                int k = peer.seq++;
                String to = peer.targets.get(k % peer.targets.size());
                int kind = k % 10;
                String event = kind == 0 ? "webrtc-offer" : kind == 1 ? "webrtc-answer" : "ice-candidate";
                String fixed = kind == 0 ? OFFER : kind == 1 ? ANSWER : ICE;
                peer.sent++;
                tally.sent++;
                peer.outstanding++;
                peer.emit(event, "{\"to\":\"" + to + "\"," + fixed + ",\"seq\":" + k + ",\"t\":" + nowMs() + "}", reply -> {
                    peer.outstanding--;
                    tally.acked++;
                    if (!OK_ACK.equals(reply)) {
                        tally.errors++;
                        if (tally.firstError == null) {
                            tally.firstError = reply;
                        }
                    }
                    if (mode.equals("closed") && nowMs() < windowEnd && peer.sent < maxPerPeer) {
                        send[0].accept(peer);
                    } else {
                        finish.accept(peer);
                    }
                });
            };
            vertx.setTimer(Math.max(1, (long) (start - nowMs())), id -> {
                if (mode.equals("closed")) {
                    for (Peer peer : peers) {
                        for (int i = 0; i < inflight && peer.sent < maxPerPeer; i++) {
                            send[0].accept(peer);
                        }
                    }
                } else { // paced: peer i sends its k-th message at start + (k + i / n) / rate seconds
                    int n = peers.size();
                    ticker[0] = vertx.setPeriodic(1, tick -> {
                        double now = nowMs();
                        boolean stop = now >= windowEnd;
                        for (int i = 0; i < n; i++) {
                            Peer peer = peers.get(i);
                            if (stop || peer.sent >= maxPerPeer) {
                                finish.accept(peer);
                                continue;
                            }
                            long due = (long) Math.floor((now - start) / 1000 * rate - (double) i / n) + 1;
                            while (peer.sent < due && peer.sent < maxPerPeer) {
                                send[0].accept(peer);
                            }
                        }
                    });
                }
            });
        });

        // the server's CPU and the machine's busy share over the counted window
        sleepUntil(windowStart);
        long[] cpu0 = cpu();
        sleepUntil(windowEnd);
        long[] cpu1 = cpu();
        try { // bounded: the window, then at most 20 s for the last acks and deliveries
            done.get((long) (windowEnd - nowMs()) + 20_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // reported as unfinished peers
        }
        Thread.sleep(500); // last deliveries after the last ack
        CompletableFuture<String> line = new CompletableFuture<>();
        loop.runOnContext(v -> {
            if (ticker[0] >= 0) {
                vertx.cancelTimer(ticker[0]);
            }
            long unfinished = peers.stream().filter(p -> !p.finished).count();
            for (Peer peer : peers) {
                peer.relays = data -> { };
            }
            double[] lat = Arrays.copyOf(tally.latencies, tally.count);
            Arrays.sort(lat);
            JsonObject out = new JsonObject()
                    .put("server", env("SERVER_LABEL", url.toString())).put("mode", mode).put("peers", peers.size())
                    .put("rooms", rooms).put("procs", 1).put("client", "java")
                    .put("join_seconds", round1(joinSeconds)).put("window_seconds", duration / 1000)
                    .put("delivered_in_window", tally.inWindow).put("rate", Math.round(tally.inWindow / (duration / 1000.0)))
                    .put("p50", pct(lat, 0.5)).put("p90", pct(lat, 0.9)).put("p99", pct(lat, 0.99))
                    .put("max", lat.length == 0 ? 0 : round2(lat[lat.length - 1]))
                    .put("sent", tally.sent).put("acked", tally.acked).put("delivered", tally.delivered)
                    .put("lost", tally.sent - tally.delivered).put("errors", tally.errors).put("unfinished", unfinished)
                    .put("first_error", tally.firstError);
            if (cpu0 != null && cpu1 != null) {
                out.put("server_cpu", round2((cpu1[1] - cpu0[1]) / (double) CLK_TCK / ((cpu1[0] - cpu0[0]) / 1000.0)));
                out.put("machine_busy", Math.round(100.0 * (cpu1[2] - cpu0[2]) / (cpu1[3] - cpu0[3])));
            } else {
                out.putNull("server_cpu").putNull("machine_busy");
            }
            line.complete(out.encode());
        });
        return line.get(10, TimeUnit.SECONDS);
    }

    // --- main ----------------------------------------------------------------------------------------

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: RelayLoad URL TOKENS");
            System.exit(2);
        }
        int rooms = num("ROOMS", 500);
        int peersPerRoom = num("PEERS", 4);
        List<String> tokens = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList();
        if (tokens.size() < rooms * peersPerRoom) {
            throw new IllegalArgumentException(args[1] + " holds " + tokens.size() + " tokens; " + rooms * peersPerRoom + " are needed");
        }
        RelayLoad load = new RelayLoad(URI.create(args[0]), rooms * peersPerRoom);
        int status = 0;
        try {
            long t0 = System.nanoTime();
            List<Peer> peers = load.join(tokens, rooms, peersPerRoom).toCompletionStage().toCompletableFuture()
                    .get(num("JOIN_TIMEOUT", 120), TimeUnit.SECONDS);
            double joinSeconds = (System.nanoTime() - t0) / 1e9;
            System.err.printf(Locale.ROOT, "load: %d peers in %d rooms joined in %.1f s (1 client JVM)%n", peers.size(), rooms, joinSeconds);
            for (String mode : env("MODES", "closed,paced").split(",")) {
                System.out.println(load.run(peers, mode, rooms, joinSeconds));
                System.out.flush();
                Thread.sleep(1000);
            }
        } catch (Exception e) {
            System.err.println("load: " + e);
            status = 1;
        } finally {
            load.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.exit(status);
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static String sdp() {
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        StringBuilder pad = new StringBuilder("a=group:BUNDLE 0 1\r\n");
        while (pad.length() < 1400) { // load.js: 'a=group:BUNDLE 0 1\r\n'.padEnd(1400, 'a=extmap-allow-mixed\r\n')
            pad.append("a=extmap-allow-mixed\r\n");
        }
        return sdp.append(pad, 0, 1400).append("\r\n").toString();
    }

    private static boolean startsWith(Buffer data, byte[] prefix) {
        if (data.length() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data.getByte(i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsWith(Buffer data, byte[] suffix) {
        int from = data.length() - suffix.length;
        if (from < 0) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (data.getByte(from + i) != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The number after the last {@code ,"t":} of a relayed event, or -1 when it has none. */
    private static double sendTime(Buffer data) {
        for (int at = data.length() - T_MEMBER.length; at >= 0; at--) {
            int i = 0;
            while (i < T_MEMBER.length && data.getByte(at + i) == T_MEMBER[i]) {
                i++;
            }
            if (i == T_MEMBER.length) {
                int from = at + T_MEMBER.length;
                int end = from;
                while (end < data.length() && "0123456789.eE-+".indexOf(data.getByte(end)) >= 0) {
                    end++;
                }
                return Double.parseDouble(data.getString(from, end));
            }
        }
        return -1;
    }

    private static final long ORIGIN = System.nanoTime();

    /** Milliseconds since this JVM started, with microseconds (the `t` sent and compared in this process). */
    private static double nowMs() {
        return (System.nanoTime() - ORIGIN) / 1e6;
    }

    private static void sleepUntil(double ms) throws InterruptedException {
        long wait = (long) (ms - nowMs());
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** [wall ms, the server's utime + stime ticks, the machine's busy ticks, total ticks], or null. */
    private static long[] cpu() {
        try {
            String pid = env("SERVER_PID", "");
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
            long proc = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            String[] all = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] t = new long[8];
            for (int i = 0; i < 8; i++) {
                t[i] = Long.parseLong(all[i + 1]);
            }
            long busy = t[0] + t[1] + t[2] + t[5] + t[6] + t[7];
            return new long[] {System.currentTimeMillis(), proc, busy, Arrays.stream(t).sum()};
        } catch (Exception e) {
            return null;
        }
    }

    private static Double pct(double[] sorted, double p) {
        return sorted.length == 0 ? null : round2(sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))]);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static int num(String name, int fallback) {
        return Integer.parseInt(env(name, String.valueOf(fallback)));
    }
}
