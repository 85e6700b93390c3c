#!/usr/bin/env bash
# signalling-service benchmarks (issue 10). Runs on this machine against the packaged service
# (signalling-service/target/quarkus-app, built here when missing or stale) with local mode's
# PostgreSQL and Kafka, and against a reference Node socket.io 4.8 server, in the same run:
#   1. Relay throughput and latency: ROOMS (500) rooms x PEERS (4) peers over the websocket
#      transport, from the load generator CLIENT names:
#        java (default): bench/signalling-bench/RelayLoad.java, one JVM on one Vert.x event loop,
#                Socket.IO v5 / Engine.IO v4 written and read as text (compiled here against the
#                service's own jars);
#        raw:    the same in Node over `ws` (load.js, PROCS (2) processes);
#        socket.io-client: the official socket.io-client 4.8 (load.js, PROCS processes), as
#                earlier runs measured; it costs about as much CPU per message as either server, and
#                the clients share the 2 cores with the server, so with it the clients set the pace.
#      Peers join
#      (the first of each room with an instructor token), then all start together and send
#      webrtc-offer / webrtc-answer / ice-candidate (1 offer, 1 answer, 8 candidates in every 10,
#      to the other peers of the room in turn, each with an ack and its send time `t`).
#        closed: each peer keeps INFLIGHT (1) messages unacknowledged, the server sets the pace
#                (saturation): delivered messages/s and the latency of those deliveries;
#        paced:  each peer sends RATE (1) messages a second, the same offered load for every server:
#                latency at a load neither is saturated by.
#      Both modes run one after the other on the same joined peers (one load.js run per server and
#      round). Counted: relays received in the window WARMUP..WARMUP+DURATION s after the start;
#      latency = receive time - `t` (sender and receiver share one process, so one clock); in the
#      same window the server process's CPU (cores) and the machine's busy share. Medians of ROUNDS
#      rounds, the order of the servers alternating. Target: signalling-service >= 2x the
#      reference's messages/s (closed) at a lower p99. The reference (bench/signalling-bench/
#      reference-server.js) relays the same events with the same ack, without tokens or database.
#      The service runs as configured (signalling-service: WebSocket per-message compression off, as
#      the reference). VARIANTS="signalling-service signalling-deflate" adds the same jar with
#      compression on (signalling-deflate; its JVM then runs beside the measured one throughout part 1,
#      which costs the measured server some CPU, so the default measures signalling-service alone;
#      QUARKUS_WEBSOCKETS_NEXT_SERVER_PER_MESSAGE_COMPRESSION_SUPPORTED=true; websockets-next's own
#      default). socket.io-client offers permessage-deflate as browsers do, so the variant shows what
#      accepting it costs.
#   2. Idle connections, for each of IDLE_VARIANTS (default: VARIANTS): a fresh service JVM, RSS (VmRSS
#      of /proc/<pid>/status) before and once IDLE_CONNECTIONS (10,000) authenticated Socket.IO
#      connections (student tokens, one user each, no room) from IDLE_PROCS (4) Node processes are all
#      up; they are held HOLD (30) s, through the service's ping (25 s), and must all still be
#      connected. Target: RSS < 1 GB. Reports RSS idle, with the connections, and the increment per
#      connection.
#   Last, a summary block for docs/performance.md.
# Authentication: the bench makes its own RSA key per run (bench/signalling-bench/jwt.js, Node's
# crypto), writes a JWKS file that the service reads (VTP_AUTH_JWKS_URL=file:...) and signs its own
# RS256 tokens (sub, groups, name, upn, iss, exp). The service's per-connection rate limit is raised
# out of reach (VTP_SIGNALLING_LIMITS_MESSAGES_PER_SECOND / _MESSAGE_BURST = 1000000): the bench
# measures the relay, not the limiter.
# The service JVM: `java $SERVICE_JVM_OPTS -jar quarkus-run.jar` with profile prod; the deployment
# (Kubernetes manifest, target/kubernetes) sets no JVM flags and a 1 GiB memory limit, so the default
# SERVICE_JVM_OPTS=-XX:MaxRAM=1g gives the JVM the heap ergonomics it has in that pod (max heap 1/4).
# Infrastructure: local mode's launcher (vtp-local/target/vtp-local.jar up) with a route table of its
# own naming only signalling, so it runs PostgreSQL (database `signalling`), Kafka and an idle
# gateway, no service; on ports of its own (BENCH_PG_PORT 25432, BENCH_KAFKA_PORT 29092 and +1,
# BENCH_GATEWAY_PORT 28080) and in a VTP_HOME under WORK, so a running ./vtp up is not disturbed.
# Usage: bench/signalling-bench.sh   (ROUNDS=3 PARTS=12 ROOMS=500 PEERS=4 PROCS=2 INFLIGHT=1 RATE=1
#          WARMUP=3 DURATION=10 IDLE_CONNECTIONS=10000 IDLE_PROCS=4 HOLD=30 SIG_PORT=18082 (the second
#          variant on the next port) REF_PORT=18090 SERVICE_JVM_OPTS=-XX:MaxRAM=1g
#          VARIANTS="signalling-service signalling-deflate" (default: signalling-service) IDLE_VARIANTS=... to tune;
#          CLIENT=java|raw|socket.io-client; PARTS=2 only the idle connections)
# Needs java 17, mvn (to build the service and vtp-local when missing), node >= 18 and npm:
# `npm ci` installs socket.io and socket.io-client 4.8 into bench/signalling-bench/node_modules
# (package-lock.json). Raises `ulimit -n` to the hard limit (at least IDLE_CONNECTIONS + 1000 needed).
# Exits non-zero when something does not work (a join or relay fails, a relay is lost, a connection
# fails or drops); missed targets are reported, not failures. Everything it starts is stopped at exit.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
ROUNDS=${ROUNDS:-3}
PARTS=${PARTS:-12}
export ROOMS=${ROOMS:-500} PEERS=${PEERS:-4} PROCS=${PROCS:-2} INFLIGHT=${INFLIGHT:-1} RATE=${RATE:-1}
export WARMUP=${WARMUP:-3} DURATION=${DURATION:-10} CLIENT=${CLIENT:-java}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000}
IDLE_PROCS=${IDLE_PROCS:-4}
HOLD=${HOLD:-30}
SIG_PORT=${SIG_PORT:-18082}
REF_PORT=${REF_PORT:-18090}
SERVICE_JVM_OPTS=${SERVICE_JVM_OPTS:--XX:MaxRAM=1g}
VARIANTS=${VARIANTS:-signalling-service}
IDLE_VARIANTS=${IDLE_VARIANTS:-$VARIANTS}
BENCH_PG_PORT=${BENCH_PG_PORT:-25432}
BENCH_KAFKA_PORT=${BENCH_KAFKA_PORT:-29092}
BENCH_GATEWAY_PORT=${BENCH_GATEWAY_PORT:-28080}
DIR="$ROOT/bench/signalling-bench"
APP="$ROOT/signalling-service/target/quarkus-app"
WORK=$(mktemp -d)
LOCAL_PID="" REF_PID="" LOAD_PID=""
declare -A SVC_PID=() SVC_PORT=()

