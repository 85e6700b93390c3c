#!/usr/bin/env bash
# recording-service benchmarks (issue 8). Runs against local mode on this machine, as a real
# instructor of auth-service, directly on recording-service's port unless said otherwise:
#   1. import of a 1 GiB file (POST /api/v1/recordings/import, body streamed by curl -T from disk,
#      Content-Type video/mp2t) against the reference `dd if=<the same file> of=<a file in the media
#      store's directory> bs=1M conv=fsync`, measured in the same round; ROUNDS rounds, medians, and
#      the ratio service / dd (target >= 0.5). The page cache is dropped before every dd and every
#      import when the script runs as root (DROP_CACHES=0 turns that off), so both read the source
#      from the disk. Also: recording-service's VmRSS before and peak RSS (VmHWM, the peak since the
#      JVM started) after each import, its heap (jcmd GC.heap_info), CPU seconds during the upload of
#      the service (user, system, by thread group) and of the machine (busy, iowait, steal), then the
#      processing (ffprobe, FFmpeg remux without re-encoding: MPEG-TS becomes Matroska) until the
#      recording is completed or failed: time (completed_at - stopped_at) and FFmpeg's CPU.
#      Every recording is deleted afterwards (DELETE, 204). One more import goes through the gateway
#      (IMPORT_VIA_GATEWAY=1), reported against the dd median, with the gateway's CPU.
#      The file is MPEG-TS made with the FFmpeg bundled with recording-service (bytedeco): TS_SECONDS
#      of lavfi testsrc + sine, libx264 ultrafast at a constant TS_BITRATE (filler data) + AAC, then
#      looped with `-c copy` to IMPORT_BYTES (continuous timestamps, as one long lecture file would
#      have; plain `cat` of copies would restart the clock every TS_SECONDS).
#   2. RECORDERS concurrent browser captures (bench/recording-bench/Recorders.java): each starts a
#      recording and sends a CHUNK_BYTES chunk every INTERVAL_MS on a fixed-rate schedule for
#      DURATION seconds (one HTTP/1.1 connection per recorder: RECORDERS_CLIENT=socket, the default,
#      writes each request on a plain keep-alive socket as wrk does; RECORDERS_CLIENT=jdk sends it
#      with java.net.http.HttpClient, which costs the load generator more CPU per chunk, CPU that the
#      service shares on a small machine); chunk n of every recorder is bytes
#      [n * CHUNK_BYTES, (n + 1) * CHUNK_BYTES) of one live WebM (testsrc2 1280x720 30 fps, VP8 realtime
#      + Opus, made once before the run at CHUNK_BYTES * 8 / INTERVAL_MS bit/s: ~2.6 Mbit/s for
#      81920 bytes / 250 ms), so each recording's chunks join to a valid file. Per round: latency of
#      every PUT (p50/p90/p99/max; target p99 < 100 ms), answers other than 201 (must be none),
#      chunks/s acknowledged against the schedule, lateness (how far behind schedule each send
#      started: real time is sustained when its p99 stays under one interval and no recorder's last
#      chunk is an interval or more late), CPU seconds of recording-service, PostgreSQL, the load
#      generator, and everything else on the machine; then every recording is stopped (202), waited
#      for until completed (failures reported with their stage and message) and deleted (204).
#      A warm-up round of WARMUP seconds comes first (same load, reported, not counted); then ROUNDS
#      rounds, medians. After each round the script waits (up to PURGE_WAIT s) until the service's
#      purge sweep has removed that round's media, so that no round shares the machine with the
#      deletion of the round before (after a long warm-up, gigabytes; it took up to 124 s).
#      Then, unless PROFILE_SECONDS=0, one more round of PROFILE_SECONDS with a JFR recording of the
#      service during its load (not counted), summarised by bench/recording-bench/Profile.java: where
#      its Java threads ran. The CPU of its thread groups (event loops, workers, the VM thread that
#      runs the serial GC, the JIT compilers) comes from /proc for every round, without JFR. And the cost
#      of the SHA-256 the service computes over every chunk, on one thread, with local mode's C1-only
#      JIT and with the JVM's defaults (bench/recording-bench/Sha.java).
#   Last, a summary block for docs/performance.md.
# Generated media lives in a temporary directory (WORK_DIR, default under TMPDIR) and is deleted at
# the end, as is the dd file in the media directory and any recording the script created and did
# not delete yet. A DELETE only marks a recording: its media leaves the store at the service's next
# purge sweep (every minute), so before stopping local mode the script waits up to PURGE_WAIT seconds
# until no directory raw/<id> of this run's recordings is left, and says how long that took.
# Every run registers one new account with auth-service.
# Usage: bench/recording-bench.sh   (ROUNDS=3 PARTS=12 IMPORT_BYTES=1073741824 TS_SECONDS=10
#          TS_BITRATE=8M IMPORT_VIA_GATEWAY=1 DROP_CACHES=1 RECORDERS=50 INTERVAL_MS=250
#          CHUNK_BYTES=81920 DURATION=60 WARMUP=10 RECORDERS_VIA=direct|gateway PROCESS_TIMEOUT=900
#          RECORDERS_CLIENT=socket|jdk PROFILE_SECONDS=20 PURGE_WAIT=150
#          to tune; PARTS=1 only the import, PARTS=2 only the recorders)
# Local mode: uses VTP_GATEWAY_PORT (8080) and VTP_PG_PORT (15432) like ./vtp up; recording-service's
# port comes from deploy/routes.yaml, its media directory from the running service's environment
# (VTP_STORAGE_FS_ROOT, else local mode's VTP_DATA_DIR/../media, see application.properties).
# Starts `./vtp up` itself (with a bootstrap administrator, VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL/_PASSWORD,
# defaults below) unless the gateway already answers, and stops it again at the end. If local mode
# was already running without that administrator, the instructor registers with role instructor.
# Needs curl and jq (installed with apt-get when missing and run as root), java 17 with jcmd and
# jstat, ss (iproute2), dd, and the bytedeco FFmpeg jars in the Maven repository (there after the
# build of recording-service).
# Exits non-zero when a request is not answered as expected (an import not 202, a chunk not 201, a
# stop not 202, a delete not 204), a recording fails or loses chunks, or recording-service restarts.
# Missed targets are reported, not failures.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
ROUNDS=${ROUNDS:-3}
PARTS=${PARTS:-12}
IMPORT_BYTES=${IMPORT_BYTES:-1073741824}
TS_SECONDS=${TS_SECONDS:-10}
TS_BITRATE=${TS_BITRATE:-8M}
IMPORT_VIA_GATEWAY=${IMPORT_VIA_GATEWAY:-1}
DROP_CACHES=${DROP_CACHES:-1}
RECORDERS=${RECORDERS:-50}
INTERVAL_MS=${INTERVAL_MS:-250}
CHUNK_BYTES=${CHUNK_BYTES:-81920}
DURATION=${DURATION:-60}
WARMUP=${WARMUP:-10}
RECORDERS_VIA=${RECORDERS_VIA:-direct}
RECORDERS_CLIENT=${RECORDERS_CLIENT:-socket}
PROCESS_TIMEOUT=${PROCESS_TIMEOUT:-900}
PROFILE_SECONDS=${PROFILE_SECONDS:-20}
PURGE_WAIT=${PURGE_WAIT:-150}
GW="http://127.0.0.1:${VTP_GATEWAY_PORT:-8080}"
REC_PORT=$(sed -nE 's/^[[:space:]]+recording:.*port:[[:space:]]*([0-9]+).*/\1/p' deploy/routes.yaml)
REC="http://127.0.0.1:${REC_PORT:?no recording port in deploy/routes.yaml}"
export VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL=${VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL:-recording-bench-admin@example.org}
export VTP_AUTH_BOOTSTRAP_ADMIN_PASSWORD=${VTP_AUTH_BOOTSTRAP_ADMIN_PASSWORD:-Recording-Bench-Admin-1}
PASSWORD="Bench-Pass-2024"
RUN="$(date +%s)$RANDOM"
WORK=$(mktemp -d "${WORK_DIR:-${TMPDIR:-/tmp}}/recording-bench.XXXXXX")
VTP_PID=""
DD_TARGET=""
PROBLEMS=()
CLK_TCK=$(getconf CLK_TCK)
LAST_DELETE=$SECONDS

