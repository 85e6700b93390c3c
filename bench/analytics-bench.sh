#!/usr/bin/env bash
# analytics-service benchmark (issue 11). Runs against local mode on this machine; every event goes
# through Kafka as the other services would publish it (binary-mode CloudEvents), so ingest is
# measured on the real path: the broker, analytics-service's batch consumer, its database.
#   1. roster (always): one course, STUDENTS students enrolled, LECTURES published lectures of 45-60
#      minutes (vtp.users, vtp.courses, vtp.enrollments, vtp.recordings, vtp.media; bench/analytics-
#      bench/Roster.java), waiting until analytics-service's course_members, course_lectures and
#      lectures have them. The term began 70 days ago; lectures were published over it. (streaming-
#      service, which also reads vtp.recordings, tries to transcode each lecture and fails at once:
#      there is no media; about 0.3 s of its time per lecture, right after the roster.)
#   2. ingest: first INGEST_WARMUP events (other sessions) sent and applied, not measured, so that
#      analytics-service runs compiled code, as a service that has run for a while does; then
#      INGEST_EVENTS viewing events (sessions of the course's students, reported_at = now;
#      bench/analytics-bench/Viewing.java) written to vtp.viewing as fast as the producer goes
#      (COMPRESSION, LINGER_MS) while analytics-service consumes. Applied rate: when the service's lag
#      timer (vtp_analytics_ingest_lag_seconds_count, one per progress event committed) passed 10 %
#      and 90 % of the progress events, sampled every 250 ms; raw_events inserts (pg_stat_user_tables)
#      as a cross-check; target >= 50,000 events/s. Also the CPU of analytics-service, PostgreSQL,
#      Kafka, the producer and everything else in that window (/proc). The producer shares the two
#      CPUs with what it measures until it has sent everything (about a core at 150,000 events/s),
#      so the rate is also measured while analytics-service drains the backlog: from 1 s after the
#      producer finished to 90 %, no load generator running (in a deployment the events come from
#      streaming-service on other machines). Reference: a plain KafkaConsumer (new group,
#      StringDeserializer, reading the ce_* headers) reads the same records afterwards, also with no
#      producer running: ratio = analytics rate / raw consumer rate, for both windows. Then PACED_RATE events/s (auto: 20,000,
#      or half the sustained rate if less, so that it is a steady state) for PACED_WARMUP + PACED_SECONDS
#      s: the lag from an event's reported_at to report visibility (a probe progress event a second,
#      GET /api/v1/recordings/{probe}/analytics polled every 20 ms until it counts it: p50/p99), and
#      the service's own metric vtp_analytics_ingest_lag_seconds (commit time minus reported_at: p50/p99
#      as Micrometer reports them at the end, over its last ~2 minutes, and the exact mean over the
#      measured window).
#   3. load: vtp.viewing topped up to EVENTS records with sessions spread over the term (past
#      reported_at), as fast as the producer goes; waits until analytics-service has applied them
#      (its committed offsets) and reports that sustained rate too (tables growing).
#   4. reports: per endpoint (7), WARMUP then REQUESTS sequential GETs straight to analytics-service
#      (admin token; random students and lectures): p50/p95/p99, target p95 < 100 ms. Reference: the
#      report's core figures computed from raw_events with SQL over the JSON (bench/analytics-bench/
#      Reports.java says which), RAW_REQUESTS runs within RAW_BUDGET s: ratio raw p50 / report p50 (RAW_REQUESTS=0 skips it).
#      Before that, a consistency check of one lecture's and one student's figures against raw_events.
#   Then raw_events' size and the database's, and a summary block for docs/performance.md.
# Usage: bench/analytics-bench.sh   (STUDENTS=1000 LECTURES=100 EVENTS=10000000 INGEST_EVENTS=2000000 INGEST_WARMUP=600000
#          PACED_RATE=auto PACED_WARMUP=60 PACED_SECONDS=60 REQUESTS=200 WARMUP=20 RAW_REQUESTS=5
#          RAW_BUDGET=60 COMPRESSION=lz4 LINGER_MS=10 PHASES=234 KEEP_DATA=0 STALL_TIMEOUT=300 to tune;
#          PHASES selects parts 2-4, the roster always runs)
#   Small run (about 7 minutes): STUDENTS=50 LECTURES=10 EVENTS=600000 INGEST_EVENTS=200000 PACED_WARMUP=20
#          PACED_SECONDS=30 REQUESTS=100 bench/analytics-bench.sh
# analytics-service runs as its pod does (VTP_JVM_OPTIONS_ANALYTICS: serial collector, 1,200 MB heap with a
# 1,000 MB young generation and 200 MB survivor spaces, C2; VTP_ANALYTICS_BATCH_SIZE=10000) unless those
# variables say otherwise.
# Local mode: unless the gateway (VTP_GATEWAY_PORT, 8080) already answers, starts `./vtp up` itself in
# a VTP_HOME of its own (default .vtp/analytics-bench, git-ignored; VTP_READY_TIMEOUT 300 s), with a
# bootstrap administrator (VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL/_PASSWORD, defaults below), and stops it at
# the end. That VTP_HOME is deleted first, so every run starts from empty databases and topics, unless
# KEEP_DATA=1: then the run reuses the course of the previous run (its name is kept in
# $VTP_HOME/analytics-bench.run) and phase 3 only tops vtp.viewing up to EVENTS (e.g. KEEP_DATA=1
# PHASES=4 measures the reports again). When local mode already runs, its data stays and gets this
# run's course and events (without the bootstrap administrator there, an instructor account is
# registered and owns the course).
# Disk: see the sizes the run prints (raw_events and Kafka per event); the full size needs several GB
# in VTP_HOME. Needs java and javac 17, curl, jq; ss (iproute2) for the CPU figures.
# Exits non-zero when something fails (a request, a phase that does not finish within STALL_TIMEOUT
# seconds without progress); missed targets are reported, not failures.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export STUDENTS=${STUDENTS:-1000}
export LECTURES=${LECTURES:-100}
EVENTS=${EVENTS:-10000000}
INGEST_EVENTS=${INGEST_EVENTS:-2000000}
INGEST_WARMUP=${INGEST_WARMUP:-600000}
PACED_RATE=${PACED_RATE:-auto}
PACED_RATE_ASKED=$PACED_RATE
PACED_WARMUP=${PACED_WARMUP:-60}
PACED_SECONDS=${PACED_SECONDS:-60}
export REQUESTS=${REQUESTS:-200}
export WARMUP=${WARMUP:-20}
export RAW_REQUESTS=${RAW_REQUESTS:-5}
export RAW_BUDGET=${RAW_BUDGET:-60}
export COMPRESSION=${COMPRESSION:-lz4}
export LINGER_MS=${LINGER_MS:-10}
PHASES=${PHASES:-234}
KEEP_DATA=${KEEP_DATA:-0}
export VTP_HOME=${VTP_HOME:-$ROOT/.vtp/analytics-bench}
# analytics-service as its pod runs it (the generated manifest's JAVA_TOOL_OPTIONS and the service's batch
# size), not with local mode's small shared JVM (256 MB heap, C1) and 5,000-record batches; an empty
# VTP_JVM_OPTIONS_ANALYTICS gives local mode's options. Only applies when this script starts local mode.
export VTP_JVM_OPTIONS_ANALYTICS=${VTP_JVM_OPTIONS_ANALYTICS--XX:TieredStopAtLevel=4 -Xms1200m -Xmx1200m -Xmn1000m -XX:SurvivorRatio=3 -XX:TargetSurvivorRatio=90}
export VTP_ANALYTICS_BATCH_SIZE=${VTP_ANALYTICS_BATCH_SIZE:-10000}
# six services start at once on two cores: give them longer than the launcher's 90 s
export VTP_READY_TIMEOUT=${VTP_READY_TIMEOUT:-300}
GW="http://127.0.0.1:${VTP_GATEWAY_PORT:-8080}"
ANALYTICS_PORT=$(sed -nE 's/^[[:space:]]+analytics:.*port:[[:space:]]*([0-9]+).*/\1/p' deploy/routes.yaml)
export SERVICE_URL="http://127.0.0.1:${ANALYTICS_PORT:?no analytics port in deploy/routes.yaml}"
export GATEWAY=$GW
export KAFKA="127.0.0.1:${VTP_KAFKA_PORT:-9092}"
export JDBC="jdbc:postgresql://127.0.0.1:${VTP_PG_PORT:-15432}/analytics"
export DB_USER=vtp DB_PASSWORD=vtp
export VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL=${VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL:-analytics-bench-admin@example.org}
export VTP_AUTH_BOOTSTRAP_ADMIN_PASSWORD=${VTP_AUTH_BOOTSTRAP_ADMIN_PASSWORD:-Analytics-Bench-Admin-1}
MARKER=.analytics-bench-home
WORK=$(mktemp -d)
VTP_PID=""
BENCH_START=$(date +%s)