fail() { echo "bench: $*" >&2; exit 1; }

stop_pid() { # stop_pid PID [seconds]: TERM, then KILL after the grace period
  local pid=$1 grace=${2:-20} i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  stop_pid "$LOAD_PID" 5
  stop_pid "$REF_PID" 5
  local v
  for v in "${!SVC_PID[@]}"; do stop_pid "${SVC_PID[$v]}" 20; done
  if [[ -n $LOCAL_PID ]]; then
    echo "bench: stopping PostgreSQL and Kafka"
    stop_pid "$LOCAL_PID" 60
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- prerequisites ---------------------------------------------------------------------------------------
for tool in java node npm curl; do command -v "$tool" >/dev/null || fail "$tool is missing"; done
[[ $(node -p 'process.versions.node.split(".")[0]') -ge 18 ]] || fail "node >= 18 is needed"
stale() { # stale JAR DIR...: missing, or older than a pom.xml or a source file of a DIR
  local jar=$1 d; shift
  [[ -f $jar ]] || return 0
  for d in "$@"; do [[ -n $(find "$d/pom.xml" "$d/src" -newer "$jar" -print -quit 2>/dev/null) ]] && return 0; done
  return 1
}
if stale "$APP/quarkus-run.jar" signalling-service service-kit event-contracts || stale vtp-local/target/vtp-local.jar vtp-local \
    || [[ ! -d vtp-local/target/lib ]]; then
  command -v mvn >/dev/null || fail "mvn is missing (needed to build signalling-service and vtp-local)"
  echo "bench: building signalling-service and vtp-local (mvn -q -DskipTests -pl signalling-service,vtp-local -am package)"
  mvn -q -DskipTests -pl signalling-service,vtp-local -am package
fi
(cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || fail "npm ci in $DIR failed"
need_fds=$((IDLE_CONNECTIONS + 1000))
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[[ $(ulimit -n) == unlimited || $(ulimit -n) -ge $need_fds ]] || fail "ulimit -n is $(ulimit -n); part 2 needs $need_fds"

rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }
load_mark() { echo "[$1] load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"; }

# --- PostgreSQL and Kafka: local mode's launcher, no service ------------------------------------------
mkdir -p "$WORK/repo/deploy" "$WORK/keys"
cat >"$WORK/repo/deploy/routes.yaml" <<EOF
services:
  signalling: { port: $SIG_PORT }
routes: []
EOF
echo "bench: starting PostgreSQL (127.0.0.1:$BENCH_PG_PORT) and Kafka (127.0.0.1:$BENCH_KAFKA_PORT), log in $WORK/local.log"
VTP_REPO="$WORK/repo" VTP_HOME="$WORK/vtp" VTP_PG_PORT=$BENCH_PG_PORT VTP_KAFKA_PORT=$BENCH_KAFKA_PORT \
  VTP_GATEWAY_PORT=$BENCH_GATEWAY_PORT java -jar "$ROOT/vtp-local/target/vtp-local.jar" up >"$WORK/local.log" 2>&1 &
LOCAL_PID=$!
for ((i = 0; i < 180; i++)); do
  grep -qs "local mode is ready" "$WORK/local.log" && break
  kill -0 "$LOCAL_PID" 2>/dev/null || { cat "$WORK/local.log"; LOCAL_PID=""; fail "the local mode launcher exited"; }
  sleep 1
done
grep -q "local mode is ready" "$WORK/local.log" || { cat "$WORK/local.log"; fail "PostgreSQL and Kafka not ready in 180 s"; }

# --- tokens, the service, the reference -----------------------------------------------------------------
ISSUER="https://signalling-bench.invalid/auth"
node "$DIR/jwt.js" init "$WORK/keys" "$ISSUER"
case $CLIENT in
  java)
    command -v javac >/dev/null || fail "javac is missing (a JDK 17 is needed for RelayLoad.java)"
    mkdir -p "$WORK/relayload"
    javac -nowarn -cp "$APP/lib/main/*" -d "$WORK/relayload" "$DIR/RelayLoad.java" || fail "compiling RelayLoad.java failed"
    ;;
  raw | socket.io-client) ;;
  *) fail "CLIENT is java, raw or socket.io-client, not $CLIENT" ;;
