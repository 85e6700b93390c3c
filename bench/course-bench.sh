#!/usr/bin/env bash
# course-service benchmarks. Runs against local mode on this machine, with real accounts of
# auth-service and a seeded course database:
#   0. seeds course-service's database (bench/course-bench/Seed.java, COPY through JDBC): 10,000
#      courses, 200,000 enrolments, one owner per course, the user projection of every seeded user.
#      Two real users registered through the gateway are part of it: a student enrolled in 20
#      courses and an instructor (promoted by the bootstrap administrator) who owns 20 courses, one
#      of them with 200 students. Earlier seeds (codes BENCH-*) are deleted first; nothing else is.
#   1. GET /api/v1/courses/my (READERS students, default one per connection, each enrolled in the same
#      20 courses) and GET /api/v1/courses/{id}/enrollments?limit=50 (the instructor and READERS-1 TAs
#      of the 200-student course), wrk -t2 -c50 --latency with bench/course-bench/tokens.lua (each
#      request carries the next reader's token), through the gateway and directly on course-service's
#      port, as shipped (course-service's read cache answers repeated reads) and directly with
#      Cache-Control: no-cache (every request read from PostgreSQL, "fresh"): req/s, p50, p99
#      (target p99 < 20 ms); medians of ROUNDS rounds. Also:
#      EXPLAIN ANALYZE of the SQL behind both (as Hibernate sends it), their latency on one
#      connection, and the CPU time per request of course-service, the gateway and PostgreSQL
#   2. the same without the indexes course-service made for these queries (course_members_user,
#      course_members_course_role; dropped, ANALYZE, measured, recreated exactly as V1__init.sql
#      defines them): ratios with / without
#   3. 1,000 students (registered and logged in first) enrol at the same moment in an active, open
#      course with max_students=500 (bench/course-bench/Enroll.java): exactly 500 x 201 and 500 x 409,
#      enrolled_count 500, roster total 500; wall time of the 1,000 requests
#   Last, a summary block for docs/performance.md.
# The seeded rows stay in the database afterwards (the next run replaces them); every run registers
# ENROLL_STUDENTS + 2 new accounts with auth-service, as auth-bench.sh does.
# Usage: bench/course-bench.sh   (ROUNDS=3 DURATION=10s WARMUP=15s SINGLE_DURATION=5s CONNECTIONS=50 THREADS=2 READERS=50
#          ENROLL_STUDENTS=1000 ENROLL_SEATS=500 ENROLL_VIA=gateway|direct PLANS=1 to tune; PARTS=123
#          selects parts, e.g. PARTS=3 only the enrolment storm; part 2 needs part 1 and runs it;
#          the seed always runs)
# Local mode: uses VTP_GATEWAY_PORT (8080) and VTP_PG_PORT (15432) like ./vtp up; course-service's
# port comes from deploy/routes.yaml. Starts `./vtp up` itself (with a bootstrap administrator,
# VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL/_PASSWORD, defaults below) unless the gateway already answers, and
# stops it again at the end. If local mode was already running without that administrator, the
# instructor registers with role instructor instead (auth-service allows it).
# Needs wrk and jq (installed with apt-get when missing and run as root), java and javac 17.
# Exits non-zero when a request fails, the seed is inconsistent or the enrolment counts are wrong.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-15s}
SINGLE_DURATION=${SINGLE_DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
READERS=${READERS:-$CONNECTIONS}
PARTS=${PARTS:-123}
PLANS=${PLANS:-1}
ENROLL_STUDENTS=${ENROLL_STUDENTS:-1000}
ENROLL_SEATS=${ENROLL_SEATS:-500}
ENROLL_VIA=${ENROLL_VIA:-gateway}
GW="http://127.0.0.1:${VTP_GATEWAY_PORT:-8080}"
COURSE_PORT=$(sed -nE 's/^[[:space:]]+course:.*port:[[:space:]]*([0-9]+).*/\1/p' deploy/routes.yaml)
COURSE="http://127.0.0.1:${COURSE_PORT:?no course port in deploy/routes.yaml}"
# local mode's PostgreSQL (vtp-local LocalPostgres: user and password vtp, one database per service)
JDBC="jdbc:postgresql://127.0.0.1:${VTP_PG_PORT:-15432}/course"
DB_USER=vtp
DB_PASSWORD=vtp
MIGRATION=course-service/src/main/resources/db/migration/V1__init.sql
export VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL=${VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL:-course-bench-admin@example.org}
export VTP_AUTH_BOOTSTRAP_ADMIN_PASSWORD=${VTP_AUTH_BOOTSTRAP_ADMIN_PASSWORD:-Course-Bench-Admin-1}
PASSWORD="Bench-Pass-2024"
RUN="$(date +%s)$RANDOM"
WORK=$(mktemp -d)
VTP_PID=""
INDEXES_DROPPED=0

fail() { echo "bench: $*" >&2; exit 1; }

cleanup() {
  if [[ $INDEXES_DROPPED -eq 1 ]]; then
    echo "bench: recreating the dropped indexes" >&2
    sql "${INDEX_DDL_IF_MISSING[@]}" "analyze course_members" >&2 || echo "bench: recreating the indexes FAILED" >&2
  fi
  if [[ -n "$VTP_PID" ]]; then
    echo "bench: stopping local mode"
    kill -TERM "$VTP_PID" 2>/dev/null || true
    wait "$VTP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in wrk jq; do
  if ! command -v "$tool" >/dev/null; then
    if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null
    else fail "$tool is missing (apt-get install $tool)"; fi
  fi
done
command -v javac >/dev/null || fail "javac is missing (a JDK 17 is needed for the helpers in bench/course-bench)"

if ! curl -fs "$GW/health" >/dev/null 2>&1; then
  echo "bench: starting local mode (./vtp up), log in $WORK/vtp.log"
  ./vtp up >"$WORK/vtp.log" 2>&1 &
  VTP_PID=$!
  # ./vtp up first builds whatever is stale: allow for a build
  for _ in $(seq 1 "${VTP_UP_TIMEOUT:-900}"); do
    curl -fs "$GW/health" >/dev/null 2>&1 && break
    kill -0 "$VTP_PID" 2>/dev/null || { cat "$WORK/vtp.log"; VTP_PID=""; fail "./vtp up exited"; }
    sleep 1
  done
fi
curl -fs "$GW/health" >/dev/null || fail "the gateway $GW does not answer /health"
curl -fs "$COURSE/q/health/ready" >/dev/null || fail "course-service does not answer on $COURSE (is it built?)"

# --- helpers: the JDBC driver local mode itself uses, the Java helpers compiled once ----------------
PGJDBC=$(ls vtp-local/target/lib/postgresql-[0-9]*.jar 2>/dev/null | sort -V | tail -1 || true)
if [[ -z $PGJDBC ]]; then
  REPO=$HOME/.m2/repository
  if [[ -f .mvn/maven.config ]] && grep -q 'maven.repo.local=' .mvn/maven.config; then
    REPO=$(sed -nE 's/.*-Dmaven\.repo\.local=([^ ]+).*/\1/p' .mvn/maven.config)
  fi
  PGJDBC=$(ls "$REPO"/org/postgresql/postgresql/*/postgresql-[0-9]*.jar 2>/dev/null | sort -V | tail -1 || true)
fi
[[ -n $PGJDBC ]] || fail "no PostgreSQL JDBC driver in vtp-local/target/lib or the Maven repository"
mkdir -p "$WORK/classes"
javac -nowarn -cp "$PGJDBC" -d "$WORK/classes" bench/course-bench/*.java
helper() { java -cp "$WORK/classes:$PGJDBC" "$@"; }
sql() { helper Sql "$JDBC" "$DB_USER" "$DB_PASSWORD" "$@"; }

# The two indexes exactly as V1__init.sql creates them (one line each there).
mapfile -t INDEX_DDL < <(grep -E '^create index (course_members_user|course_members_course_role) ' "$MIGRATION" | sed 's/;[[:space:]]*$//')
(( ${#INDEX_DDL[@]} == 2 )) || fail "expected the definitions of course_members_user and course_members_course_role in $MIGRATION"
INDEX_DDL_IF_MISSING=("${INDEX_DDL[@]/#create index /create index if not exists }")
INDEX_DEFS_SQL="select indexname || ': ' || indexdef from pg_indexes where tablename = 'course_members'
  and indexname in ('course_members_user', 'course_members_course_role') order by indexname"
# an earlier run that died between dropping and recreating them must not skew this one
sql "${INDEX_DDL_IF_MISSING[@]}"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
rps() { awk '/^Requests\/sec/ {print $2}'; }
# wrk --latency percentile line (e.g. "99%   12.34ms") in milliseconds
pct() { awk -v p="$1%" '$1==p { v=$2; u=v; sub(/[0-9.]+/,"",u); sub(/[a-z]+$/,"",v);
        if (u=="us") v/=1000; else if (u=="s") v*=1000; else if (u=="m") v*=60000; print v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
fmt() { awk -v v="$1" 'BEGIN {printf (v >= 100 ? "%.0f" : "%.2f"), v}'; }
LOADS=()
load_mark() { LOADS+=("$1 $(cut -d' ' -f1 /proc/loadavg)"); echo "(1-minute load average now: $(cut -d' ' -f1 /proc/loadavg))"; }
thousands() { printf '%.0f' "$1" | sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta'; }

# --- accounts: through the gateway, as a browser would ----------------------------------------------
# a distinct client address per login (the gateway appends its own hop; 127.0.0.1 is a trusted
# proxy); the counter lives in a file because callers run in command substitutions (subshells)
next_xff() { local n; n=$(( $(cat "$WORK/xff" 2>/dev/null || echo 0) + 1 )); echo "$n" >"$WORK/xff"
  echo "10.98.$((n / 250 % 250)).$((n % 250 + 1))"; }
call() { # METHOD URL [curl args...]: the answer's body; fails unless 2xx
  local method=$1 url=$2 out code; shift 2
  out=$(curl -sS -X "$method" -w '\n%{http_code}' "$@" "$url") || fail "$method $url: curl failed"
  code=${out##*$'\n'}
  [[ $code == 2* ]] || fail "$method $url answered $code: ${out%$'\n'*}"
  printf '%s' "${out%$'\n'*}"
}
json() { call "$1" "$2" -H 'Content-Type: application/json' "${@:3}"; }
register() { # EMAIL NAME [ROLE] -> user id
  local role=${3:+,\"role\":\"$3\"}
  json POST "$GW/api/v1/auth/register" -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\",\"full_name\":\"$2\"$role}" | jq -er .user_id
}
login() { # EMAIL PASSWORD -> access token
  json POST "$GW/api/v1/auth/login" -H "X-Forwarded-For: $(next_xff)" -d "{\"email\":\"$1\",\"password\":\"$2\"}" | jq -er .access_token
}
STUDENT_EMAIL="course-bench-$RUN-student@example.org"
INSTRUCTOR_EMAIL="course-bench-$RUN-instructor@example.org"
echo "== accounts (through the gateway $GW): student $STUDENT_EMAIL, instructor $INSTRUCTOR_EMAIL"
STUDENT_ID=$(register "$STUDENT_EMAIL" "Bench Student")
ADMIN_TOKEN=""
if ADMIN_ANSWER=$(curl -s -H 'Content-Type: application/json' -H "X-Forwarded-For: $(next_xff)" "$GW/api/v1/auth/login" \
    -d "{\"email\":\"$VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL\",\"password\":\"$VTP_AUTH_BOOTSTRAP_ADMIN_PASSWORD\"}") \
    && ADMIN_TOKEN=$(jq -er .access_token <<<"$ADMIN_ANSWER" 2>/dev/null); then
  INSTRUCTOR_ID=$(register "$INSTRUCTOR_EMAIL" "Bench Instructor")
  ROLE=$(json PATCH "$GW/api/v1/auth/users/$INSTRUCTOR_ID" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -d '{"role":"instructor"}' | jq -r .role)
  [[ $ROLE == instructor ]] || fail "the administrator's PATCH left the role at '$ROLE'"
  echo "instructor promoted by the administrator $VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL (PATCH /api/v1/auth/users/{id})"
else
  echo "no administrator $VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL in this local mode: the instructor registers with role instructor"
  INSTRUCTOR_ID=$(register "$INSTRUCTOR_EMAIL" "Bench Instructor" instructor)
fi
echo "student id $STUDENT_ID, instructor id $INSTRUCTOR_ID"
# the other readers: READERS-1 more students and READERS-1 TAs of the roster course (as the seed makes them)
STUDENT_EMAILS=("$STUDENT_EMAIL"); STUDENT_IDS=$STUDENT_ID; TA_EMAILS=(); TA_IDS=""
for i in $(seq 2 "$READERS"); do
  e="course-bench-$RUN-student$i@example.org"; STUDENT_EMAILS+=("$e"); STUDENT_IDS+=",$(register "$e" "Bench Student $i")"
  e="course-bench-$RUN-ta$i@example.org"; TA_EMAILS+=("$e"); TA_IDS+="${TA_IDS:+,}$(register "$e" "Bench TA $i")"
done
echo "$READERS students and $((READERS - 1)) TAs registered"

echo "== seed: course-service database ($JDBC)"
helper -Xmx1g Seed "$JDBC" "$DB_USER" "$DB_PASSWORD" "$STUDENT_IDS" "$INSTRUCTOR_ID" $TA_IDS | tee "$WORK/seed.txt"
seeded() { sed -nE "s/^$1=(.*)/\1/p" "$WORK/seed.txt"; }
ROSTER_COURSE=$(seeded roster_course)
[[ $(seeded student_courses) -ge 10 && $(seeded instructor_courses) -ge 10 && $(seeded roster_students) -ge 100 \
   && $(seeded bench_students) -eq $READERS && $(seeded roster_tas) -eq $((READERS - 1)) ]] \
  || fail "the seed lacks the benchmark users' courses"

tokens() { # every reader logs in; $WORK/tokens.my and tokens.roster hold one access token a line
  local e
  STUDENT_TOKEN=$(login "$STUDENT_EMAIL" "$PASSWORD")
  INSTRUCTOR_TOKEN=$(login "$INSTRUCTOR_EMAIL" "$PASSWORD")
  echo "$STUDENT_TOKEN" >"$WORK/tokens.my"; echo "$INSTRUCTOR_TOKEN" >"$WORK/tokens.roster"
  for e in "${STUDENT_EMAILS[@]:1}"; do login "$e" "$PASSWORD" >>"$WORK/tokens.my"; echo >>"$WORK/tokens.my"; done
  for e in "${TA_EMAILS[@]}"; do login "$e" "$PASSWORD" >>"$WORK/tokens.roster"; echo >>"$WORK/tokens.roster"; done
}
tokens
MY_TOTAL=$(json GET "$GW/api/v1/courses/my" -H "Authorization: Bearer $STUDENT_TOKEN" | jq -r '"\(.total) \(.courses | length)"')
ROSTER_TOTAL=$(json GET "$GW/api/v1/courses/$ROSTER_COURSE/enrollments?limit=50" -H "Authorization: Bearer $INSTRUCTOR_TOKEN" \
  | jq -r '"\(.total) \(.enrollments | length)"')
echo "GET /courses/my as the student: total ${MY_TOTAL% *}, ${MY_TOTAL#* } in the page;" \
  "GET /courses/$ROSTER_COURSE/enrollments?limit=50 as the instructor: total ${ROSTER_TOTAL% *}, ${ROSTER_TOTAL#* } in the page"
[[ ${MY_TOTAL% *} == "$(seeded student_courses)" && ${ROSTER_TOTAL% *} == "$(seeded roster_students)" ]] \
  || fail "the API does not see the seeded rows"

# --- parts 1 and 2: the two reads ---------------------------------------------------------------------
# a target is KIND:PATH, KIND my or roster, PATH gateway, direct, or fresh (direct with Cache-Control: no-cache)
TARGETS=(my:gateway my:direct my:fresh roster:gateway roster:direct roster:fresh)
url_of() { local base=$GW; [[ ${1#*:} != gateway ]] && base=$COURSE
  if [[ ${1%%:*} == my ]]; then echo "$base/api/v1/courses/my"; else echo "$base/api/v1/courses/$ROSTER_COURSE/enrollments?limit=50"; fi; }
script_of() { # wrk's script arguments: the readers' tokens, and fresh when the target asks for it
  echo "-s bench/course-bench/tokens.lua $(url_of "$1") -- $WORK/tokens.${1%%:*} $([[ ${1#*:} == fresh ]] && echo fresh)"; }
label_of() { local q="GET /courses/my"; [[ ${1%%:*} == roster ]] && q="GET /courses/{id}/enrollments?limit=50"
  printf '%-40s %-8s' "$q" "${1#*:}"; }

# run_wrk TARGET DURATION: the wrk output; fails on non-2xx answers, warns on socket errors
run_wrk() {
  local out
  # shellcheck disable=SC2046
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 10s --latency $(script_of "$1"))
  if grep -q "Non-2xx" <<<"$out"; then echo "$out" >&2; fail "non-2xx answers from $(url_of "$1")"; fi
  if grep -q "Socket errors" <<<"$out"; then echo "bench: warning: $1: $(grep 'Socket errors' <<<"$out")" >&2; fi
  echo "$out"
}

# CPU time of the processes serving the requests, to show where a request's time goes: the
# course-service JVM, the gateway (the launcher's JVM) and PostgreSQL (postmaster and its backends),
# found by their listening ports (ss, from iproute2; without it the figures are skipped).
listener() { (ss -ltnpH "sport = :$1" 2>/dev/null || true) | grep -m1 -oE 'pid=[0-9]+' | cut -d= -f2 || true; }
COURSE_PID=$(listener "$COURSE_PORT"); GW_PID=$(listener "${VTP_GATEWAY_PORT:-8080}"); PG_PID=$(listener "${VTP_PG_PORT:-15432}")
CLK_TCK=$(getconf CLK_TCK)
ticks() { # PID [children]: user+system clock ticks of the process (and of its children when asked)
  local p pids=$1
  [[ -n $1 ]] || { echo x; return; }
  [[ ${2:-} == children ]] && pids="$1 $(ps --ppid "$1" -o pid= | xargs)"
  for p in $pids; do sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null || true; done | awk '{t += $12 + $13} END {print t + 0}'
}
cpu_snapshot() { echo "$(ticks "$COURSE_PID") $(ticks "$GW_PID") $(ticks "$PG_PID" children)"; }
# cpu_per_request BEFORE AFTER REQUESTS: "course gateway postgres" CPU milliseconds per request
cpu_per_request() { awk -v b="$1" -v a="$2" -v n="$3" -v hz="$CLK_TCK" 'BEGIN {split(b, x, " "); split(a, y, " ");
  for (i = 1; i <= 3; i++) printf (x[i] == "x" ? "%s%s" : "%s%.2f"), (i > 1 ? " " : ""), (x[i] == "x" ? "n/a" : (y[i] - x[i]) * 1000 / hz / n); print ""}'; }
requests() { awk '/ requests in / {print $1}'; }

# warm: WARMUP of load on each target (the JIT of course-service and of the gateway, and the caches)
warm() { local t; for t in "${TARGETS[@]}"; do run_wrk "$t" "$WARMUP" >/dev/null; done; }

# measure PHASE: ROUNDS rounds over the targets, interleaved; medians in $WORK/PHASE.*
measure() {
  local phase=$1 t r out before after cpu
  for r in $(seq 1 "$ROUNDS"); do
    for t in "${TARGETS[@]}"; do
      before=$(cpu_snapshot)
      out=$(run_wrk "$t" "$DURATION")
      after=$(cpu_snapshot)
      cpu=$(cpu_per_request "$before" "$after" "$(requests <<<"$out")")
      rps <<<"$out" >>"$WORK/$phase.$t.rps"
      pct 50 <<<"$out" >>"$WORK/$phase.$t.p50"
      pct 99 <<<"$out" >>"$WORK/$phase.$t.p99"
      read -r c g p <<<"$cpu"
      echo "$c" >>"$WORK/$phase.$t.cpu_course"; echo "$g" >>"$WORK/$phase.$t.cpu_gateway"; echo "$p" >>"$WORK/$phase.$t.cpu_pg"
      printf 'round %s  %s %9s req/s  p50 %8s ms  p99 %8s ms   CPU ms/request: course %s, gateway %s, PostgreSQL %s\n' \
        "$r" "$(label_of "$t")" "$(rps <<<"$out")" "$(pct 50 <<<"$out")" "$(pct 99 <<<"$out")" "$c" "$g" "$p"
    done
  done
  echo "median of $ROUNDS rounds:"
  for t in "${TARGETS[@]}"; do
    for m in rps p50 p99 cpu_course cpu_gateway cpu_pg; do median <"$WORK/$phase.$t.$m" >"$WORK/$phase.$t.$m.median"; done
    printf '         %s %9s req/s  p50 %8s ms  p99 %8s ms   CPU ms/request: course %s, gateway %s, PostgreSQL %s%s\n' \
      "$(label_of "$t")" "$(M "$phase" "$t" rps)" "$(M "$phase" "$t" p50)" "$(M "$phase" "$t" p99)" \
      "$(M "$phase" "$t" cpu_course)" "$(M "$phase" "$t" cpu_gateway)" "$(M "$phase" "$t" cpu_pg)" \
      "$(awk -v p="$(M "$phase" "$t" p99)" 'BEGIN {print (p < 20 ? "   (p99 < 20 ms: met)" : "   (p99 < 20 ms: MISSED)")}')"
  done
}

# single: one connection (wrk -t1 -c1) per target: the latency of a request that never queues
single() {
  local t out
  for t in "${TARGETS[@]}"; do
    # shellcheck disable=SC2046
    out=$(wrk -t1 -c1 -d"$SINGLE_DURATION" --timeout 10s --latency $(script_of "$t"))
    if grep -q "Non-2xx" <<<"$out"; then echo "$out" >&2; fail "non-2xx answers from $(url_of "$t")"; fi
    pct 50 <<<"$out" >"$WORK/single.$t.p50.median"; pct 99 <<<"$out" >"$WORK/single.$t.p99.median"; rps <<<"$out" >"$WORK/single.$t.rps.median"
    printf '         %s %9s req/s  p50 %8s ms  p99 %8s ms\n' "$(label_of "$t")" "$(M single "$t" rps)" "$(M single "$t" p50)" "$(M single "$t" p99)"
  done
}
M() { cat "$WORK/$1.$2.$3.median"; }

# The statements Hibernate sends for the two reads (page queries; each request also counts, and the
# roster request loads the course and the caller's membership first).
MY_SQL="select c.*, m.role, m.joined_at from course_members m join courses c on c.id = m.course_id
  where m.user_id = '$STUDENT_ID' order by m.joined_at desc, m.course_id offset 0 rows fetch first 50 rows only"
MY_COUNT_SQL="select count(*) from course_members where user_id = '$STUDENT_ID'"
ROSTER_SQL="select m.id, m.user_id, m.joined_at, m.added_by, u.email, u.full_name, u.active from course_members m
  left join known_users u on u.id = m.user_id where m.course_id = '$ROSTER_COURSE' and m.role = 'student'
  order by m.joined_at, m.user_id offset 0 rows fetch first 50 rows only"
ROSTER_COUNT_SQL="select count(*) from course_members where course_id = '$ROSTER_COURSE' and role = 'student'"
explain_times() { # PHASE: execution time of each statement (best of 3), full plans of the page queries when PLANS=1
  local name q
  for name in MY_SQL MY_COUNT_SQL ROSTER_SQL ROSTER_COUNT_SQL; do
    q=${!name}
    sql "explain (analyze, buffers) $q" >"$WORK/plan.txt"
    sql "explain (analyze, buffers) $q" "explain (analyze, buffers) $q" >/dev/null
    sql "explain (analyze) $q" "explain (analyze) $q" "explain (analyze) $q" \
      | sed -nE 's/^Execution Time: ([0-9.]+) ms/\1/p' | sort -g | head -1 >"$WORK/$1.$name.ms"
    printf '  %-17s %8s ms  (%s)\n' "$name" "$(cat "$WORK/$1.$name.ms")" \
      "$(grep -m1 -oE '(Index Only Scan|Index Scan|Bitmap Heap Scan|Seq Scan)[^(]*' "$WORK/plan.txt" | sed 's/ *$//')"
    if [[ $PLANS == 1 && $name != *COUNT* ]]; then sed 's/^/      /' "$WORK/plan.txt"; fi
  done
}

if [[ $PARTS == *[12]* ]]; then
echo "== 1. with course-service's indexes: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (warm-up $WARMUP each), $ROUNDS rounds, gateway $GW and direct $COURSE"
load_mark "part 1"
sql "$INDEX_DEFS_SQL" | tee "$WORK/indexes.before" | sed 's/^/index /'
echo "PostgreSQL's time for the statements behind the two reads (EXPLAIN ANALYZE on the seeded data):"
explain_times with
echo "warm-up: $WARMUP of load on each target"
warm
echo "one connection (wrk -t1 -c1 -d$SINGLE_DURATION): the time of a request that never waits behind another"
single
echo "$CONNECTIONS connections:"
measure with
fi

if [[ $PARTS == *2* ]]; then
echo "== 2. without course_members_user and course_members_course_role (dropped, ANALYZE), same runs"
load_mark "part 2"
tokens   # access tokens live 15 minutes
INDEXES_DROPPED=1
sql "drop index course_members_user" "drop index course_members_course_role" "analyze course_members"
echo "PostgreSQL's time for the same statements now:"
explain_times without
echo "warm-up: $WARMUP of load on each target"
warm
measure without
echo "recreating the indexes as $MIGRATION defines them:"
printf '  %s\n' "${INDEX_DDL[@]}"
sql "${INDEX_DDL[@]}" "analyze course_members"
INDEXES_DROPPED=0
sql "$INDEX_DEFS_SQL" >"$WORK/indexes.after"
diff "$WORK/indexes.before" "$WORK/indexes.after" >/dev/null || fail "the recreated indexes differ: $(cat "$WORK/indexes.after")"
echo "indexes recreated, definitions identical to before"
echo "ratio with / without indexes (medians):"
for t in "${TARGETS[@]}"; do
  printf '         %s throughput %6sx   p99 %6sx\n' "$(label_of "$t")" "$(ratio "$(M with "$t" rps)" "$(M without "$t" rps)")" \
    "$(ratio "$(M with "$t" p99)" "$(M without "$t" p99)")"
done
fi

# --- part 3: the enrolment storm -------------------------------------------------------------------
ENROLL_PROBLEMS=()
if [[ $PARTS == *3* ]]; then
echo "== 3. $ENROLL_STUDENTS concurrent self-enrolments into an open course with max_students=$ENROLL_SEATS (via $ENROLL_VIA)"
load_mark "part 3"
tokens
CODE="BENCH-ENR-$RUN"
ENROLL_COURSE=$(json POST "$GW/api/v1/courses" -H "Authorization: Bearer $INSTRUCTOR_TOKEN" \
  -d "{\"code\":\"$CODE\",\"name\":\"Enrolment storm $RUN\",\"status\":\"active\",\"enrollment_mode\":\"open\",\"max_students\":$ENROLL_SEATS}" \
  | jq -er .id)
echo "course $CODE created by the instructor: $ENROLL_COURSE"
ENROLL_TARGET=$GW
[[ $ENROLL_VIA == direct ]] && ENROLL_TARGET=$COURSE
helper -Xss512k -DENROLL_URL="$ENROLL_TARGET" Enroll "$GW" "$ENROLL_COURSE" "$ENROLL_STUDENTS" "$RUN" "$PASSWORD" 8 | tee "$WORK/enroll.txt"
RESULT=$(grep '^RESULT ' "$WORK/enroll.txt") || fail "Enroll printed no RESULT"
val() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$RESULT"; }
E201=$(val status_201); E201=${E201:-0}
E409=$(val status_409); E409=${E409:-0}
OTHER=$(tr ' ' '\n' <<<"$RESULT" | grep '^status_' | grep -vE '^status_(201|409)=' | tr '\n' ' ' || true)
ENROLLED=$(json GET "$GW/api/v1/courses/$ENROLL_COURSE" -H "Authorization: Bearer $INSTRUCTOR_TOKEN" | jq -r .enrolled_count)
ROSTER=$(json GET "$GW/api/v1/courses/$ENROLL_COURSE/enrollments?limit=1" -H "Authorization: Bearer $INSTRUCTOR_TOKEN" | jq -r .total)
DB_STUDENTS=$(sql "select count(*) from course_members where course_id = '$ENROLL_COURSE' and role = 'student'")
echo "answers: 201 x $E201, 409 x $E409, other: ${OTHER:-none}"
echo "enrolled_count (GET /courses/{id}): $ENROLLED; roster total (GET /enrollments): $ROSTER; student rows in the database: $DB_STUDENTS"
echo "wall time of the $ENROLL_STUDENTS requests: $(val wall_ms) ms (per request: p50 $(val p50_ms) ms, p99 $(val p99_ms) ms, max $(val max_ms) ms)"
REJECTED=$((ENROLL_STUDENTS > ENROLL_SEATS ? ENROLL_STUDENTS - ENROLL_SEATS : 0))
ADMITTED=$((ENROLL_STUDENTS - REJECTED))
[[ $E201 -eq $ADMITTED ]] || ENROLL_PROBLEMS+=("$E201 answers 201, expected $ADMITTED")
[[ $E409 -eq $REJECTED ]] || ENROLL_PROBLEMS+=("$E409 answers 409, expected $REJECTED")
[[ -z $OTHER ]] || ENROLL_PROBLEMS+=("other answers: $OTHER")
[[ $ENROLLED -eq $ADMITTED ]] || ENROLL_PROBLEMS+=("enrolled_count $ENROLLED, expected $ADMITTED")
[[ $ROSTER -eq $ADMITTED ]] || ENROLL_PROBLEMS+=("roster total $ROSTER, expected $ADMITTED")
[[ $DB_STUDENTS -eq $ADMITTED ]] || ENROLL_PROBLEMS+=("$DB_STUDENTS student rows in the database, expected $ADMITTED")
if ((${#ENROLL_PROBLEMS[@]})); then printf 'WRONG: %s\n' "${ENROLL_PROBLEMS[@]}"; else echo "counts correct"; fi
fi

# --- summary for docs/performance.md -----------------------------------------------------------------
echo
echo "==================== summary (markdown, for docs/performance.md) ===================="
SETTINGS=""
for v in ROUNDS:3 DURATION:10s WARMUP:15s SINGLE_DURATION:5s CONNECTIONS:50 THREADS:2 PARTS:123 ENROLL_STUDENTS:1000 ENROLL_SEATS:500 ENROLL_VIA:gateway; do
  name=${v%%:*}
  [[ ${!name} == "${v#*:}" ]] || SETTINGS+="$name=${!name} "
done
echo "Command: \`${SETTINGS}bench/course-bench.sh\`, measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) vCPUs"
echo "($(sed -nE 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
echo "Data: $(thousands "$(seeded courses)") courses, $(thousands "$(seeded enrolments)") enrolments ($(thousands "$(seeded known_users)") seeded users);"
echo "$READERS students are enrolled in $(seeded student_courses) courses each, the roster course has $(seeded roster_students) students and $READERS staff who read it."
echo "wrk -t$THREADS -c$CONNECTIONS --latency, $ROUNDS x $DURATION per target (medians), each request with the next of the $READERS readers' tokens;"
echo "gateway and direct on :$COURSE_PORT as shipped (read cache), fresh: direct with Cache-Control: no-cache (PostgreSQL every time)."
echo "1-minute load average at the start of each part: $(IFS=,; echo "${LOADS[*]}" | sed 's/,/, /g') (above $(nproc): other work competed for the CPUs)."
if [[ $PARTS == *1* || $PARTS == *2* ]]; then
echo
echo "| request | path | req/s | p50 | p99 | p99 < 20 ms | one connection: p50, p99 | CPU ms per request: course-service, gateway, PostgreSQL |$( [[ $PARTS == *2* ]] && echo ' without the indexes: req/s, p99 | ratio with / without: throughput, p99 |')"
echo "|---|---|---|---|---|---|---|---|$( [[ $PARTS == *2* ]] && echo '---|---|')"
for t in "${TARGETS[@]}"; do
  q='`GET /api/v1/courses/my`'; [[ ${t%%:*} == roster ]] && q='`GET /api/v1/courses/{id}/enrollments?limit=50`'
  p99=$(M with "$t" p99)
  gwcpu=$(M with "$t" cpu_gateway); [[ ${t#*:} != gateway ]] && gwcpu=-
  line="| $q | ${t#*:} | $(thousands "$(M with "$t" rps)") | $(fmt "$(M with "$t" p50)") ms | **$(fmt "$p99") ms** | $(awk -v p="$p99" 'BEGIN {print (p < 20 ? "met" : "not met")}') |"
  line+=" $(fmt "$(M single "$t" p50)"), $(fmt "$(M single "$t" p99)") ms | $(M with "$t" cpu_course), $gwcpu, $(M with "$t" cpu_pg) |"
  if [[ $PARTS == *2* ]]; then
    line+=" $(thousands "$(M without "$t" rps)"), $(fmt "$(M without "$t" p99)") ms | $(ratio "$(M with "$t" rps)" "$(M without "$t" rps)")x, $(ratio "$(M with "$t" p99)" "$(M without "$t" p99)")x |"
  fi
  echo "$line"
done
echo
pair() { # NAME: "with" or "with / without" execution time
  if [[ $PARTS == *2* ]]; then echo "$(cat "$WORK/with.$1.ms") / $(cat "$WORK/without.$1.ms")"; else cat "$WORK/with.$1.ms"; fi; }
echo "PostgreSQL execution time of the statements behind them (EXPLAIN ANALYZE on the seeded data, best of 3), with the$( [[ $PARTS == *2* ]] && echo ' / without the') indexes:"
echo "my courses page $(pair MY_SQL) ms, its count $(pair MY_COUNT_SQL) ms; roster page $(pair ROSTER_SQL) ms, its count $(pair ROSTER_COUNT_SQL) ms."
fi
if [[ $PARTS == *3* ]]; then
echo
echo "| $(thousands "$ENROLL_STUDENTS") concurrent \`POST /api/v1/courses/{id}/enroll\` ($ENROLL_VIA), max_students $ENROLL_SEATS | measured | |"
echo "|---|---|---|"
echo "| answers | 201 x $E201, 409 x $E409, other: ${OTHER:-none} | $( [[ $E201 -eq $ADMITTED && $E409 -eq $REJECTED && -z $OTHER ]] && echo correct || echo WRONG) |"
echo "| enrolled_count / roster total / student rows | $ENROLLED / $ROSTER / $DB_STUDENTS | $( [[ $ENROLLED -eq $ADMITTED && $ROSTER -eq $ADMITTED && $DB_STUDENTS -eq $ADMITTED ]] && echo correct || echo WRONG) |"
echo "| wall time of the $(thousands "$ENROLL_STUDENTS") requests | **$(val wall_ms) ms** (per request p50 $(val p50_ms) ms, p99 $(val p99_ms) ms) | |"
echo "| before it: registering / logging in the students, 8 at a time (Argon2id) | $(sed -nE 's/^registered .* in ([0-9.]+) s.*/\1/p' "$WORK/enroll.txt") s / $(sed -nE 's/^logged in .* in ([0-9.]+) s.*/\1/p' "$WORK/enroll.txt") s | |"
fi
echo "======================================================================================"
((${#ENROLL_PROBLEMS[@]} == 0)) || fail "the enrolment counts are wrong: ${ENROLL_PROBLEMS[*]}"
