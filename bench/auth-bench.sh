#!/usr/bin/env bash
# auth-service benchmarks (issue 2, part 6). Runs against local mode on this machine:
#   1. throughput of authenticated GET /api/v1/auth/profile vs GET /q/health/live (same service,
#      same run, same wrk settings): target ratio >= 0.8
#   2. 100 concurrent logins of 100 users (Argon2id) while GET /profile runs: profile p99 < 50 ms;
#      login p50/p99
#   3. JVM start-up time (< 3 s) and idle RSS (< 250 MB) of a second auth-service instance
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

cleanup() {
  [[ -n "${INSTANCE_PID:-}" ]] && kill "$INSTANCE_PID" 2>/dev/null || true
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

[[ $PARTS == *1* ]] && {
echo "== 1. throughput: GET /profile (JWT + DB read) vs GET /q/health/live, wrk -t1 -c$CONNECTIONS -d$DURATION, $ROUNDS rounds"
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
echo "median health/live $ML req/s, median profile $MP req/s, ratio $(awk -v a="$MP" -v b="$ML" 'BEGIN {printf "%.2f", a/b}') (target >= 0.80)"
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
# The process listening on :8081 (ss comes with iproute2; without it the figure is skipped).
SERVICE_PID=$( (ss -ltnpH 'sport = :8081' 2>/dev/null || true) | grep -m1 -oE 'pid=[0-9]+' | cut -d= -f2 || true)
if [[ -n "$SERVICE_PID" ]]; then
  echo "RSS of the service 30 s after the storm: $(awk '/VmRSS/ {print int($2/1024)}' "/proc/$SERVICE_PID/status") MB"
else
  echo "RSS of the service after the storm: not measured (no ss, or :8081 not found)"
fi
}
fi

[[ $PARTS == *3* ]] || exit 0
echo "== 3. start-up and idle memory of a second instance (port 18081, same database): a first start that records the class-data archive and generates the signing key, then 7 starts"
# Launched the way local mode launches services (vtp-local ServiceProcess and TrainedArchive): inside
# target/quarkus-app with the JVM options of deploy/service-jvm.options; the first start records an
# AppCDS archive of every class it loads (written when it stops), the later ones map it.
APP=auth-service/target/quarkus-app
read -r -a JVM_OPTS <<<"$(sed 's/#.*//' deploy/service-jvm.options | xargs)"
echo "JVM options: ${JVM_OPTS[*]}"
: >"$WORK/start"
: >"$WORK/quarkus"
for r in 0 1 2 3 4 5 6 7; do
  if [[ $r -eq 0 ]]; then ARCHIVE=(-XX:ArchiveClassesAtExit="$WORK/auth.jsa"); else ARCHIVE=(-XX:SharedArchiveFile="$WORK/auth.jsa"); fi
  start=$(date +%s%N)
  (cd "$APP" && QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=18081 QUARKUS_HTTP_HOST=127.0.0.1 DB_HOST=127.0.0.1 \
    DB_PORT="${VTP_PG_PORT:-15432}" DB_NAME=auth KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:${VTP_KAFKA_PORT:-9092}" \
    VTP_DATA_DIR="$WORK/instance" exec java "${JVM_OPTS[@]}" "${ARCHIVE[@]}" -jar quarkus-run.jar) >"$WORK/instance.log" 2>&1 &
  INSTANCE_PID=$!
  until curl -fs http://127.0.0.1:18081/q/health/ready >/dev/null 2>&1; do
    kill -0 "$INSTANCE_PID" 2>/dev/null || { echo "bench: the instance exited:" >&2; tail -20 "$WORK/instance.log" >&2; exit 1; }
    sleep 0.05
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  quarkus=$(grep -oE 'started in [0-9.]+s' "$WORK/instance.log" | grep -oE '[0-9.]+')
  echo "start $r: ready after ${ready} ms (process start to /q/health/ready 200); Quarkus reports ${quarkus} s"
  # The recording start (which also generates the signing key) is reported, not counted.
  if [[ $r -gt 0 ]]; then
    echo "$ready" >>"$WORK/start"
    echo "$quarkus" | awk '{print int($1*1000)}' >>"$WORK/quarkus"
  fi
  if [[ $r -lt 7 ]]; then kill "$INSTANCE_PID"; wait "$INSTANCE_PID" 2>/dev/null || true; fi
  [[ -s "$WORK/auth.jsa" ]] || { echo "bench: the first start recorded no class-data archive" >&2; exit 1; }
done
echo "median reported by Quarkus: $(median <"$WORK/quarkus") ms"
echo "median time to ready: $(median <"$WORK/start") ms (target < 3000 ms)"
sleep 30
rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$INSTANCE_PID/status")
echo "idle RSS after 30 s: ${rss} MB (target < 250 MB)"