esac

# The service's contenders: signalling-service as configured (per-message compression off), and the
# same jar with it switched on (quarkus.websockets-next.server.per-message-compression-supported=true).
# socket.io-client offers permessage-deflate, as browsers do; the reference (engine.io's default)
# does not accept it.
variant_env() {
  case $1 in
    signalling-service) echo "HOSTNAME=signalling-bench" ;;
    signalling-deflate) echo "HOSTNAME=signalling-bench-deflate QUARKUS_WEBSOCKETS_NEXT_SERVER_PER_MESSAGE_COMPRESSION_SUPPORTED=true" ;;
    *) fail "unknown variant $1 (signalling-service or signalling-deflate)" ;;
  esac
}

start_service() { # start_service VARIANT PORT LOG
  local variant=$1 port=$2 log="$WORK/$1-$3.log" pid i
  echo "bench: starting $variant on 127.0.0.1:$port (java $SERVICE_JVM_OPTS), log in $log"
  # shellcheck disable=SC2046,SC2086
  (cd "$APP" && exec env QUARKUS_PROFILE=prod QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port \
    DB_HOST=127.0.0.1 DB_PORT=$BENCH_PG_PORT DB_NAME=signalling DB_USERNAME=vtp DB_PASSWORD=vtp \
    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$BENCH_KAFKA_PORT VTP_AUTH_JWKS_URL="file:$WORK/keys/jwks.json" \
    VTP_AUTH_ISSUER="$ISSUER" VTP_SIGNALLING_LIMITS_MESSAGES_PER_SECOND=1000000 \
    VTP_SIGNALLING_LIMITS_MESSAGE_BURST=1000000 $(variant_env "$variant") \
    java $SERVICE_JVM_OPTS -jar quarkus-run.jar) >"$log" 2>&1 &
  pid=$!
  SVC_PID[$variant]=$pid SVC_PORT[$variant]=$port
  for ((i = 0; i < 120; i++)); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready") == 200 ]] && return 0
    kill -0 "$pid" 2>/dev/null || { tail -40 "$log"; unset "SVC_PID[$variant]"; fail "$variant exited"; }
    sleep 0.5
  done
  tail -40 "$log"; fail "$variant not ready in 60 s"
}

