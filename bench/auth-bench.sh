#!/usr/bin/env bash
# auth-service benchmarks (issue 2, part 6). Runs against local mode on this machine:
#   1. throughput of authenticated GET /api/v1/auth/profile vs GET /q/health/live (same service,
#      same run, same wrk settings): target ratio >= 0.8
#   2. 100 concurrent logins of 100 users (Argon2id) while GET /profile runs: profile p99 < 50 ms;
#      login p50/p99
#   3. JVM start-up time (< 3 s) and idle RSS (< 250 MB) of a second auth-service instance, and its
#      start-up as a ratio against a minimal Quarkus REST app (bench/minimal-rest-app, built here
#      when its jar is missing) started the same way, interleaved in the same run: target <= 1.3x.
#      A third app, bench/stack-floor-app (the minimal app plus the persistence stack issue 6
#      requires: Hibernate Reactive with Panache, Flyway at start, schema validation), started the
#      same way in the same rounds, shows how much of that ratio the required stack alone costs.
# Usage: bench/auth-bench.sh            (ROUNDS=3 DURATION=15s CONNECTIONS=32 to tune; PARTS=3 runs
#                                        only part 3, PARTS=12 parts 1 and 2)
# Needs wrk (installed with apt-get when missing and run as root). Starts `./vtp up` itself unless
# local mode already answers on :8080, and stops it again at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
PARTS=${PARTS:-123}
AUTH=http://127.0.0.1:8081
WORK=$(mktemp -d)
VTP_PID=""

declare -A RUNNING=()  # part 3: JVMs started and not yet stopped, by name (auth, minimal, floor)

# stop_jvm PID: SIGTERM, then up to 20 s (local mode's grace period) for the JVM to exit (a
# recording start writes its class-data archive meanwhile), then SIGKILL. Fails if it had to kill.
stop_jvm() {
  local pid=$1 forced=0
  kill -TERM "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  for _ in $(seq 1 400); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; forced=1; fi
  wait "$pid" 2>/dev/null || true
  return "$forced"
}