fail() { echo "bench: $*" >&2; exit 1; }

cleanup() {
  if [[ -n "$VTP_PID" ]]; then
    echo "bench: stopping local mode"
    kill -TERM "$VTP_PID" 2>/dev/null || true
    wait "$VTP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in curl jq; do command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install $tool)"; done
command -v javac >/dev/null || fail "javac is missing (a JDK 17 is needed for the helpers in bench/analytics-bench)"
((EVENTS >= 0 && INGEST_EVENTS > 0 && INGEST_WARMUP >= 0 && STUDENTS > 0 && LECTURES > 0)) || fail "STUDENTS, LECTURES and INGEST_EVENTS must be positive"

OWN_LOCAL_MODE=0
if ! curl -fs "$GW/health" >/dev/null 2>&1; then
  if [[ $KEEP_DATA != 1 && -d $VTP_HOME ]]; then
    [[ -f $VTP_HOME/$MARKER ]] || fail "VTP_HOME=$VTP_HOME exists and was not made by this benchmark: delete it, choose another or set KEEP_DATA=1"
    echo "bench: deleting the previous run's data ($VTP_HOME; KEEP_DATA=1 keeps it)"
    rm -rf "$VTP_HOME"
  fi
  mkdir -p "$VTP_HOME" && touch "$VTP_HOME/$MARKER"
  echo "bench: starting local mode (./vtp up, VTP_HOME=$VTP_HOME), log in $WORK/vtp.log"
  ./vtp up >"$WORK/vtp.log" 2>&1 &
  VTP_PID=$!
  OWN_LOCAL_MODE=1
  # ./vtp up first builds whatever is stale: allow for a build
  for _ in $(seq 1 "${VTP_UP_TIMEOUT:-900}"); do
    curl -fs "$GW/health" >/dev/null 2>&1 && break
    kill -0 "$VTP_PID" 2>/dev/null || { cat "$WORK/vtp.log"; VTP_PID=""; fail "./vtp up exited"; }
    sleep 1
  done
fi
curl -fs "$GW/health" >/dev/null || fail "the gateway $GW does not answer /health"
curl -fs "$SERVICE_URL/q/health/ready" >/dev/null || fail "analytics-service does not answer on $SERVICE_URL (is it built?)"
UP_SECONDS=$(( $(date +%s) - BENCH_START ))

# The processes whose CPU time the helpers report, found by their listening ports (ss, from iproute2;
# without it the CPU figures are skipped): analytics-service, PostgreSQL (with its backends), Kafka.
listener() { (ss -ltnpH "sport = :$1" 2>/dev/null || true) | grep -m1 -oE 'pid=[0-9]+' | cut -d= -f2 || true; }
export ANALYTICS_PID=$(listener "$ANALYTICS_PORT") PG_PID=$(listener "${VTP_PG_PORT:-15432}") KAFKA_PID=$(listener "${VTP_KAFKA_PORT:-9092}")
export CLK_TCK=$(getconf CLK_TCK)

# --- helpers: compiled once against local mode's jars (Kafka clients, PostgreSQL driver) -------------
LIB="vtp-local/target/lib"
ls "$LIB"/kafka-clients-*.jar "$LIB"/postgresql-*.jar >/dev/null 2>&1 || fail "no Kafka client or JDBC driver in $LIB (./vtp up builds vtp-local)"
mkdir -p "$WORK/classes"
javac -nowarn -cp "$LIB/*" -d "$WORK/classes" bench/analytics-bench/*.java bench/course-bench/Sql.java
helper() { java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$WORK/classes:$LIB/*" "$@"; }
sql() { helper Sql "$JDBC" "$DB_USER" "$DB_PASSWORD" "$@"; }
result() { sed -nE "s/.*RESULT .*[ ]$2=([^ ]+).*/\1/p" "$WORK/$1.txt" | head -1; }
LOADS=()
load_mark() { LOADS+=("$1 $(cut -d' ' -f1 /proc/loadavg)"); echo "(1-minute load average now: $(cut -d' ' -f1 /proc/loadavg))"; }
thousands() { printf '%.0f' "$1" | sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
fmt() { awk -v v="$1" 'BEGIN {printf (v >= 100 ? "%.0f" : "%.1f"), v}'; }
met() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN {if (v !~ /^[0-9.]+$/) {print "not measured"; exit}
  ok = (dir == "ge" ? v + 0 >= t : v + 0 < t); print (ok ? "met" : "not met")}'; }

# The run's name: the course, its students and lectures derive from it (bench/analytics-bench/Plan.java)
RUN_FILE="$VTP_HOME/analytics-bench.run"
if [[ $KEEP_DATA == 1 && -f $RUN_FILE ]] && read -r OLD_RUN OLD_STUDENTS OLD_LECTURES <"$RUN_FILE" \
    && [[ $OLD_STUDENTS == "$STUDENTS" && $OLD_LECTURES == "$LECTURES" ]]; then
  export RUN=$OLD_RUN
  echo "bench: KEEP_DATA=1: the course of run $RUN again"
else
  export RUN="$(date +%s)-$RANDOM"
  echo "$RUN $STUDENTS $LECTURES" >"$RUN_FILE"
fi

# --- who asks for the reports: the bootstrap administrator, else an instructor who owns the course -----
login() { curl -fsS -H 'Content-Type: application/json' "$GW/api/v1/auth/login" -d "{\"email\":\"$1\",\"password\":\"$2\"}" | jq -er .access_token; }
export ADMIN_EMAIL=$VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL ADMIN_PASSWORD=$VTP_AUTH_BOOTSTRAP_ADMIN_PASSWORD
export OWNER_ID=""
if login "$ADMIN_EMAIL" "$ADMIN_PASSWORD" >/dev/null 2>&1; then
  READER="the administrator $ADMIN_EMAIL"
else
  ADMIN_EMAIL="analytics-bench-$RUN@example.org" ADMIN_PASSWORD="Bench-Pass-2024"
  OWNER_ID=$(curl -fsS -H 'Content-Type: application/json' "$GW/api/v1/auth/register" \
    -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\",\"full_name\":\"Bench Instructor\",\"role\":\"instructor\"}" | jq -er .user_id) \
    || fail "no administrator $VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL and registering an instructor failed"
  READER="the instructor $ADMIN_EMAIL (owner of the course; no administrator $VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL in this local mode)"
fi
echo "reports are read by $READER"

# --- 1. roster ------------------------------------------------------------------------------------
echo "== 1. roster: 1 course, $(thousands "$STUDENTS") students, $(thousands "$LECTURES") lectures (run $RUN)"
T=$(date +%s)
helper Roster | tee "$WORK/roster.txt"
COURSE_ID=$(sed -nE 's/^course_id=//p' "$WORK/roster.txt")
ROSTER_SECONDS=$(( $(date +%s) - T ))

# --- 2. ingest rate and lag -------------------------------------------------------------------------
if [[ $PHASES == *2* ]]; then
  echo "== 2a. ingest: $(thousands "$INGEST_EVENTS") viewing events as fast as the producer goes (compression $COMPRESSION, linger $LINGER_MS ms), after $(thousands "$INGEST_WARMUP") to warm the service up"
  load_mark "ingest"
  T=$(date +%s)
  helper Viewing burst "$INGEST_EVENTS" "$INGEST_WARMUP" | tee "$WORK/burst.txt"
  BURST_SECONDS=$(( $(date +%s) - T ))
  if [[ $PACED_RATE == auto ]]; then
    # the lag is a steady state's only below capacity: 20,000/s, or half the rate just measured if less
    PACED_RATE=$(awk -v r="$(result burst rate_steady)" 'BEGIN {h = int(r / 2 / 100) * 100; print (h < 20000 ? (h < 100 ? 100 : h) : 20000)}')
    PACED_NOTE="PACED_RATE=auto: min(20,000, half the sustained rate)"
  else
    PACED_NOTE="PACED_RATE set"
  fi
  echo "== 2b. lag: $(thousands "$PACED_RATE") events/s ($PACED_NOTE), ${PACED_WARMUP} s warm-up, ${PACED_SECONDS} s measured"
  load_mark "paced"
  T=$(date +%s)
  TOKEN=$(login "$ADMIN_EMAIL" "$ADMIN_PASSWORD") || fail "login as $ADMIN_EMAIL failed"
  export TOKEN
  helper Viewing paced "$PACED_RATE" "$PACED_WARMUP" "$PACED_SECONDS" | tee "$WORK/paced.txt"
  PACED_TOTAL_SECONDS=$(( $(date +%s) - T ))
fi

# --- 3. load to EVENTS ------------------------------------------------------------------------------
if [[ $PHASES == *3* ]]; then
  echo "== 3. load: vtp.viewing up to $(thousands "$EVENTS") events, spread over the term"
  load_mark "load"
  T=$(date +%s)
  helper Viewing history "$EVENTS" | tee "$WORK/history.txt"
  LOAD_SECONDS=$(( $(date +%s) - T ))
fi

echo "== sizes"
T=$(date +%s%N)
read -r RAW_ROWS VIEWING_ROWS RAW_TOTAL RAW_HEAP DB_SIZE < <(sql "select count(*), count(*) filter (where topic = 'vtp.viewing'),
  pg_total_relation_size('raw_events'), pg_relation_size('raw_events'), pg_database_size(current_database()) from raw_events" | tr '\t' ' ')
COUNT_MS=$(( ($(date +%s%N) - T) / 1000000 ))
echo "raw_events: $(thousands "$RAW_ROWS") rows ($(thousands "$VIEWING_ROWS") of vtp.viewing; counting them took ~${COUNT_MS} ms),"\
  "$((RAW_TOTAL / 1048576)) MB with indexes ($((RAW_HEAP / 1048576)) MB table); database analytics $((DB_SIZE / 1048576)) MB"
sql "select relname, n_live_tup, pg_total_relation_size(relid) / 1048576 from pg_stat_user_tables
     where relname in ('raw_events', 'watch_progress', 'viewing_sessions', 'lecture_bucket_chunks', 'lecture_renditions', 'activity_days')
     order by 3 desc" | awk -F'\t' '{printf "  %-20s %12s rows (estimate) %8s MB\n", $1, $2, $3}'
KAFKA_MB=""
if [[ $OWN_LOCAL_MODE == 1 ]]; then
  KAFKA_MB=$(du -sm "$VTP_HOME/kafka" 2>/dev/null | cut -f1 || true)
  echo "on disk: $(du -sh "$VTP_HOME" | cut -f1) in $VTP_HOME (Kafka ${KAFKA_MB} MB, PostgreSQL $(du -sh "$VTP_HOME/postgres" 2>/dev/null | cut -f1))"
fi
if ((VIEWING_ROWS > 0)); then
  echo "per viewing event: raw_events $((RAW_TOTAL / VIEWING_ROWS)) bytes with its indexes, the analytics database $((DB_SIZE / VIEWING_ROWS)) bytes$( [[ -n $KAFKA_MB ]] && echo ", Kafka $((KAFKA_MB * 1048576 / VIEWING_ROWS)) bytes")"
fi

# --- 4. reports -------------------------------------------------------------------------------------
if [[ $PHASES == *4* ]]; then
  echo "== 4. reports: $WARMUP warm-up + $REQUESTS sequential requests each, direct on $SERVICE_URL; raw SQL reference up to $RAW_REQUESTS runs / ${RAW_BUDGET} s each"
  load_mark "reports"
  T=$(date +%s)
  helper Reports | tee "$WORK/reports.txt"
  REPORTS_SECONDS=$(( $(date +%s) - T ))
  grep -q "RESULT consistency=ok" "$WORK/reports.txt" || echo "bench: WARNING: the reports do not agree with raw_events (see the consistency line)" >&2
fi

# --- summary for docs/performance.md ----------------------------------------------------------------
TOTAL_SECONDS=$(( $(date +%s) - BENCH_START ))
echo
echo "==================== summary (markdown, for docs/performance.md) ===================="
SETTINGS=""
for v in STUDENTS:1000 LECTURES:100 EVENTS:10000000 INGEST_EVENTS:2000000 INGEST_WARMUP:600000 PACED_WARMUP:60 PACED_SECONDS:60 \
    REQUESTS:200 WARMUP:20 RAW_REQUESTS:5 RAW_BUDGET:60 COMPRESSION:lz4 LINGER_MS:10 PHASES:234 KEEP_DATA:0; do
  name=${v%%:*}
  [[ ${!name} == "${v#*:}" ]] || SETTINGS+="$name=${!name} "
done
[[ $PACED_RATE_ASKED == auto ]] || SETTINGS+="PACED_RATE=$PACED_RATE_ASKED "
echo "Command: \`${SETTINGS}bench/analytics-bench.sh\`, measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) vCPUs"
echo "($(sed -nE 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?');"
ANALYTICS_JVM_NOTE=${VTP_JVM_OPTIONS_ANALYTICS:-the shared options}
echo "local mode (services as deploy/service-jvm.options runs them; analytics-service with \`$ANALYTICS_JVM_NOTE\`, batches of $(thousands "$VTP_ANALYTICS_BATCH_SIZE")), one course: $(thousands "$STUDENTS") students, $(thousands "$LECTURES") lectures,"
echo "$(thousands "$VIEWING_ROWS") viewing events in raw_events ($((RAW_TOTAL / 1048576)) MB with its indexes; database $((DB_SIZE / 1048576)) MB$( [[ -n $KAFKA_MB ]] && echo "; Kafka $KAFKA_MB MB"))."
echo "1-minute load average at the start of each part: $(IFS=,; echo "${LOADS[*]:-}" | sed 's/,/, /g') (above $(nproc): other work competed for the CPUs)."
echo "Wall time: $TOTAL_SECONDS s (start-up $UP_SECONDS s, roster $ROSTER_SECONDS s$( [[ $PHASES == *2* ]] && echo ", ingest $BURST_SECONDS s, paced $PACED_TOTAL_SECONDS s")$( [[ $PHASES == *3* ]] && echo ", load $LOAD_SECONDS s")$( [[ $PHASES == *4* ]] && echo ", reports $REPORTS_SECONDS s"))."
if [[ $PHASES == *2* ]]; then
  STEADY=$(result burst rate_steady)
  echo
  echo "| ingest through Kafka (vtp.viewing, 1 partition) | measured | target |"
  echo "|---|---|---|"
  BACKLOG=$(result burst rate_backlog)
  echo "| analytics-service, sustained (middle 80 % of $(thousands "$INGEST_EVENTS") events after $(thousands "$INGEST_WARMUP") to warm it up, by its lag timer's count), the producer on the same CPUs for its first part | **$(thousands "$STEADY") events/s** | >= 50,000: $(met "$STEADY" 50000 ge) |"
  if [[ $BACKLOG != 0 ]]; then
    echo "| analytics-service, sustained while it drains the backlog (from 1 s after the producer finished, at $(fmt "$(result burst backlog_from)") s, to 90 %; no load generator running) | **$(thousands "$BACKLOG") events/s** | >= 50,000: $(met "$BACKLOG" 50000 ge) |"
    echo "| CPU while it drains the backlog, cores: analytics-service, PostgreSQL, Kafka, producer, other work; ms per 1,000 events: analytics-service, PostgreSQL | $(result burst backlog_cpu_analytics), $(result burst backlog_cpu_pg), $(result burst backlog_cpu_kafka), $(result burst backlog_cpu_producer), $(result burst backlog_cpu_other); $(result burst backlog_ms_analytics), $(result burst backlog_ms_pg) | |"
  fi
  echo "| analytics-service, overall (first send to last applied) / cross-check from raw_events inserts | $(thousands "$(result burst rate_overall)") / $(thousands "$(result burst rows_rate)") per s | |"
  echo "| CPU in the sustained window, cores: analytics-service, PostgreSQL, Kafka, producer, other work | $(result burst cpu_analytics), $(result burst cpu_pg), $(result burst cpu_kafka), $(result burst cpu_producer), $(result burst cpu_other) | |"
  echo "| CPU ms per 1,000 events applied: analytics-service, PostgreSQL | $(result burst ms_analytics), $(result burst ms_pg) | |"
  echo "| producer (same run, $COMPRESSION, linger $LINGER_MS ms) | $(thousands "$(result burst produce_rate)") events/s | |"
  echo "| raw KafkaConsumer over the same records (reference) | $(thousands "$(result burst raw_rate)") records/s | |"
  echo "| ratio analytics / raw consumer: middle 80 % / draining the backlog (the raw consumer also reads with no producer running) | **$(result burst ratio | awk '{printf "%.3f", $1}') / $(result burst ratio_backlog | awk '{printf "%.3f", $1}')** | |"
  echo "| paced $(thousands "$PACED_RATE") events/s ($PACED_NOTE) for ${PACED_SECONDS} s after ${PACED_WARMUP} s: applied | $(thousands "$(result paced applied_rate)") events/s | |"
  echo "| lag to report visibility (probes, $(result paced probes) of them): p50 / p99 | **$(fmt "$(result paced probe_p50)") / $(fmt "$(result paced probe_p99)") ms** | |"
  echo "| service metric vtp_analytics_ingest_lag_seconds: p50 / p99 (rolling) / mean over the window | $(fmt "$(awk -v v="$(result paced metric_p50)" 'BEGIN {print v * 1000}')") / $(fmt "$(awk -v v="$(result paced metric_p99)" 'BEGIN {print v * 1000}')") / $(fmt "$(awk -v v="$(result paced metric_mean)" 'BEGIN {print v * 1000}')") ms | |"
fi
if [[ $PHASES == *3* && $(result history events) != 0 ]]; then
  echo "| load of $(thousands "$(result history events)") events spread over the term: sustained while the tables grew (CPU ms per 1,000: analytics-service $(result history ms_analytics), PostgreSQL $(result history ms_pg)) | $(thousands "$(result history rate_steady)") events/s | |"
fi
if [[ $PHASES == *4* ]]; then
  echo
  echo "| report ($(thousands "$REQUESTS") sequential requests, direct) | p50 | p95 | p99 | p95 < 100 ms | answer | raw SQL p50 (runs) | raw / report |"
  echo "|---|---|---|---|---|---|---|---|"
  while read -r line; do
    name=$(sed -nE 's/.*endpoint=([^ ]+).*/\1/p' <<<"$line")
    val() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$line"; }
    case $name in
      student) label='`GET /api/v1/analytics/students/{id}?course_id=`' ;;
      lecture) label='`GET /api/v1/analytics/lectures/{id}`' ;;
      course) label='`GET /api/v1/analytics/courses/{id}`' ;;
      attendance) label='`GET /api/v1/analytics/reports/attendance?course_id=&limit=50&offset=` (a random page)' ;;
      engagement) label='`GET /api/v1/analytics/reports/engagement?course_id=`' ;;
      performance) label='`GET /api/v1/analytics/reports/performance?course_id=`' ;;
      recording) label='`GET /api/v1/recordings/{id}/analytics`' ;;
    esac
    echo "| $label | $(fmt "$(val p50)") ms | **$(fmt "$(val p95)") ms** | $(fmt "$(val p99)") ms | $(met "$(val p95)" 100 lt) | $(thousands "$(val bytes)") B | $(fmt "$(val raw_p50)") ms ($(val raw_n)) | $(ratio "$(val raw_p50)" "$(val p50)")x |"
  done < <(grep '^RESULT endpoint=' "$WORK/reports.txt")
  echo
  echo "Consistency of the reports with raw_events (one lecture, one student): $(sed -nE 's/^RESULT consistency=//p' "$WORK/reports.txt")."
fi
echo "======================================================================================"