stop_service() { stop_pid "${SVC_PID[$1]}" 20; unset "SVC_PID[$1]"; }

jvm_facts() { # the heap and collector the JVM picked with SERVICE_JVM_OPTS
  # shellcheck disable=SC2086
  java $SERVICE_JVM_OPTS -XX:+PrintFlagsFinal -version 2>/dev/null \
    | awk '$2=="MaxHeapSize"{printf "max heap %d MB, ", $4/1048576} $2 ~ /^Use(Serial|Parallel|G1|Z|Shenandoah)GC$/ && $4=="true"{printf "%s", $2}'
}

run_load() { # run_load LABEL URL OUTFILE: one load.js relay run (joins, then closed and paced); appends its JSON lines
  local label=$1 url=$2 out=$3 pid lines
  pid=$([[ $label == reference ]] && echo "$REF_PID" || echo "${SVC_PID[$label]}")
  if [[ $CLIENT == java ]]; then
    # fresh tokens for every run (they last an hour), the first of each room an instructor's
    node "$DIR/jwt.js" tokens "$WORK/keys" "$ROOMS" "$PEERS" >"$WORK/tokens.txt"
    lines=$(SERVER_LABEL=$label SERVER_PID=$pid MODES=closed,paced java -Xms512m -Xmx1g -cp "$WORK/relayload:$APP/lib/main/*" \
      RelayLoad "$url" "$WORK/tokens.txt" 2>"$WORK/load.err") || { cat "$WORK/load.err"; fail "RelayLoad failed against $label"; }
  else
    lines=$(SERVER_LABEL=$label SERVER_PID=$pid MODES=closed,paced node "$DIR/load.js" relay "$url" "$WORK/keys" 2>"$WORK/load.err") \
      || { cat "$WORK/load.err"; fail "load.js failed against $label"; }
  fi
  echo "$lines" >>"$out"
  echo "$lines" | node -e 'const rows = require("fs").readFileSync(0, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    let bad = false;
    for (const r of rows) {
      console.log(`  ${r.server.padEnd(20)} ${r.mode.padEnd(6)} ${String(r.rate).padStart(7)} msgs/s  p50 ${r.p50} ms  p99 ${r.p99} ms  max ${r.max} ms  (${r.delivered_in_window} in ${r.window_seconds} s, ${r.sent} sent, joins ${r.join_seconds} s; server ${r.server_cpu} cores, machine ${r.machine_busy} % busy)`);
      if (r.errors || r.lost || r.unfinished) { bad = true; console.error(`bench: ${r.server} ${r.mode}: ${r.errors} errors, ${r.lost} lost, ${r.unfinished} peers unfinished, first error ${JSON.stringify(r.first_error)}`); }
    }
    process.exit(bad ? 1 : 0)' || fail "relays failed or were lost"
}

client_desc() {
  case $CLIENT in
    java) echo "RelayLoad.java (Socket.IO over Vert.x WebSockets, one JVM, one event loop)" ;;
    raw) echo "load.js raw (Socket.IO over ws) in $PROCS Node processes" ;;
    *) echo "socket.io-client 4.8 in $PROCS Node processes" ;;
  esac
}

SUMMARY="$WORK/summary.txt"
: >"$SUMMARY"

# --- part 1: relay throughput and latency ---------------------------------------------------------------
if [[ $PARTS == *1* ]]; then
  echo "== 1. relay: $ROOMS rooms x $PEERS peers, load generator: $(client_desc), closed (INFLIGHT=$INFLIGHT) and paced (RATE=$RATE/s per peer), window ${DURATION}s after ${WARMUP}s, $ROUNDS rounds"
  load_mark "part 1"
  port=$SIG_PORT
  for v in $VARIANTS; do
    start_service "$v" "$port" relay
    echo "$v: pid ${SVC_PID[$v]}, $(jvm_facts)"
    port=$((port + 1))
  done
  node "$DIR/reference-server.js" "$REF_PORT" >"$WORK/reference.log" 2>&1 &
  REF_PID=$!
  for ((i = 0; i < 50; i++)); do grep -q "reference socket.io" "$WORK/reference.log" && break; sleep 0.2; done
  grep -q "reference socket.io" "$WORK/reference.log" || fail "the reference server did not start"
  echo "reference: pid $REF_PID, node $(node --version), socket.io $(node -p "require('$DIR/node_modules/socket.io/package.json').version")"
  RESULTS="$WORK/relay.jsonl"
  : >"$RESULTS"
  for ((round = 1; round <= ROUNDS; round++)); do
    echo "round $round"
    if ((round % 2)); then order="$VARIANTS reference"; else order="reference $(echo "$VARIANTS" | tr ' ' '\n' | tac | paste -sd' ')"; fi
    for server in $order; do
      url=$([[ $server == reference ]] && echo "http://127.0.0.1:$REF_PORT" || echo "http://127.0.0.1:${SVC_PORT[$server]}")
      run_load "$server" "$url" "$RESULTS"
    done
  done
  load_mark "part 1 end"
  {
    echo "relay, $ROOMS rooms x $PEERS peers, $(client_desc) on the same $(nproc) cores, medians of $ROUNDS rounds:"
    node "$DIR/summarise.js" "$RESULTS"
  } | tee -a "$SUMMARY"
  for v in $VARIANTS; do
    echo "$v RSS after part 1: $(($(rss_kb "${SVC_PID[$v]}") / 1024)) MB" | tee -a "$SUMMARY"
  done
  stop_pid "$REF_PID" 5; REF_PID=""
  for v in $VARIANTS; do stop_service "$v"; done