cleanup() {
  local name
  for name in "${!RUNNING[@]}"; do stop_jvm "${RUNNING[$name]}" || true; done
  if [[ -n "$VTP_PID" ]]; then
    kill -TERM "$VTP_PID" 2>/dev/null || true
    wait "$VTP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; fi
fi

if ! curl -fs http://127.0.0.1:8080/health >/dev/null 2>&1; then
  echo "bench: starting local mode (./vtp up), log in $WORK/vtp.log"
  ./vtp up >"$WORK/vtp.log" 2>&1 &
  VTP_PID=$!
  for _ in $(seq 1 240); do
    curl -fs http://127.0.0.1:8080/health >/dev/null 2>&1 && break
    kill -0 "$VTP_PID" 2>/dev/null || { cat "$WORK/vtp.log"; exit 1; }
    sleep 1
  done
fi
curl -fs "$AUTH/q/health/ready" >/dev/null

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
rps() { awk '/^Requests\/sec/ {print $2}'; }
# fail loudly when wrk saw errors: a benchmark of 401s measures nothing
checked() { local out; out=$(wrk "$@"); if grep -q "Non-2xx" <<<"$out"; then echo "bench: non-2xx answers: $out" >&2; exit 1; fi; echo "$out"; }
# wrk --latency percentile line (e.g. "99%   12.34ms") in milliseconds
pct() { awk -v p="$1%" '$1==p { v=$2; u=v; sub(/[0-9.]+/,"",u); sub(/[a-z]+$/,"",v);
        if (u=="us") v/=1000; else if (u=="s") v*=1000; else if (u=="m") v*=60000; print v }'; }

if [[ $PARTS == *[12]* ]]; then
export BENCH_RUN="$(date +%s)$RANDOM" BENCH_USERS=100 BENCH_PASSWORD="Bench-Pass-2024"
BENCH_EMAIL="bench-$BENCH_RUN-0@example.org"
echo "registering $BENCH_USERS users"
REGISTERING=()
for n in $(seq 0 $((BENCH_USERS - 1))); do
  curl -fs -o /dev/null -H 'Content-Type: application/json' "$AUTH/api/v1/auth/register" \
    -d "{\"email\":\"bench-$BENCH_RUN-$n@example.org\",\"password\":\"$BENCH_PASSWORD\",\"full_name\":\"Bench User $n\"}" &
  REGISTERING+=($!)
  if (( ${#REGISTERING[@]} == 10 )); then wait "${REGISTERING[@]}"; REGISTERING=(); fi
done
(( ${#REGISTERING[@]} == 0 )) || wait "${REGISTERING[@]}"
TOKEN=$(curl -fs -H 'Content-Type: application/json' "$AUTH/api/v1/auth/login" \
  -d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\"}" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
PROFILE=(-H "Authorization: Bearer $TOKEN" "$AUTH/api/v1/auth/profile")
[[ $(curl -s -o /dev/null -w '%{http_code}' "${PROFILE[@]}") == 200 ]]

# The process listening on :8081 (ss comes with iproute2; without it the figures that need it are skipped).
SERVICE_PID=$( (ss -ltnpH 'sport = :8081' 2>/dev/null || true) | grep -m1 -oE 'pid=[0-9]+' | cut -d= -f2 || true)

[[ $PARTS == *1* ]] && {
echo "== 1. throughput: GET /profile (JWT + DB read) vs GET /q/health/live, wrk -t1 -c$CONNECTIONS -d$DURATION, $ROUNDS rounds"
# Which JIT the service runs matters more than anything else here: local mode's C1 only
# (deploy/service-jvm.options) or, as a deployed service runs, the JVM's default tiers up to C2
# (VTP_JVM_OPTIONS_AUTH=-XX:TieredStopAtLevel=4 when this script starts local mode). The last
# TieredStopAtLevel on the command line is the one in force.
if [[ -n "$SERVICE_PID" ]]; then
  level=$(tr '\0' '\n' <"/proc/$SERVICE_PID/cmdline" | grep -oE 'TieredStopAtLevel=[0-9]' | tail -1 || true)
  echo "auth-service (pid $SERVICE_PID) JIT: ${level:-the default tiers, C1 and C2}"
fi
wrk -t1 -c"$CONNECTIONS" -d5s "$AUTH/q/health/live" >/dev/null
wrk -t1 -c"$CONNECTIONS" -d5s "${PROFILE[@]}" >/dev/null
: >"$WORK/live"; : >"$WORK/profile"
for r in $(seq 1 "$ROUNDS"); do
  live=$(checked -t1 -c"$CONNECTIONS" -d"$DURATION" "$AUTH/q/health/live" | rps)
  prof=$(checked -t1 -c"$CONNECTIONS" -d"$DURATION" "${PROFILE[@]}" | rps)
  echo "round $r: health/live $live req/s, profile $prof req/s"
  echo "$live" >>"$WORK/live"; echo "$prof" >>"$WORK/profile"
done
ML=$(median <"$WORK/live"); MP=$(median <"$WORK/profile")
echo "median health/live $ML req/s, median profile $MP req/s, ratio $(awk -v a="$MP" -v b="$ML" 'BEGIN {printf "%.2f", a/b}') (target >= 1.00, issue 6; issue 2 asked for 0.80)"
}

[[ $PARTS == *2* ]] && {
echo "== 2. login storm: 100 concurrent logins (100 different users) for 25s while 4 connections read /profile"
checked -t1 -c4 -d20s --latency "${PROFILE[@]}" >"$WORK/quiet.txt"
echo "profile alone:       p50 $(pct 50 <"$WORK/quiet.txt") ms, p99 $(pct 99 <"$WORK/quiet.txt") ms"
wrk -t1 -c100 -d25s --timeout 30s --latency -s bench/login.lua "$AUTH/api/v1/auth/login" >"$WORK/login.txt" 2>"$WORK/login.err" &
LOGIN=$!
sleep 3
checked -t1 -c4 -d20s --latency "${PROFILE[@]}" >"$WORK/storm.txt"
wait "$LOGIN"
echo "profile under storm: p50 $(pct 50 <"$WORK/storm.txt") ms, p99 $(pct 99 <"$WORK/storm.txt") ms (target p99 < 50 ms)"
echo "login:               p50 $(pct 50 <"$WORK/login.txt") ms, p99 $(pct 99 <"$WORK/login.txt") ms, $(rps <"$WORK/login.txt") logins/s, non-200: $(wc -l <"$WORK/login.err")"
# Queued logins are still hashed after wrk stops; then the service idles.
sleep 30
if [[ -n "$SERVICE_PID" ]]; then
  echo "RSS of the service 30 s after the storm: $(awk '/VmRSS/ {print int($2/1024)}' "/proc/$SERVICE_PID/status") MB"
else
  echo "RSS of the service after the storm: not measured (no ss, or :8081 not found)"
fi
}
fi

[[ $PARTS == *3* ]] || exit 0
echo "== 3. start-up and idle memory of a second auth-service instance (port 18081, same database), interleaved with a minimal Quarkus REST app (port 18090) and the stack-floor app (port 18091, auth's database, schema stack_floor): for each, a first start that records its class-data archive (auth-service also generates its signing key), then 7 starts"
# Both are launched the way local mode launches services (vtp-local ServiceProcess and
# TrainedArchive): inside target/quarkus-app with the JVM options of deploy/service-jvm.options,
# through io.vtp.local.cds.LinkingMain; the first start records an AppCDS archive of every class it
# loads (linked, then written when it stops), the later ones map it. Starts alternate (auth, minimal, floor, auth, ...) so that drift in the
# machine's load hits all alike; the ratios against the minimal app are what compares across machines.
fail() { echo "bench: $*" >&2; exit 1; }
APP=auth-service/target/quarkus-app
MINIMAL=bench/minimal-rest-app
MINIMAL_APP=$MINIMAL/target/quarkus-app
FLOOR=bench/stack-floor-app
FLOOR_APP=$FLOOR/target/quarkus-app
[[ -f $APP/quarkus-run.jar ]] || fail "$APP/quarkus-run.jar is missing (./vtp up builds it)"
for ref in "$MINIMAL" "$FLOOR"; do
  if [[ ! -f $ref/target/quarkus-app/quarkus-run.jar || -n $(find "$ref/src" "$ref/pom.xml" -newer "$ref/target/quarkus-app/quarkus-run.jar" -print -quit) ]]; then
    echo "building the reference app $ref (mvn -q -f $ref/pom.xml package -DskipTests)"
    mvn -q -f "$ref/pom.xml" package -DskipTests || fail "building $ref failed"
    [[ -f $ref/target/quarkus-app/quarkus-run.jar ]] || fail "the build of $ref produced no quarkus-run.jar"
  fi
done
LAUNCHER=$ROOT/vtp-local/target/vtp-local-cds-launcher.jar
[[ -f $LAUNCHER ]] || fail "$LAUNCHER is missing (./vtp up builds it)"
read -r -a JVM_OPTS <<<"$(sed 's/#.*//' deploy/service-jvm.options | xargs)"
echo "JVM options: ${JVM_OPTS[*]}"
AUTH_ENV=(QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=18081 QUARKUS_HTTP_HOST=127.0.0.1 DB_HOST=127.0.0.1
  DB_PORT="${VTP_PG_PORT:-15432}" DB_NAME=auth KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:${VTP_KAFKA_PORT:-9092}"
  VTP_DATA_DIR="$WORK/instance")
MINIMAL_ENV=(QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=18090 QUARKUS_HTTP_HOST=127.0.0.1)
FLOOR_ENV=(QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=18091 QUARKUS_HTTP_HOST=127.0.0.1 DB_HOST=127.0.0.1
  DB_PORT="${VTP_PG_PORT:-15432}" DB_NAME=auth)
for name in auth minimal floor; do : >"$WORK/$name.ready"; : >"$WORK/$name.quarkus"; done

# start_instance NAME R: starts NAME (auth, minimal or floor) for start R (0 records the archive, later
# ones map it) and polls until it is ready: auth-service's /q/health/ready or the reference apps'
# GET /hello answers 200 (they have no health extension; the floor app's /hello reads its table). Prints the time from process start to that
# 200 and the "started in" Quarkus logs; records both except for start 0. Leaves the JVM running.
start_instance() {
  local name=$1 r=$2 dir port path started ready quarkus log="$WORK/$1.log" t0 pid
  local -a env archive
  case $name in
    auth) dir=$APP; port=18081; path=/q/health/ready; env=("${AUTH_ENV[@]}") ;;
    minimal) dir=$MINIMAL_APP; port=18090; path=/hello; env=("${MINIMAL_ENV[@]}") ;;
    floor) dir=$FLOOR_APP; port=18091; path=/hello; env=("${FLOOR_ENV[@]}") ;;
  esac
  # Whatever already answers on the port (a leftover instance) would be measured instead.
  if curl -s -o /dev/null -m 2 "http://127.0.0.1:$port/"; then fail "something already answers on :$port; stop it first"; fi
  if [[ $r -eq 0 ]]; then
    archive=(-XX:ArchiveClassesAtExit="$WORK/$name.jsa" "-Xlog:class+load=info:file=$WORK/$name.classes:none:filecount=0"
      -Dvtp.cds.class-log="$WORK/$name.classes")
  else
    archive=(-XX:SharedArchiveFile="$WORK/$name.jsa")
  fi
  started=$(date +%s%N)
  (cd "$dir" && exec env "${env[@]}" java "${JVM_OPTS[@]}" "${archive[@]}" -cp "quarkus-run.jar:$LAUNCHER" \
    io.vtp.local.cds.LinkingMain io.quarkus.bootstrap.runner.QuarkusEntryPoint) >"$log" 2>&1 &
  pid=$!
  RUNNING[$name]=$pid
  t0=$SECONDS
  until curl -fs -m 2 -o /dev/null "http://127.0.0.1:$port$path"; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$log" >&2; fail "the $name instance exited during start $r (log above)"; }
    (( SECONDS - t0 < 120 )) || { tail -20 "$log" >&2; fail "the $name instance was not ready 120 s after start $r (log above)"; }
    sleep 0.05
  done
  ready=$(( ($(date +%s%N) - started) / 1000000 ))
  # Quarkus may answer a moment before its "started in" line reaches the log.
  quarkus=""
  for _ in $(seq 1 100); do
    quarkus=$(grep -m1 -oE 'started in [0-9.]+s' "$log" | grep -oE '[0-9.]+' || true)
    [[ -n $quarkus ]] && break
    sleep 0.05
  done
  [[ -n $quarkus ]] || { tail -20 "$log" >&2; fail "no 'started in' line in the $name log after start $r (log above)"; }
  printf 'start %s %-7s ready after %5d ms (process start to %s 200); Quarkus reports %s s\n' \
    "$r" "$name:" "$ready" "$path" "$quarkus"
  # The recording start (for auth-service also generating the signing key) is reported, not counted.
  if [[ $r -gt 0 ]]; then
    echo "$ready" >>"$WORK/$name.ready"
    awk '{printf "%.0f\n", $1 * 1000}' <<<"$quarkus" >>"$WORK/$name.quarkus"
  fi
}

# stop_instance NAME R: stops NAME; after start 0 its archive must have been written.
stop_instance() {
  local name=$1 r=$2
  stop_jvm "${RUNNING[$name]}" || { [[ $r -gt 0 ]] || fail "the $name instance did not stop within 20 s; its archive is incomplete"; }
  unset "RUNNING[$name]"
  if [[ $r -eq 0 ]]; then
    [[ -s "$WORK/$name.jsa" ]] || fail "the first start of $name recorded no class-data archive"
  fi
}

for r in 0 1 2 3 4 5 6 7; do
  start_instance auth "$r"
  if [[ $r -eq 7 ]]; then
    # Idle memory of the last auth-service instance, measured before the minimal app's last start.
    echo "(auth-service idles 30 s for the memory figure)"
    sleep 30
    kill -0 "${RUNNING[auth]}" 2>/dev/null || { tail -20 "$WORK/auth.log" >&2; fail "the auth instance exited while idle (log above)"; }
    rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/${RUNNING[auth]}/status")
  fi
  stop_instance auth "$r"
  start_instance minimal "$r"
  stop_instance minimal "$r"
  start_instance floor "$r"
  stop_instance floor "$r"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
QA=$(median <"$WORK/auth.quarkus"); RA=$(median <"$WORK/auth.ready")
QM=$(median <"$WORK/minimal.quarkus"); RM=$(median <"$WORK/minimal.ready")
echo "median reported by Quarkus: ${QA} ms"
echo "median time to ready: ${RA} ms (target < 3000 ms)"
echo "minimal app: median reported by Quarkus ${QM} ms, median time to ready (GET /hello 200) ${RM} ms"
QF=$(median <"$WORK/floor.quarkus"); RF=$(median <"$WORK/floor.ready")
echo "stack-floor app: median reported by Quarkus ${QF} ms, median time to ready (GET /hello 200, one query) ${RF} ms"
echo "ratio auth-service / minimal app (target <= 1.30): reported by Quarkus $(ratio "$QA" "$QM"), time to ready $(ratio "$RA" "$RM")"
echo "ratio stack-floor app / minimal app (the required stack alone): reported by Quarkus $(ratio "$QF" "$QM"), time to ready $(ratio "$RF" "$RM")"
echo "ratio auth-service / stack-floor app (what auth-service adds): reported by Quarkus $(ratio "$QA" "$QF"), time to ready $(ratio "$RA" "$RF")"
echo "idle RSS after 30 s: ${rss} MB (target < 250 MB)"