fail() { echo "bench: $*" >&2; exit 1; }
problem() { PROBLEMS+=("$*"); echo "PROBLEM: $*" >&2; }

# --- cleanup: recordings this run created and did not delete yet, the dd file, local mode, the media --
cleanup() {
  local id
  if [[ -s $WORK/undeleted && -n ${TOKEN:-} ]]; then
    while read -r id; do
      echo "bench: deleting recording $id left over"
      curl -sS -o /dev/null -X DELETE -H "Authorization: Bearer $TOKEN" "$REC/api/v1/recordings/$id" || true
    done <"$WORK/undeleted"
  fi
  [[ -z $DD_TARGET ]] || rm -f "$DD_TARGET"
  if [[ -n "$VTP_PID" ]]; then
    echo "bench: stopping local mode"
    kill -TERM "$VTP_PID" 2>/dev/null || true
    wait "$VTP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in curl jq; do
  if ! command -v "$tool" >/dev/null; then
    if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null
    else fail "$tool is missing (apt-get install $tool)"; fi
  fi
done
for tool in java jcmd jstat ss dd; do command -v "$tool" >/dev/null || fail "$tool is missing"; done
if [[ $DROP_CACHES == 1 && ( $(id -u) -ne 0 || ! -w /proc/sys/vm/drop_caches ) ]]; then
  echo "bench: not root (or /proc/sys/vm/drop_caches not writable): the page cache is not dropped"
  DROP_CACHES=0
fi
drop_caches() { if [[ $DROP_CACHES == 1 ]]; then sync; echo 3 >/proc/sys/vm/drop_caches; fi; }

# --- FFmpeg: the executable bundled with recording-service (bytedeco), extracted by JavaCPP ------------
ffmpeg_path() {
  local f repo cp
  for f in "$HOME"/.javacpp/cache/ffmpeg-*-linux-x86_64-gpl.jar/org/bytedeco/ffmpeg/linux-x86_64-gpl/ffmpeg; do
    [[ -x $f ]] && { echo "$f"; return; }
  done
  # not extracted yet: let JavaCPP's Loader do it (it prints nothing else when asked through jshell)
  repo=$HOME/.m2/repository/org/bytedeco
  cp=$(ls "$repo"/javacpp/*/javacpp-[0-9.]*.jar "$repo"/javacpp/*/javacpp-*-linux-x86_64.jar \
          "$repo"/ffmpeg/*/ffmpeg-[0-9.]*-[0-9.]*.jar "$repo"/ffmpeg/*/ffmpeg-*-linux-x86_64-gpl.jar 2>/dev/null | paste -sd:)
  [[ -n $cp ]] || return 0
  printf 'System.out.println(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));\n/exit\n' \
    | jshell -q --class-path "$cp" 2>/dev/null | grep -m1 -oE '/[^ ]*/ffmpeg$' || true
}

# --- local mode ------------------------------------------------------------------------------------------
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
curl -fs "$REC/q/health/ready" >/dev/null || fail "recording-service does not answer on $REC (is it built?)"

listener() { (ss -ltnpH "sport = :$1" 2>/dev/null || true) | grep -m1 -oE 'pid=[0-9]+' | cut -d= -f2 || true; }
REC_PID=$(listener "$REC_PORT")
GW_PID=$(listener "${VTP_GATEWAY_PORT:-8080}")
PG_PID=$(listener "${VTP_PG_PORT:-15432}")
[[ -n $REC_PID ]] || fail "no process listens on port $REC_PORT (ss -ltnp)"
REC_CWD=$(readlink "/proc/$REC_PID/cwd")
echo "recording-service: pid $REC_PID, running in $REC_CWD"
[[ $REC_CWD == "$ROOT"/* ]] || echo "bench: WARNING: that is not this checkout ($ROOT): another local mode answers"
envvar() { tr '\0' '\n' <"/proc/$REC_PID/environ" | sed -n "s/^$1=//p" | head -1; }
MEDIA=$(envvar VTP_STORAGE_FS_ROOT)
if [[ -z $MEDIA ]]; then
  DATA_DIR=$(envvar VTP_DATA_DIR)
  [[ -n $DATA_DIR ]] || fail "recording-service has neither VTP_STORAGE_FS_ROOT nor VTP_DATA_DIR: where is its store?"
  [[ $DATA_DIR == /* ]] || DATA_DIR="$REC_CWD/$DATA_DIR"
  MEDIA="$DATA_DIR/../media"
fi
mkdir -p "$MEDIA"
MEDIA=$(cd "$MEDIA" && pwd -P)
echo "media store: $MEDIA (file system $(df --output=source,fstype "$MEDIA" | tail -1 | xargs)); generated files: $WORK"
JVM_OPTS=$(tr '\0' ' ' <"/proc/$REC_PID/cmdline" | grep -oE -- '-X(mx|ms|mn)[^ ]+|-XX:\+Use[A-Za-z]+GC|-XX:TieredStopAtLevel=[0-9]' | paste -sd' ' || true)
echo "its JVM options: $JVM_OPTS"
status_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$REC_PID/status"; }
alive() { [[ $(listener "$REC_PORT") == "$REC_PID" ]] || fail "recording-service is no longer pid $REC_PID (exited or restarted): see $(
  [[ -n $VTP_PID ]] && echo "$WORK/vtp.log and ")the local mode log directory"; }
# ticks PID [children]: user+system clock ticks of the process itself (or of its reaped children)
ticks() { [[ -r /proc/$1/stat ]] || { echo 0; return; }
  sed 's/^.*) //' "/proc/$1/stat" | awk -v c="${2:-}" '{print (c == "children" ? $14 + $15 : $12 + $13)}'; }
# machine: busy, iowait and steal clock ticks of all CPUs (/proc/stat; steal: the hypervisor ran someone else)
machine() { awk '$1 == "cpu" {print $2 + $3 + $4 + $7 + $8, $6, $9}' /proc/stat; }
# utime and stime ticks of a process
ustime() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12, $13}'; }
# thread_ticks PID > FILE: "tid<TAB>name<TAB>ticks" per thread of the process (name without its number;
# the kernel keeps 15 characters: vert.x-eventloo, executor-thread, VM Thread, C1 CompilerThre)
thread_ticks() {
  local f
  for f in /proc/"$1"/task/*/stat; do cat "$f" 2>/dev/null || true; echo; done | awk 'NF {
    i = index($0, "("); j = match($0, /\) [A-Za-z] [^)]*$/); name = substr($0, i + 1, j - i - 1)
    split(substr($0, j + 2), f, " "); gsub(/[-# ]*[0-9]+$/, "", name); printf "%s\t%s\t%d\n", $1, name, f[12] + f[13] }'
}
# group_secs BEFORE AFTER NAME: CPU seconds of one thread group between two thread_ticks files: what each
# thread alive at the end used since BEFORE (a thread that ended in between is missing)
group_secs() { awk -F'\t' -v n="$3" -v hz="$CLK_TCK" 'FNR == NR {b[$1] = $3; next} $2 == n {d += $3 - b[$1]}
  END {printf "%.1f", d / hz}' "$1" "$2"; }
secs() { awk -v t="$1" -v hz="$CLK_TCK" 'BEGIN {printf "%.1f", t / hz}'; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
LOADS=()
load_mark() { LOADS+=("$1 $(cut -d' ' -f1 /proc/loadavg)"); echo "(1-minute load average now: $(cut -d' ' -f1 /proc/loadavg))"; }

# --- the account: an instructor, through the gateway ------------------------------------------------------
call() { # METHOD URL [curl args...]: the answer's body; fails unless 2xx
  local method=$1 url=$2 out code; shift 2
  out=$(curl -sS -X "$method" -w '\n%{http_code}' "$@" "$url") || fail "$method $url: curl failed"
  code=${out##*$'\n'}
  [[ $code == 2* ]] || fail "$method $url answered $code: ${out%$'\n'*}"
  printf '%s' "${out%$'\n'*}"
}
json() { call "$1" "$2" -H 'Content-Type: application/json' "${@:3}"; }
XFF=0
login() { # EMAIL PASSWORD -> access token (each login from its own client address, 127.0.0.1 is a trusted proxy)
  XFF=$((XFF + 1))
  json POST "$GW/api/v1/auth/login" -H "X-Forwarded-For: 10.96.0.$XFF" -d "{\"email\":\"$1\",\"password\":\"$2\"}" | jq -er .access_token
}
EMAIL="recording-bench-$RUN@example.org"
echo "== account (through the gateway $GW): instructor $EMAIL"
if ADMIN_TOKEN=$(login "$VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL" "$VTP_AUTH_BOOTSTRAP_ADMIN_PASSWORD" 2>/dev/null); then
  USER_ID=$(json POST "$GW/api/v1/auth/register" -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"full_name\":\"Recording Bench\"}" | jq -er .user_id)
  ROLE=$(json PATCH "$GW/api/v1/auth/users/$USER_ID" -H "Authorization: Bearer $ADMIN_TOKEN" -d '{"role":"instructor"}' | jq -r .role)
  [[ $ROLE == instructor ]] || fail "the administrator's PATCH left the role at '$ROLE'"
  echo "registered and promoted to instructor by the administrator $VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL"
else
  echo "no administrator $VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL in this local mode: the instructor registers with role instructor"
  USER_ID=$(json POST "$GW/api/v1/auth/register" \
    -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"full_name\":\"Recording Bench\",\"role\":\"instructor\"}" | jq -er .user_id)
fi
TOKEN=$(login "$EMAIL" "$PASSWORD")
echo "instructor id $USER_ID"

FFMPEG=$(ffmpeg_path)
[[ -n $FFMPEG && -x $FFMPEG ]] || fail "no bundled ffmpeg: build recording-service first (its bytedeco jars must be in ~/.m2)"
echo "ffmpeg: $FFMPEG"
RSS_START=$(status_kb VmRSS); HWM_START=$(status_kb VmHWM)

# --- part 1: the 1 GiB import against dd ---------------------------------------------------------------------
# heap_info: "used committed" MB of the Java heap (young + old generation lines of jcmd GC.heap_info)
heap_info() { jcmd "$REC_PID" GC.heap_info 2>/dev/null | awk '/generation +total/ {
    for (i = 1; i <= NF; i++) { if ($i == "total") t += $(i+1) + 0; if ($i == "used") u += $(i+1) + 0 } }
    END {printf "%.0f %.0f", u / 1024, t / 1024}'; }
# wait_done ID BASE: polls GET until completed or failed; sets DONE_JSON
wait_done() {
  local i out
  for i in $(seq 1 "$PROCESS_TIMEOUT"); do
    out=$(call GET "$2/api/v1/recordings/$1" -H "Authorization: Bearer $TOKEN")
    case $(jq -r .status <<<"$out") in completed|failed) DONE_JSON=$out; return 0;; esac
    sleep 1
  done
  DONE_JSON=$out
  return 1
}
delete_recording() { # ID
  local code
  code=$(curl -sS -o "$WORK/delete.out" -w '%{http_code}' -X DELETE -H "Authorization: Bearer $TOKEN" "$REC/api/v1/recordings/$1")
  if [[ $code == 204 ]]; then sed -i "/^$1\$/d" "$WORK/undeleted"
  else problem "DELETE /api/v1/recordings/$1 answered $code: $(cat "$WORK/delete.out")"; fi
}
touch "$WORK/undeleted"

# import LABEL BASE: one import of $BIG; appends "key=value ..." to $WORK/import.LABEL
import_once() {
  local label=$1 base=$2 out code t up id m0 m1 s0 s1 g0 g1 c0 c1 w0 w1 x0 x1 u0 u1 k0 k1 hwm rss0 rss1 heap proc line st
  TOKEN=$(login "$EMAIL" "$PASSWORD")
  drop_caches
  rss0=$(status_kb VmRSS)
  read -r m0 w0 x0 < <(machine); s0=$(ticks "$REC_PID"); g0=$(ticks "${GW_PID:-0}"); c0=$(ticks "$REC_PID" children)
  read -r u0 k0 < <(ustime "$REC_PID"); thread_ticks "$REC_PID" >"$WORK/threads.before"
  out=$(curl -sS -o "$WORK/import.out" -w '%{http_code} %{time_total} %{size_upload}' -X POST -T "$BIG" \
        -H 'Expect:' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: video/mp2t' \
        "$base/api/v1/recordings/import?title=recording-bench%20import%20$label&filename=bench.ts") || out="curl-failed 0 0"
  read -r m1 w1 x1 < <(machine); s1=$(ticks "$REC_PID"); g1=$(ticks "${GW_PID:-0}")
  read -r u1 k1 < <(ustime "$REC_PID"); thread_ticks "$REC_PID" >"$WORK/threads.after"
  read -r code t up <<<"$out"
  local ev wk vm
  ev=$(group_secs "$WORK/threads.before" "$WORK/threads.after" vert.x-eventloo)
  wk=$(group_secs "$WORK/threads.before" "$WORK/threads.after" executor-thread)
  vm=$(group_secs "$WORK/threads.before" "$WORK/threads.after" "VM Thread")
  hwm=$(status_kb VmHWM); rss1=$(status_kb VmRSS); heap=$(heap_info)
  alive
  if [[ $code != 202 ]]; then
    problem "import ($label, $base) answered $code after ${t}s, $up bytes sent: $(head -c 600 "$WORK/import.out")"
    return 0
  fi
  id=$(jq -r .id "$WORK/import.out"); echo "$id" >>"$WORK/undeleted"; echo "$id" >>"$WORK/created"
  local p0; p0=$s1   # the processing starts when the import commits, just before the answer
  if wait_done "$id" "$REC"; then :; else problem "import $id still $(jq -r .status <<<"$DONE_JSON") after $PROCESS_TIMEOUT s"; fi
  c1=$(ticks "$REC_PID" children); local p1; p1=$(ticks "$REC_PID")
  st=$(jq -r .status <<<"$DONE_JSON")
  proc=$(jq -r 'if .completed_at then ((.completed_at | sub("\\.[0-9]+";"") | fromdate) - (.stopped_at | sub("\\.[0-9]+";"") | fromdate)) else "-" end' <<<"$DONE_JSON" 2>/dev/null || echo -)
  [[ $st == completed ]] || problem "import $id ended $st: stage $(jq -r .error_stage <<<"$DONE_JSON"), $(jq -r .error_message <<<"$DONE_JSON")"
  line="mbps=$(awk -v b="$up" -v t="$t" 'BEGIN {printf "%.1f", b / 1e6 / t}') seconds=$t bytes=$up"
  line+=" rss_before_mb=$((rss0 / 1024)) hwm_mb=$((hwm / 1024)) rss_after_mb=$((rss1 / 1024)) heap_used_mb=${heap% *} heap_committed_mb=${heap#* }"
  line+=" cpu_service_s=$(secs $((s1 - s0))) cpu_service_user_s=$(secs $((u1 - u0))) cpu_service_sys_s=$(secs $((k1 - k0)))"
  line+=" cpu_eventloop_s=$ev cpu_workers_s=$wk cpu_vmthread_s=$vm"
  line+=" cpu_gateway_s=$(secs $((g1 - g0))) cpu_busy_s=$(secs $((m1 - m0))) iowait_s=$(secs $((w1 - w0))) steal_s=$(secs $((x1 - x0)))"
  line+=" status=$st processing_s=$proc cpu_processing_service_s=$(secs $((p1 - p0))) cpu_ffmpeg_s=$(secs $((c1 - c0)))"
  line+=" size=$(jq -r .file_size_bytes <<<"$DONE_JSON") duration=$(jq -r .duration_seconds <<<"$DONE_JSON") format=$(jq -r .format <<<"$DONE_JSON")"
  line+=" hwm_after_processing_mb=$(( $(status_kb VmHWM) / 1024 ))"
  echo "$line" >>"$WORK/import.$label"
  echo "  import via $label: $code in ${t} s: $(awk -v b="$up" -v t="$t" 'BEGIN {printf "%.1f", b / 1e6 / t}') MB/s;" \
    "RSS ${rss0} kB before, peak (VmHWM) ${hwm} kB, ${rss1} kB after; heap used/committed ${heap% *}/${heap#* } MB;" \
    "CPU s: service $(secs $((s1 - s0))) (user $(secs $((u1 - u0))), system $(secs $((k1 - k0))); event loops $ev, workers $wk, VM thread $vm), gateway $(secs $((g1 - g0))), machine busy $(secs $((m1 - m0))), iowait $(secs $((w1 - w0))), steal $(secs $((x1 - x0)))"
  echo "    processing: $st in ${proc} s (completed_at - stopped_at), FFmpeg CPU $(secs $((c1 - c0))) s, service CPU $(secs $((p1 - p0))) s;" \
    "stored $(jq -r .file_size_bytes <<<"$DONE_JSON") bytes, $(jq -r .format <<<"$DONE_JSON"), $(jq -r .duration_seconds <<<"$DONE_JSON") s, $(jq -r .resolution <<<"$DONE_JSON")"
  delete_recording "$id"
  LAST_DELETE=$SECONDS
}
kv() { sed -nE "s/.*(^| )$2=([^ ]+).*/\2/p" "$WORK/$1"; }   # FILE KEY: one value per line

if [[ $PARTS == *1* ]]; then
  echo "== 1. import of $IMPORT_BYTES bytes vs dd, $ROUNDS rounds (page cache dropped before each: $( ((DROP_CACHES)) && echo yes || echo no))"
  load_mark "part 1"
  echo "making the file: ${TS_SECONDS} s MPEG-TS at $TS_BITRATE (testsrc 1280x720, libx264 ultrafast, CBR with filler; AAC), looped to $IMPORT_BYTES bytes"
  nice "$FFMPEG" -hide_banner -loglevel error -y -f lavfi -i "testsrc=size=1280x720:rate=30" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$TS_SECONDS" -c:v libx264 -preset ultrafast \
    -b:v "$TS_BITRATE" -minrate "$TS_BITRATE" -maxrate "$TS_BITRATE" -bufsize "$TS_BITRATE" -x264-params nal-hrd=cbr \
    -c:a aac -b:a 128k -f mpegts "$WORK/segment.ts"
  SEG=$(stat -c %s "$WORK/segment.ts")
  BIG="$WORK/import.ts"
  "$FFMPEG" -hide_banner -loglevel error -y -stream_loop $((IMPORT_BYTES / SEG + 1)) -i "$WORK/segment.ts" -c copy \
    -fs "$IMPORT_BYTES" -f mpegts "$BIG"
  rm -f "$WORK/segment.ts"
  BIG_BYTES=$(stat -c %s "$BIG")
  (( BIG_BYTES >= IMPORT_BYTES * 99 / 100 )) || fail "the looped file has only $BIG_BYTES bytes"
  echo "file: $BIG_BYTES bytes (segment $SEG bytes)"
  DD_TARGET="$MEDIA/recording-bench-dd-$RUN.bin"
  for r in $(seq 1 "$ROUNDS"); do
    drop_caches
    DD_OUT=$(dd if="$BIG" of="$DD_TARGET" bs=1M conv=fsync 2>&1 | tail -1)
    rm -f "$DD_TARGET"
    DD_MBPS=$(awk '{for (i = 1; i <= NF; i++) if ($i == "copied,") {printf "%.1f", $1 / 1e6 / $(i+1); exit}}' <<<"$DD_OUT")
    [[ -n $DD_MBPS ]] || fail "cannot read dd's answer: $DD_OUT"
    echo "$DD_MBPS" >>"$WORK/dd"
    echo "round $r: dd bs=1M conv=fsync into $MEDIA: $DD_MBPS MB/s ($DD_OUT)"
    import_once direct "$REC"
    IM=$(kv import.direct mbps | tail -1)
    [[ -n $IM ]] && echo "$(ratio "$IM" "$DD_MBPS")" >>"$WORK/ratio"
    echo "  ratio service / dd this round: $(tail -1 "$WORK/ratio" 2>/dev/null || echo -)"
  done
  if [[ $IMPORT_VIA_GATEWAY == 1 ]]; then
    echo "once through the gateway $GW:"
    import_once gateway "$GW"
  fi
  rm -f "$BIG"
fi

# --- part 2: concurrent recorders -------------------------------------------------------------------------------
if [[ $PARTS == *2* ]]; then
  echo "== 2. $RECORDERS recorders, a $CHUNK_BYTES-byte chunk every $INTERVAL_MS ms for $DURATION s (warm-up $WARMUP s), $ROUNDS rounds, via $RECORDERS_VIA"
  load_mark "part 2"
  LONGEST=$(( DURATION > WARMUP ? DURATION : WARMUP ))
  NEED=$(( LONGEST * 1000 / INTERVAL_MS * CHUNK_BYTES ))
  KBITS=$(( CHUNK_BYTES * 8 * 1000 / INTERVAL_MS / 1000 ))
  SECONDS_OF_WEBM=$(( LONGEST * 5 / 4 + 5 ))
  echo "making the WebM: ${SECONDS_OF_WEBM} s of testsrc2 1280x720 30 fps, VP8 realtime at $((KBITS - 64)) kbit/s + Opus 64 kbit/s, live WebM (needs $NEED bytes)"
  for attempt in 1 2; do
    nice "$FFMPEG" -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=1280x720:rate=30" \
      -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$SECONDS_OF_WEBM" -c:v libvpx -b:v "$((KBITS - 64))k" \
      -deadline realtime -cpu-used 8 -c:a libopus -b:a 64k -f webm -live 1 "$WORK/capture.webm"
    WEBM_BYTES=$(stat -c %s "$WORK/capture.webm")
    (( WEBM_BYTES >= NEED )) && break
    SECONDS_OF_WEBM=$(( SECONDS_OF_WEBM * NEED / WEBM_BYTES + 5 ))
    echo "only $WEBM_BYTES bytes: again with ${SECONDS_OF_WEBM} s"
  done
  echo "WebM: $WEBM_BYTES bytes, $(awk -v b="$WEBM_BYTES" -v s="$SECONDS_OF_WEBM" 'BEGIN {printf "%.0f", b * 8 / s / 1000}') kbit/s"
  BASE=$REC; [[ $RECORDERS_VIA == gateway ]] && BASE=$GW
  alive
  set +e
  BENCH_PASSWORD=$PASSWORD java -Xmx512m -Drecorders="$RECORDERS" -Dinterval.ms="$INTERVAL_MS" -Dchunk.bytes="$CHUNK_BYTES" \
    -Dduration.s="$DURATION" -Dwarmup.s="$WARMUP" -Drounds="$ROUNDS" -Dprocess.timeout.s="$PROCESS_TIMEOUT" \
    -Dclient="$RECORDERS_CLIENT" -Dservice.pid="$REC_PID" -Dpg.pid="${PG_PID:-0}" -Dclk.tck="$CLK_TCK" \
    -Dprofile.s="$PROFILE_SECONDS" -Dprofile.file="$WORK/recorders.jfr" -Dids.file="$WORK/created" \
    -Dmedia.dir="$MEDIA" -Dpurge.wait.s="$PURGE_WAIT" \
    bench/recording-bench/Recorders.java "$BASE" "$GW" "$EMAIL" "$WORK/capture.webm" | tee "$WORK/recorders.txt"
  RECORDERS_RC=${PIPESTATUS[0]}
  LAST_DELETE=$SECONDS
  set -e
  ((RECORDERS_RC == 0)) || problem "Recorders exited $RECORDERS_RC (see the PROBLEM lines above)"
  alive
  grep '^ROUND ' "$WORK/recorders.txt" >"$WORK/rounds" || true
  [[ -s $WORK/rounds ]] || fail "Recorders printed no ROUND line"
  if [[ -s $WORK/recorders.jfr ]]; then
    echo "JFR of recording-service during the load of the PROFILE round (not counted above):"
    java bench/recording-bench/Profile.java "$WORK/recorders.jfr" 15 | tee "$WORK/profile.txt" | sed 's/^/  /'
    # Hibernate caches the interpretation of each native query; how full that cache is (a full GC, after the load)
    echo "  SelectInterpretationsKey objects on recording-service's heap (Hibernate's native-query plan cache keys):" \
      "$(jcmd "$REC_PID" GC.class_histogram 2>/dev/null | awk '$4 == "org.hibernate.query.sql.spi.SelectInterpretationsKey" {print $2}' | head -1)"
  fi
  rm -f "$WORK/capture.webm"
  # the service hashes every chunk (SHA-256): its cost on one thread with local mode's JIT (C1 only) and with C2
  SHA_C1=$(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m bench/recording-bench/Sha.java "$CHUNK_BYTES" | sed -n 's/.*ms_per_chunk=\([0-9.]*\).*/\1/p')
  SHA_C2=$(java bench/recording-bench/Sha.java "$CHUNK_BYTES" | sed -n 's/.*ms_per_chunk=\([0-9.]*\).*/\1/p')
  echo "SHA-256 of one $CHUNK_BYTES-byte chunk on one thread (bench/recording-bench/Sha.java): $SHA_C1 ms with C1 only (as local mode runs services), $SHA_C2 ms with the JVM's defaults (C2)"
fi

# --- the store afterwards: a DELETE answers at once, the media leaves at the next purge sweep (1 min) ------------
PURGE_START=$SECONDS
left_in_store() { local id n=0; while read -r id; do [[ -e $MEDIA/raw/$id ]] && n=$((n + 1)); done <"$WORK/created"; echo "$n"; }
if [[ -s $WORK/created ]]; then
  CREATED=$(wc -l <"$WORK/created")
  for _ in $(seq 1 "$PURGE_WAIT"); do [[ $(left_in_store) == 0 ]] && break; sleep 1; done
  LEFT=$(left_in_store)
  if [[ $LEFT == 0 ]]; then PURGED="the media of all $CREATED recordings this run created had left the store by $((SECONDS - LAST_DELETE)) s after the last delete (first looked at $((PURGE_START - LAST_DELETE)) s after it, then every second)"
  else PURGED="$LEFT of the $CREATED recordings this run created still have media in the store $PURGE_WAIT s after the last delete ($(du -sh "$MEDIA/raw" | cut -f1) under raw/)"; fi
  echo "$PURGED"
fi

# --- results ----------------------------------------------------------------------------------------------------
med() { kv "$1" "$2" | median; }   # FILE KEY: the median over rounds
sum() { awk '{s += $1} END {print s + 0}'; }
HWM_END=$(status_kb VmHWM); RSS_END=$(status_kb VmRSS); HEAP_END=$(heap_info)
echo
echo "recording-service (pid $REC_PID, unchanged): VmRSS $((RSS_START / 1024)) MB at the start, $((RSS_END / 1024)) MB at the end;" \
  "peak RSS (VmHWM) $((HWM_START / 1024)) MB at the start, $((HWM_END / 1024)) MB at the end; heap used/committed ${HEAP_END% *}/${HEAP_END#* } MB"
if [[ $PARTS == *1* ]]; then
  echo "import, median of $ROUNDS: dd $(median <"$WORK/dd") MB/s, service $(med import.direct mbps) MB/s, ratio (median of the rounds' ratios) $(median <"$WORK/ratio" 2>/dev/null)"
fi
if [[ $PARTS == *2* ]]; then
  echo "recorders, median of $ROUNDS: p50 $(med rounds p50_ms), p90 $(med rounds p90_ms), p99 $(med rounds p99_ms), max $(med rounds max_ms) ms;" \
    "lateness p99 $(med rounds late_p99_ms), max $(med rounds late_max_ms) ms; $(med rounds chunks_per_s) chunks/s of $(med rounds scheduled_per_s)"
fi

echo
echo "==================== summary (markdown, for docs/performance.md) ===================="
SETTINGS=""
for v in ROUNDS:3 PARTS:12 IMPORT_BYTES:1073741824 TS_SECONDS:10 TS_BITRATE:8M IMPORT_VIA_GATEWAY:1 DROP_CACHES:1 RECORDERS:50 \
         INTERVAL_MS:250 CHUNK_BYTES:81920 DURATION:60 WARMUP:10 RECORDERS_VIA:direct RECORDERS_CLIENT:socket PROFILE_SECONDS:20; do
  name=${v%%:*}
  [[ ${!name} == "${v#*:}" ]] || SETTINGS+="$name=${!name} "
done
echo "Command: \`${SETTINGS}bench/recording-bench.sh\`, measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) vCPUs"
echo "($(sed -nE 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/^Mem:/ {print $2}') GB RAM), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?');"
echo "recording-service as local mode runs it ($JVM_OPTS), media store on $(df --output=source,fstype "$MEDIA" | tail -1 | xargs)."
echo "1-minute load average at the start of each part: $(IFS=,; echo "${LOADS[*]}" | sed 's/,/, /g') (above $(nproc): other work competed for the CPUs)."
echo
echo "| target | measured (medians of $ROUNDS rounds) | |"
echo "|---|---|---|"
if [[ $PARTS == *1* && -s $WORK/import.direct ]]; then
  R=$(median <"$WORK/ratio")
  echo "| import of $(awk -v b="$BIG_BYTES" 'BEGIN {printf "%.2f", b / 2^30}') GiB (\`curl -T\`, direct) >= 0.5x \`dd bs=1M conv=fsync\` to the store's disk | service $(med import.direct mbps) MB/s vs dd $(median <"$WORK/dd") MB/s: **ratio $R** (rounds: $(paste -sd, "$WORK/ratio" | sed 's/,/, /g'); service $(kv import.direct mbps | paste -sd, | sed 's/,/, /g'), dd $(paste -sd, "$WORK/dd" | sed 's/,/, /g') MB/s)$( ((DROP_CACHES)) && echo '; page cache dropped before each') | $(awk -v r="$R" 'BEGIN {print (r >= 0.5 ? "met" : "**not met**")}') |"
  [[ -s $WORK/import.gateway ]] && echo "| the same import through the gateway | $(kv import.gateway mbps) MB/s: ratio $(ratio "$(kv import.gateway mbps)" "$(median <"$WORK/dd")") to the dd median; CPU s during the upload: gateway $(kv import.gateway cpu_gateway_s), service $(kv import.gateway cpu_service_s) | |"
  echo "| recording-service's memory during the imports (heap max from -Xmx) | RSS $((RSS_START / 1024)) MB before; peak RSS (VmHWM) after each import $(kv import.direct hwm_mb | paste -sd, | sed 's/,/, /g') MB; heap used / committed after each $(paste -d/ <(kv import.direct heap_used_mb) <(kv import.direct heap_committed_mb) | paste -sd, | sed 's/,/, /g') MB | $(awk -v h="$(kv import.direct heap_committed_mb | sort -g | tail -1)" 'BEGIN {print (h < 256 ? "heap < 256 MB" : "heap >= 256 MB")}') |"
  echo "| CPU during the upload (medians) | service $(med import.direct cpu_service_s) s (user $(med import.direct cpu_service_user_s), system $(med import.direct cpu_service_sys_s); event loops $(med import.direct cpu_eventloop_s), worker threads $(med import.direct cpu_workers_s), VM thread $(med import.direct cpu_vmthread_s)) over $(printf %.1f "$(med import.direct seconds)") s; machine busy $(med import.direct cpu_busy_s) s, iowait $(med import.direct iowait_s) s, steal $(med import.direct steal_s) s | |"
  echo "| processing of the import (ffprobe, remux to $(kv import.direct format | head -1), probe) | $(kv import.direct status | sort | uniq -c | awk '{printf "%s%s x %s", (NR > 1 ? ", " : ""), $2, $1}'); $(med import.direct processing_s) s (completed_at - stopped_at), FFmpeg CPU $(med import.direct cpu_ffmpeg_s) s | |"
fi
if [[ $PARTS == *2* && -s $WORK/rounds ]]; then
  P99=$(med rounds p99_ms); LATE=$(med rounds late_p99_ms)
  NON201=$(kv rounds non201 | sum); BEHIND=$(kv rounds behind | sum)
  SUSTAINED=$(awk -v l="$(kv rounds late_p99_ms | sort -g | tail -1)" -v i="$INTERVAL_MS" -v b="$BEHIND" -v n="$NON201" 'BEGIN {print (l < i && b == 0 && n == 0 ? "met" : "**not met**")}')
  echo "| $RECORDERS recorders x one $CHUNK_BYTES-byte chunk / $INTERVAL_MS ms ($RECORDERS_VIA): real time | $(med rounds chunks_per_s) chunks/s acknowledged of $(med rounds scheduled_per_s) scheduled; lateness p99 **$LATE ms**, max $(med rounds late_max_ms) ms (rounds: p99 $(kv rounds late_p99_ms | paste -sd, | sed 's/,/, /g'), max $(kv rounds late_max_ms | paste -sd, | sed 's/,/, /g') ms); recorders an interval or more behind at their last chunk: $BEHIND of $(kv rounds recorders | sum) (all rounds); non-201 answers: $NON201 | $SUSTAINED |"
  echo "| the same: chunk acknowledgement p99 < 100 ms | p50 $(med rounds p50_ms), p90 $(med rounds p90_ms), **p99 $P99 ms**, max $(med rounds max_ms) ms (rounds: p99 $(kv rounds p99_ms | paste -sd, | sed 's/,/, /g') ms) | $(awk -v p="$P99" 'BEGIN {print (p < 100 ? "met" : "**not met**")}') |"
  echo "| CPU seconds during the load of a round ($(med rounds window_s) s x $(nproc) vCPUs = $(med rounds cpu_capacity_s) s) | recording-service **$(med rounds cpu_service_s)** ($(med rounds service_cpu_ms_per_chunk) ms per chunk; event loops $(med rounds cpu_eventloop_s), worker threads $(med rounds cpu_workers_s), VM thread (serial GC) $(med rounds cpu_vmthread_s), JIT compilers $(med rounds cpu_jit_s)), PostgreSQL $(med rounds cpu_pg_s), load generator $(med rounds cpu_loadgen_s) ($(med rounds loadgen_cpu_ms_per_chunk) ms per chunk), everything else $(med rounds cpu_other_s); machine busy $(med rounds cpu_machine_busy_s), iowait $(med rounds cpu_machine_iowait_s), steal $(med rounds cpu_machine_steal_s) | |"
  echo "| recording-service's GC during the load of a round | $(med rounds gc_young) young collections ($(med rounds gc_young_s) s), $(med rounds gc_full) full ($(med rounds gc_full_s) s) | |"
  [[ -n ${SHA_C1:-} ]] && echo "| SHA-256 of one chunk, one thread (\`Sha.java\`), C1 only (local mode) / C2 (JVM defaults) | $SHA_C1 ms / $SHA_C2 ms: at $(med rounds scheduled_per_s) chunks/s $(awk -v a="$SHA_C1" -v n="$(med rounds scheduled_per_s)" 'BEGIN {printf "%.2f", a * n / 1000}') / $(awk -v a="$SHA_C2" -v n="$(med rounds scheduled_per_s)" 'BEGIN {printf "%.2f", a * n / 1000}') of a vCPU | |"
  [[ -s $WORK/profile.txt ]] && echo "| where its Java threads ran (JFR, an extra ${PROFILE_SECONDS}-s round) | $(sed -n 's/^IN SHORT: //p' "$WORK/profile.txt") | |"
  echo "| after each round: stop, processing, delete | $(kv rounds completed | sum) of $(kv rounds recorders | sum) completed, $(kv rounds failed | sum) failed; all $RECORDERS of a round processed in $(med rounds processing_all_s) s (each: p50 $(med rounds processing_each_p50_s) s), FFmpeg CPU $(med rounds cpu_processing_ffmpeg_s) s | |"
  echo "| recording-service's memory at the end | RSS $((RSS_END / 1024)) MB, peak RSS since start $((HWM_END / 1024)) MB, heap used / committed ${HEAP_END% *} / ${HEAP_END#* } MB | |"
fi
[[ -n ${PURGED:-} ]] && echo "| the store afterwards (DELETE, then the service's purge sweep) | $PURGED | |"
echo "======================================================================================"
if ((${#PROBLEMS[@]})); then
  printf 'PROBLEM: %s\n' "${PROBLEMS[@]}" >&2
  fail "${#PROBLEMS[@]} problem(s): see above"
fi