fi

# --- part 2: idle connections ---------------------------------------------------------------------------
if [[ $PARTS == *2* ]]; then
  echo "== 2. ($IDLE_VARIANTS) $IDLE_CONNECTIONS idle authenticated connections from $IDLE_PROCS Node processes, held ${HOLD}s"
  load_mark "part 2"
  for v in $IDLE_VARIANTS; do
    start_service "$v" "$SIG_PORT" idle
    SIG_PID=${SVC_PID[$v]}
    echo "$v: pid $SIG_PID, $(jvm_facts)"
    sleep 10 # let start-up settle (Kafka consumers, outbox relay)
    rss_idle=$(rss_kb "$SIG_PID")
    echo "$v RSS idle: $((rss_idle / 1024)) MB"
    PROCS=$IDLE_PROCS CONNECTIONS=$IDLE_CONNECTIONS HOLD=$HOLD node "$DIR/load.js" idle "http://127.0.0.1:$SIG_PORT" "$WORK/keys" \
      >"$WORK/idle.out" 2>&1 &
    LOAD_PID=$!
    for ((i = 0; i < 600; i++)); do
      grep -q ALL_CONNECTED "$WORK/idle.out" && break
      kill -0 "$LOAD_PID" 2>/dev/null || { cat "$WORK/idle.out"; LOAD_PID=""; fail "load.js idle exited"; }
      sleep 0.5
    done
    grep ALL_CONNECTED "$WORK/idle.out" || fail "the connections were not up in 300 s"
    read -r connected failures < <(awk '/ALL_CONNECTED/{print $2, $4}' "$WORK/idle.out")
    [[ $failures == 0 && $connected == "$IDLE_CONNECTIONS" ]] || fail "$failures connections failed"
    # samples during the hold: the highest counts (the heap grows until the next collection)
    rss_max=0
    for ((i = 0; i < HOLD / 5; i++)); do
      sleep 5; r=$(rss_kb "$SIG_PID"); ((r > rss_max)) && rss_max=$r
      echo "  RSS after $(((i + 1) * 5)) s with $connected connections: $((r / 1024)) MB"
    done
    wait "$LOAD_PID" || { cat "$WORK/idle.out"; LOAD_PID=""; fail "load.js idle failed"; }
    LOAD_PID=""
    still=$(awk '/STILL_CONNECTED/{print $2}' "$WORK/idle.out")
    [[ $still == "$connected" ]] || fail "only $still of $connected connections lasted the hold"
    threads=$(awk '/^Threads:/{print $2}' "/proc/$SIG_PID/status")
    {
      echo "$v idle connections: $connected authenticated Socket.IO connections from $IDLE_PROCS Node processes (up in $(awk '/ALL_CONNECTED/{print $6}' "$WORK/idle.out") s), all still connected after ${HOLD} s"
      echo "$v RSS: idle $((rss_idle / 1024)) MB, with $connected connections $((rss_max / 1024)) MB (highest of $((HOLD / 5)) samples), +$(((rss_max - rss_idle) / connected)) KB per connection; $threads threads; $(jvm_facts)"
      if ((rss_max < 1024 * 1024)); then echo "$v: target RSS < 1 GB: met"; else echo "$v: target RSS < 1 GB: NOT met"; fi
    } | tee -a "$SUMMARY"
    stop_service "$v"
  done
  load_mark "part 2 end"
fi

echo
echo "== summary (for docs/performance.md)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%d GB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), node $(node --version); service JVM: java $SERVICE_JVM_OPTS ($(jvm_facts))"
cat "$SUMMARY"
