#!/usr/bin/env bash
# streaming-service benchmarks (issue 9). Every figure is a ratio against a reference measured in the
# same run, medians over ROUNDS rounds (the order of the contenders rotates from round to round):
#   1. Ladder wall time on a LADDER_SECONDS 1080p30 source (testsrc2 1920x1080 30 fps + sine, made with
#      the FFmpeg bundled with streaming-service: libx264 veryfast at ~6 Mbit/s + AAC in MP4, as a
#      camera upload of a lecture would be), ladder RUNGS (the service's default) with PRESET, CRF and
#      AUDIO_KBPS (its defaults):
#      (a) the service's own ladder: bench/streaming-bench/Ladder.java, on streaming-service's
#          target/quarkus-app class path, plans it with LadderPlan.of, builds the command line with
#          LadderCommand.build exactly as TranscodePipeline does and runs it with the service's
#          FfmpegRun (wall time of that run; the tiling of the previews and the poster, two small
#          extra runs of the service, are not in it);
#      (b) the same single command without the scrubbing-preview branch, and with each variant of
#          B_VARIANTS (space-separated; tokens nothumbs, threads=N, fct=N for -filter_complex_threads,
#          x264=... for -x264-params; see Ladder.java): the best (lowest median) is the reference;
#      (c) one ffmpeg process per rung in sequence, each decoding the source (as PeerTube transcodes
#          one resolution at a time), each the command LadderCommand.build makes for a one-rung
#          ladder without previews, the audio encoded once with the first rung.
#      Targets: (a)/(b) <= 1.10, (c)/(a) >= 1.25; also the real-time factor LADDER_SECONDS / wall time.
#   2. Capped CRF on screen content: a SCREEN_SECONDS clip of static slides with small changes, 1920x1080
#      30 fps, libx264 crf 18 + AAC. SCREEN_CLIP=slides (default): a slide deck rendered by
#      bench/streaming-bench/Slides.java (title bar, anti-aliased bullet text, a code listing, a bar
#      chart; one more bullet shown every 5 s, a new slide every 15 s; PNGs without a declared sample
#      aspect ratio, as screen captures are); SCREEN_CLIP=grid: the earlier clip, lavfi color + drawgrid +
#      a black box moving every 5 s (no text: both rate controls hit their floor on it). The
#      service's ladder (a) against the same command with a fixed bit rate per rung (-b:v = the rung's
#      rate, same maxrate and bufsize, no -crf); target: the capped-CRF ladder's video >= 40 % fewer
#      bytes; and SSIM (FFmpeg's ssim filter, each rung against the source scaled to the rung's size
#      with the service's bicubic scaler) within 0.005 of the fixed ladder's, rung by rung. Bytes every
#      round (medians), SSIM once (round 1).
#   3. Segment delivery: local mode (`./vtp up`, started here unless the gateway answers), an
#      instructor of auth-service imports an IMPORT_SECONDS 1080p30 clip through recording-service
#      (POST /api/v1/recordings/import), streaming-service transcodes it (waited for on GET
#      /api/v1/recordings/{id}/transcode/progress), then the script fetches the master with the JWT,
#      follows the top video variant and takes its largest media segment (with its playback token).
#      wrk (WRK_THREADS threads, WRK_CONNECTIONS connections, WRK_DURATION, --latency; a WARMUP run
#      first) GETs it from streaming-service's port directly and from nginx serving the same file
#      statically from the media store (a private nginx on NGINX_PORT, sendfile on, access log off),
#      alternating, ROUNDS rounds; requests/s, p50/p99 latency and the CPU of the server during its
#      load. Target: service >= 0.8x nginx requests/s. With VIA_GATEWAY=1, one more run through the
#      gateway (its CPU too).
#   Last, a summary block for docs/performance.md.
# Usage: bench/streaming-bench.sh   (ROUNDS=3 PARTS=123 LADDER_SECONDS=60 SCREEN_SECONDS=60
#          SCREEN_CLIP=slides B_VARIANTS="nothumbs nothumbs,fct=1 nothumbs,threads=2" RUNGS=360:500,480:1000,720:2000,1080:4000
#          PRESET=veryfast CRF=23 AUDIO_KBPS=128 IMPORT_SECONDS=12 WRK_THREADS=2 WRK_CONNECTIONS=50
#          WRK_DURATION=20s WARMUP=5s NGINX_PORT=18084 VIA_GATEWAY=1 TRANSCODE_TIMEOUT=900 to tune;
#          PARTS=1, 2, 3 or any combination selects parts)
# Needs: java 17, streaming-service built (`mvn -q package -DskipTests -pl streaming-service -am`: its
# target/quarkus-app, and the bytedeco FFmpeg it bundles, extracted to ~/.javacpp/cache or from ~/.m2);
# for part 3 also curl, jq, wrk and nginx (installed with apt-get when missing and run as root) and local
# mode's services built. Generated media lives in WORK_DIR (default under TMPDIR) and is deleted at the
# end; part 3 deletes its recording, stops its nginx and, if it started local mode, local mode.
# Exits non-zero when something does not work (an encode fails, a request is not answered as expected,
# the transcode fails); missed targets are reported, not failures.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
ROUNDS=${ROUNDS:-3}
PARTS=${PARTS:-123}
LADDER_SECONDS=${LADDER_SECONDS:-60}
SCREEN_SECONDS=${SCREEN_SECONDS:-60}
SCREEN_CLIP=${SCREEN_CLIP:-slides}
B_VARIANTS=${B_VARIANTS:-nothumbs nothumbs,fct=1 nothumbs,threads=2}
RUNGS=${RUNGS:-360:500,480:1000,720:2000,1080:4000}
PRESET=${PRESET:-veryfast}
CRF=${CRF:-23}
AUDIO_KBPS=${AUDIO_KBPS:-128}
IMPORT_SECONDS=${IMPORT_SECONDS:-12}
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-50}
WRK_DURATION=${WRK_DURATION:-20s}
WARMUP=${WARMUP:-5s}
NGINX_PORT=${NGINX_PORT:-18084}
VIA_GATEWAY=${VIA_GATEWAY:-1}
TRANSCODE_TIMEOUT=${TRANSCODE_TIMEOUT:-900}
GW="http://127.0.0.1:${VTP_GATEWAY_PORT:-8080}"
export VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL=${VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL:-recording-bench-admin@example.org}
export VTP_AUTH_BOOTSTRAP_ADMIN_PASSWORD=${VTP_AUTH_BOOTSTRAP_ADMIN_PASSWORD:-Recording-Bench-Admin-1}
PASSWORD="Bench-Pass-2024"
RUN="$(date +%s)$RANDOM"
WORK=$(mktemp -d "${WORK_DIR:-${TMPDIR:-/tmp}}/streaming-bench.XXXXXX")
VTP_PID=""
NGINX_PID_FILE=""
RECORDING_ID=""
CLK_TCK=$(getconf CLK_TCK)
LOADS=()

fail() { echo "bench: $*" >&2; exit 1; }

cleanup() {
  if [[ -n $NGINX_PID_FILE && -s $NGINX_PID_FILE ]]; then
    kill -QUIT "$(cat "$NGINX_PID_FILE")" 2>/dev/null || true
    sleep 0.5
  fi
  if [[ -n $RECORDING_ID && -n ${TOKEN:-} ]]; then
    echo "bench: deleting recording $RECORDING_ID"
    curl -sS -o /dev/null -w 'DELETE answered %{http_code}\n' -X DELETE -H "Authorization: Bearer $TOKEN" \
      "$REC/api/v1/recordings/$RECORDING_ID" || true
  fi
  if [[ -n "$VTP_PID" ]]; then
    echo "bench: stopping local mode"
    kill -TERM "$VTP_PID" 2>/dev/null || true
    wait "$VTP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
kv() { sed -nE "s/.*(^| )$2=([^ ]+).*/\2/p" "$WORK/$1"; }   # FILE KEY: one value per line
med() { kv "$1" "$2" | median; }
list() { kv "$1" "$2" | paste -sd, | sed 's/,/, /g'; }
load_mark() { LOADS+=("$1 $(cut -d' ' -f1 /proc/loadavg)"); echo "(1-minute load average now: $(cut -d' ' -f1 /proc/loadavg))"; }
ticks() { [[ -r /proc/$1/stat ]] || { echo 0; return; }; sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
secs() { awk -v t="$1" -v hz="$CLK_TCK" 'BEGIN {printf "%.1f", t / hz}'; }
machine() { awk '$1 == "cpu" {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }

# --- FFmpeg: the executables bundled with streaming-service (bytedeco), extracted by JavaCPP -------------
bundled_tool() {   # NAME (ffmpeg or ffprobe): JavaCPP extracts each executable on its first Loader.load
  local f repo cp
  for f in "$HOME"/.javacpp/cache/ffmpeg-*-linux-x86_64-gpl.jar/org/bytedeco/ffmpeg/linux-x86_64-gpl/"$1"; do
    [[ -x $f ]] && { echo "$f"; return; }
  done
  repo=$HOME/.m2/repository/org/bytedeco
  cp=$(ls "$repo"/javacpp/*/javacpp-[0-9.]*.jar "$repo"/javacpp/*/javacpp-*-linux-x86_64.jar \
          "$repo"/ffmpeg/*/ffmpeg-[0-9.]*-[0-9.]*.jar "$repo"/ffmpeg/*/ffmpeg-*-linux-x86_64-gpl.jar 2>/dev/null | paste -sd:)
  [[ -n $cp ]] || return 0
  printf 'System.out.println(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.%s.class));\n/exit\n' "$1" \
    | jshell -q --class-path "$cp" 2>/dev/null | grep -m1 -oE "/[^ ]*/$1\$" || true
}
FFMPEG=$(bundled_tool ffmpeg)
[[ -n $FFMPEG && -x $FFMPEG ]] || fail "no bundled ffmpeg: build streaming-service first (its bytedeco jars must be in ~/.m2)"
FFPROBE=$(bundled_tool ffprobe)
[[ -n $FFPROBE && -x $FFPROBE ]] || fail "no bundled ffprobe: build streaming-service first (its bytedeco jars must be in ~/.m2)"
QAPP=streaming-service/target/quarkus-app
[[ -f $QAPP/quarkus-run.jar ]] || fail "streaming-service is not built: mvn -q package -DskipTests -pl streaming-service -am"
CP="$QAPP/app/*:$QAPP/lib/main/*"
echo "ffmpeg: $FFMPEG ($("$FFMPEG" -hide_banner -version | head -1 | cut -d' ' -f1-3)); generated files: $WORK"

# probe FILE -> "width height fps has_audio duration"
probe() {
  local j; j=$("$FFPROBE" -v error -show_entries stream=codec_type,width,height,avg_frame_rate:format=duration -of json "$1")
  jq -r '[(.streams[] | select(.codec_type == "video") | .width, .height,
           (.avg_frame_rate | split("/") | (.[0] | tonumber) / (.[1] | tonumber))) ,
          ([.streams[] | select(.codec_type == "audio")] | length > 0), (.format.duration | tonumber)] | map(tostring) | join(" ")' <<<"$j"
}
# ladder SOURCE VARIANT LABEL: one encode by Ladder.java; appends its RESULT to $WORK/LABEL, keeps its output
ladder() {
  local src=$1 variant=$2 label=$3 w h fps audio dur
  read -r w h fps audio dur < <(probe "$src")
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m -cp "$CP" bench/streaming-bench/Ladder.java "$FFMPEG" "$src" \
    "$WORK/enc-$label" "$variant" "$RUNGS" "$PRESET" "$CRF" "$AUDIO_KBPS" "$w" "$h" "$fps" "$audio" "$dur" \
    >"$WORK/enc-$label.txt" || { cat "$WORK/enc-$label.txt"; fail "the encode $label ($variant) failed"; }
  grep '^CMD ' "$WORK/enc-$label.txt" >"$WORK/cmd-$label"
  sed -n 's/^RESULT //p' "$WORK/enc-$label.txt" >>"$WORK/$label"
  grep '^RUNG ' "$WORK/enc-$label.txt" >"$WORK/rungs-$label" || true
  echo "  $label ($variant): $(tail -1 "$WORK/$label")"
}
label_of() { case $1 in service) echo a;; perrung) echo c;; *) echo "b_$(tr ',=' '_-' <<<"$1")";; esac; }

# --- part 1: ladder wall time ------------------------------------------------------------------------------
if [[ $PARTS == *1* ]]; then
  echo "== 1. ladder wall time, ${LADDER_SECONDS} s 1080p30 source, ladder $RUNGS, $PRESET crf $CRF, AAC ${AUDIO_KBPS}k, $ROUNDS rounds"
  load_mark "part 1"
  SRC1="$WORK/source-1080p.mp4"
  nice "$FFMPEG" -hide_banner -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=1920x1080:rate=30" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$LADDER_SECONDS" -c:v libx264 -preset veryfast \
    -b:v 6M -maxrate 8M -bufsize 12M -g 60 -pix_fmt yuv420p -c:a aac -b:a 128k -movflags +faststart "$SRC1"
  echo "source: $(probe "$SRC1") (width height fps audio duration), $(stat -c %s "$SRC1") bytes"
  read -ra BV <<<"$B_VARIANTS"
  VARIANTS=(service "${BV[@]}" perrung)
  for r in $(seq 1 "$ROUNDS"); do
    echo "round $r:"
    n=${#VARIANTS[@]}
    for k in $(seq 0 $((n - 1))); do
      v=${VARIANTS[$(( (k + r - 1) % n ))]}
      ladder "$SRC1" "$v" "$(label_of "$v")"
      rm -rf "$WORK/enc-$(label_of "$v")"
    done
  done
  A_MED=$(med a wall_s); C_MED=$(med c wall_s)
  BEST=""; BEST_MED=""
  for v in "${BV[@]}"; do
    m=$(med "$(label_of "$v")" wall_s)
    if [[ -z $BEST_MED ]] || awk -v m="$m" -v b="$BEST_MED" 'BEGIN {exit !(m < b)}'; then BEST=$v; BEST_MED=$m; fi
  done
  R_AB=$(ratio "$A_MED" "$BEST_MED"); R_CA=$(ratio "$C_MED" "$A_MED")
  echo "medians: (a) $A_MED s, (b) best $BEST $BEST_MED s, (c) $C_MED s; (a)/(b) $R_AB, (c)/(a) $R_CA"
  rm -f "$SRC1"
fi

# --- part 2: capped CRF vs fixed bit rate on screen content -------------------------------------------------
# ssim_of LABEL: "index all y" per rung of the encode LABEL (still in $WORK/enc-LABEL) against $SRC2
ssim_of() {
  local line i w h dir s out
  while read -r line; do
    i=$(sed -nE 's/.* index=([0-9]+).*/\1/p' <<<"$line"); w=$(sed -nE 's/.* width=([0-9]+).*/\1/p' <<<"$line")
    h=$(sed -nE 's/.* height=([0-9]+).*/\1/p' <<<"$line"); dir=$(sed -nE 's/.* dir=([^ ]+).*/\1/p' <<<"$line")
    s=$(sed -nE 's/.* stream=([0-9]+).*/\1/p' <<<"$line")
    cat "$dir/init-$s.m4s" "$dir"/seg-"$s"-*.m4s >"$WORK/rung.mp4"
    # the rung's real size (scale=-2 may round the width differently from the plan's), the reference scaled to it
    read -r w h < <("$FFPROBE" -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0:s=x "$WORK/rung.mp4" | tr x ' ')
    out=$(nice "$FFMPEG" -hide_banner -nostdin -nostats -i "$WORK/rung.mp4" -i "$SRC2" -lavfi \
      "[1:v]scale=w=$w:h=$h:flags=bicubic,format=yuv420p[ref];[0:v]format=yuv420p[dist];[dist][ref]ssim" -f null - 2>&1 \
      | grep 'SSIM Y:' | tail -1 || true)
    [[ -n $out ]] || fail "no SSIM for rung $i of $1"
    echo "$i $(sed -nE 's/.*All:([0-9.]+).*/\1/p' <<<"$out") $(sed -nE 's/.*SSIM Y:([0-9.]+).*/\1/p' <<<"$out")"
  done <"$WORK/rungs-$1"
  rm -f "$WORK/rung.mp4"
}
if [[ $PARTS == *2* ]]; then
  echo "== 2. capped CRF vs fixed bit rate, ${SCREEN_SECONDS} s screen content 1080p30 ($SCREEN_CLIP), $ROUNDS rounds"
  load_mark "part 2"
  SRC2="$WORK/screen-1080p.mp4"
  if [[ $SCREEN_CLIP == grid ]]; then
    VIDEO_IN=(-f lavfi -i "color=c=white:s=1920x1080:r=30,drawgrid=w=160:h=90:t=2:c=gray,drawbox=x='100+200*floor(t/5)':y=300:w=300:h=40:color=black:t=fill,format=yuv420p")
    VIDEO_FILTER=(-vf null)
  else
    java -Djava.awt.headless=true -XX:TieredStopAtLevel=1 bench/streaming-bench/Slides.java "$WORK/slides" \
      $(( (SCREEN_SECONDS + 4) / 5 )) || fail "the slides could not be rendered (is a font such as fonts-dejavu-core installed?)"
    VIDEO_IN=(-framerate 1/5 -i "$WORK/slides/step-%02d.png")
    VIDEO_FILTER=(-vf "fps=30,format=yuv420p")
  fi
  nice "$FFMPEG" -hide_banner -nostdin -loglevel error -y "${VIDEO_IN[@]}" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000" "${VIDEO_FILTER[@]}" -t "$SCREEN_SECONDS" -c:v libx264 -preset veryfast \
    -crf 18 -g 60 -c:a aac -b:a 128k -movflags +faststart "$SRC2"
  rm -rf "$WORK/slides"
  echo "source: $(probe "$SRC2") (width height fps audio duration), $(stat -c %s "$SRC2") bytes"
  for r in $(seq 1 "$ROUNDS"); do
    echo "round $r:"
    if (( r % 2 )); then ORDER=(service fixed); else ORDER=(fixed service); fi
    for v in "${ORDER[@]}"; do
      ladder "$SRC2" "$v" "s_$v"
      if [[ $r == 1 ]]; then
        ssim_of "s_$v" >"$WORK/ssim-$v"
        echo "    SSIM per rung (index All Y): $(paste -sd';' "$WORK/ssim-$v")"
      fi
      rm -rf "$WORK/enc-s_$v"
    done
  done
  S_BYTES=$(med s_service video_bytes); F_BYTES=$(med s_fixed video_bytes)
  SAVED=$(awk -v s="$S_BYTES" -v f="$F_BYTES" 'BEGIN {printf "%.1f", 100 * (1 - s / f)}')
  SSIM_WORST=$(join <(sort "$WORK/ssim-service") <(sort "$WORK/ssim-fixed") | awk '{d = $4 - $2; if (d > m) m = d} END {printf "%.4f", m + 0}')
  echo "medians: capped CRF $S_BYTES bytes of video, fixed $F_BYTES: $SAVED % fewer; largest SSIM shortfall of a capped-CRF rung: $SSIM_WORST"
  rm -f "$SRC2"
fi

# --- part 3: segment delivery against nginx ------------------------------------------------------------------
if [[ $PARTS == *3* ]]; then
  echo "== 3. segment delivery: streaming-service vs nginx, wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION, $ROUNDS rounds"
  for tool in curl jq wrk nginx; do
    if ! command -v "$tool" >/dev/null; then
      if [[ $(id -u) -eq 0 ]]; then apt-get install -y -qq "$tool" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$tool" >/dev/null; }
      else fail "$tool is missing (apt-get install $tool)"; fi
    fi
  done
  STR_PORT=$(sed -nE 's/^[[:space:]]+streaming:.*port:[[:space:]]*([0-9]+).*/\1/p' deploy/routes.yaml)
  REC_PORT=$(sed -nE 's/^[[:space:]]+recording:.*port:[[:space:]]*([0-9]+).*/\1/p' deploy/routes.yaml)
  STR="http://127.0.0.1:${STR_PORT:?no streaming port in deploy/routes.yaml}"
  REC="http://127.0.0.1:${REC_PORT:?no recording port in deploy/routes.yaml}"
  if ! curl -fs "$GW/health" >/dev/null 2>&1; then
    echo "bench: starting local mode (./vtp up), log in $WORK/vtp.log"
    ./vtp up >"$WORK/vtp.log" 2>&1 &
    VTP_PID=$!
    for _ in $(seq 1 "${VTP_UP_TIMEOUT:-900}"); do
      curl -fs "$GW/health" >/dev/null 2>&1 && break
      kill -0 "$VTP_PID" 2>/dev/null || { cat "$WORK/vtp.log"; VTP_PID=""; fail "./vtp up exited"; }
      sleep 1
    done
  fi
  curl -fs "$GW/health" >/dev/null || fail "the gateway $GW does not answer /health"
  curl -fs "$STR/q/health/ready" >/dev/null || fail "streaming-service does not answer on $STR (is it built?)"
  curl -fs "$REC/q/health/ready" >/dev/null || fail "recording-service does not answer on $REC (is it built?)"
  load_mark "part 3"
  listener() { (ss -ltnpH "sport = :$1" 2>/dev/null || true) | grep -m1 -oE 'pid=[0-9]+' | cut -d= -f2 || true; }
  STR_PID=$(listener "$STR_PORT"); GW_PID=$(listener "${VTP_GATEWAY_PORT:-8080}")
  [[ -n $STR_PID ]] || fail "no process listens on port $STR_PORT"
  STR_CWD=$(readlink "/proc/$STR_PID/cwd")
  echo "streaming-service: pid $STR_PID, running in $STR_CWD"
  [[ $STR_CWD == "$ROOT"/* ]] || echo "bench: WARNING: that is not this checkout ($ROOT): another local mode answers"
  JVM_OPTS=$(tr '\0' ' ' <"/proc/$STR_PID/cmdline" | grep -oE -- '-X(mx|ms)[^ ]+|-XX:\+Use[A-Za-z]+GC|-XX:TieredStopAtLevel=[0-9]' | paste -sd' ' || true)
  envvar() { tr '\0' '\n' <"/proc/$STR_PID/environ" | sed -n "s/^$1=//p" | head -1; }
  MEDIA=$(envvar VTP_STORAGE_FS_ROOT)
  if [[ -z $MEDIA ]]; then
    DATA_DIR=$(envvar VTP_DATA_DIR)
    [[ -n $DATA_DIR ]] || fail "streaming-service has neither VTP_STORAGE_FS_ROOT nor VTP_DATA_DIR: where is its store?"
    [[ $DATA_DIR == /* ]] || DATA_DIR="$STR_CWD/$DATA_DIR"
    MEDIA="$DATA_DIR/../media"
  fi

  call() { # METHOD URL [curl args...]: the answer's body; fails unless 2xx
    local method=$1 url=$2 out code; shift 2
    out=$(curl -sS -X "$method" -w '\n%{http_code}' "$@" "$url") || fail "$method $url: curl failed"
    code=${out##*$'\n'}
    [[ $code == 2* ]] || fail "$method $url answered $code: ${out%$'\n'*}"
    printf '%s' "${out%$'\n'*}"
  }
  json() { call "$1" "$2" -H 'Content-Type: application/json' "${@:3}"; }
  XFF=0
  login() { XFF=$((XFF + 1))
    json POST "$GW/api/v1/auth/login" -H "X-Forwarded-For: 10.97.0.$XFF" -d "{\"email\":\"$1\",\"password\":\"$2\"}" | jq -er .access_token; }
  EMAIL="streaming-bench-$RUN@example.org"
  echo "account (through the gateway $GW): instructor $EMAIL"
  if ADMIN_TOKEN=$(login "$VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL" "$VTP_AUTH_BOOTSTRAP_ADMIN_PASSWORD" 2>/dev/null); then
    USER_ID=$(json POST "$GW/api/v1/auth/register" -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"full_name\":\"Streaming Bench\"}" | jq -er .user_id)
    ROLE=$(json PATCH "$GW/api/v1/auth/users/$USER_ID" -H "Authorization: Bearer $ADMIN_TOKEN" -d '{"role":"instructor"}' | jq -r .role)
    [[ $ROLE == instructor ]] || fail "the administrator's PATCH left the role at '$ROLE'"
  else
    echo "no administrator $VTP_AUTH_BOOTSTRAP_ADMIN_EMAIL in this local mode: the instructor registers with role instructor"
    USER_ID=$(json POST "$GW/api/v1/auth/register" \
      -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"full_name\":\"Streaming Bench\",\"role\":\"instructor\"}" | jq -er .user_id)
  fi
  TOKEN=$(login "$EMAIL" "$PASSWORD")

  SRC3="$WORK/import.mp4"
  nice "$FFMPEG" -hide_banner -nostdin -loglevel error -y -f lavfi -i "testsrc2=size=1920x1080:rate=30" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$IMPORT_SECONDS" -c:v libx264 -preset veryfast \
    -b:v 6M -maxrate 8M -bufsize 12M -g 60 -pix_fmt yuv420p -c:a aac -b:a 128k -movflags +faststart "$SRC3"
  RECORDING_ID=$(call POST "$REC/api/v1/recordings/import?title=streaming-bench&filename=bench.mp4" -T "$SRC3" -H 'Expect:' \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: video/mp4' | jq -er .id)
  echo "imported $(stat -c %s "$SRC3") bytes (${IMPORT_SECONDS} s 1080p30) as recording $RECORDING_ID; waiting for its ladder"
  T0=$SECONDS; PROG=""
  while (( SECONDS - T0 < TRANSCODE_TIMEOUT )); do
    PROG=$(curl -sS -H "Authorization: Bearer $TOKEN" "$STR/api/v1/recordings/$RECORDING_ID/transcode/progress" || true)
    ST=$(jq -r '.status // empty' <<<"$PROG" 2>/dev/null || true)
    case $ST in completed) break;; failed|cancelled) fail "transcode $ST: $PROG";; esac
    sleep 2
  done
  [[ ${ST:-} == completed ]] || fail "no completed transcode after $TRANSCODE_TIMEOUT s: $PROG"
  JOB_ID=$(jq -r .job_id <<<"$PROG")
  TRANSCODE_S=$(jq -r '((.finished_at | sub("\\.[0-9]+";"") | fromdate) - (.started_at | sub("\\.[0-9]+";"") | fromdate))' <<<"$PROG" 2>/dev/null || echo -)
  echo "job $JOB_ID completed; started_at -> finished_at ${TRANSCODE_S} s (the whole job: probe, ladder, previews, poster, upload)"
  BASE="$STR/api/v1/recordings/$RECORDING_ID/stream"
  MASTER=$(call GET "$BASE/master.m3u8" -H "Authorization: Bearer $TOKEN")
  # the top video variant: the URI after the #EXT-X-STREAM-INF with the highest BANDWIDTH
  VARIANT=$(awk '/^#EXT-X-STREAM-INF/ {match($0, /BANDWIDTH=[0-9]+/); b = substr($0, RSTART + 10, RLENGTH - 10); getline; if (b + 0 > best) {best = b + 0; uri = $0}} END {print uri}' <<<"$MASTER")
  [[ -n $VARIANT ]] || fail "no variant in the master playlist: $MASTER"
  PLAYLIST=$(call GET "$BASE/$VARIANT")
  SEGS=$(grep -v '^#' <<<"$PLAYLIST" | grep -E 'seg-[0-9]+-[0-9]+\.m4s' || true)
  [[ -n $SEGS ]] || fail "no media segment in $VARIANT: $PLAYLIST"
  BEST_SEG=""; BEST_LEN=0
  while read -r s; do
    [[ $s == */* ]] || s="$(dirname "${VARIANT%%\?*}")/$s"
    len=$(curl -sSI "$BASE/$s" | tr -d '\r' | awk -F': ' 'tolower($1) == "content-length" {print $2}')
    (( ${len:-0} > BEST_LEN )) && { BEST_LEN=$len; BEST_SEG=$s; }
  done <<<"$SEGS"
  SEG_NAME=${BEST_SEG%%\?*}; SEG_NAME=${SEG_NAME##*/}
  SEG_URL="$BASE/$BEST_SEG"
  SEG_FILE="$MEDIA/renditions/$RECORDING_ID/$JOB_ID/$SEG_NAME"
  [[ -f $SEG_FILE ]] || SEG_FILE=$(find "$ROOT/.vtp" -path "*/renditions/$RECORDING_ID/$JOB_ID/$SEG_NAME" -print -quit 2>/dev/null || true)
  [[ -f $SEG_FILE ]] || fail "cannot find $SEG_NAME in the media store ($MEDIA)"
  MEDIA_ROOT=$(cd "${SEG_FILE%/renditions/*}" && pwd -P)
  [[ $(stat -c %s "$SEG_FILE") == "$BEST_LEN" ]] || fail "the store's $SEG_FILE has $(stat -c %s "$SEG_FILE") bytes, the service said $BEST_LEN"
  curl -fsS -o "$WORK/seg.check" "$SEG_URL" || fail "GET $SEG_URL failed"
  cmp -s "$WORK/seg.check" "$SEG_FILE" || fail "the service's segment differs from the store's file"
  echo "segment: $SEG_NAME, $BEST_LEN bytes (the largest of the top variant's $(wc -l <<<"$SEGS") segments); store $MEDIA_ROOT"

  NGINX_DIR="$WORK/nginx"; mkdir -p "$NGINX_DIR"
  NGINX_PID_FILE="$NGINX_DIR/nginx.pid"
  cat >"$NGINX_DIR/nginx.conf" <<EOF
$( [[ $(id -u) -eq 0 ]] && echo "user root;" )
worker_processes auto;
pid $NGINX_PID_FILE;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type application/octet-stream;
  types { video/iso.segment m4s; }
  client_body_temp_path $NGINX_DIR/tmp; proxy_temp_path $NGINX_DIR/tmp; fastcgi_temp_path $NGINX_DIR/tmp;
  uwsgi_temp_path $NGINX_DIR/tmp; scgi_temp_path $NGINX_DIR/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $MEDIA_ROOT;
    location / { }
  }
}
EOF
  nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -e "$NGINX_DIR/error.log" || fail "nginx did not start ($NGINX_DIR/error.log)"
  sleep 0.5
  NGINX_URL="http://127.0.0.1:$NGINX_PORT/renditions/$RECORDING_ID/$JOB_ID/$SEG_NAME"
  curl -fsS -o "$WORK/seg.nginx" "$NGINX_URL" || fail "nginx does not serve $NGINX_URL"
  cmp -s "$WORK/seg.nginx" "$SEG_FILE" || fail "nginx's segment differs from the store's file"
  nginx_ticks() { local p t=0; for p in $(cat "$NGINX_PID_FILE") $(pgrep -P "$(cat "$NGINX_PID_FILE")"); do t=$((t + $(ticks "$p"))); done; echo "$t"; }

  # wrk_run LABEL URL PID_TICKS_FUNCTION DURATION: appends "rps=... p50_ms=... p99_ms=... cpu_s=... " to $WORK/LABEL
  to_ms() { awk '{v = $1; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; printf "%.2f", v}' <<<"$1"; }
  wrk_run() {
    local label=$1 url=$2 tf=$3 d=$4 t0 t1 m0 m1 out rps p50 p99 non2xx sock secs_
    t0=$($tf); m0=$(machine)
    out=$(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$d" --latency "$url" 2>&1) || fail "wrk failed: $out"
    t1=$($tf); m1=$(machine)
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")"); p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out"); sock=$(grep -m1 'Socket errors' <<<"$out" || true)
    [[ -z $non2xx ]] || fail "$label: $non2xx answers were not 2xx: $out"
    [[ -z $sock ]] || echo "  $label: $sock"
    secs_=$(sed -E 's/s$//' <<<"$d")
    echo "rps=$rps p50_ms=$p50 p99_ms=$p99 mbps=$(awk -v r="$rps" -v b="$BEST_LEN" 'BEGIN {printf "%.0f", r * b / 1e6}') cpu_s=$(secs $((t1 - t0))) cores=$(awk -v t=$((t1 - t0)) -v hz="$CLK_TCK" -v s="$secs_" 'BEGIN {printf "%.2f", t / hz / s}') machine_busy_cores=$(awk -v t=$((m1 - m0)) -v hz="$CLK_TCK" -v s="$secs_" 'BEGIN {printf "%.2f", t / hz / s}')" >>"$WORK/$label"
    echo "  $label: $(tail -1 "$WORK/$label")"
  }
  str_ticks() { ticks "$STR_PID"; }
  gw_ticks() { ticks "${GW_PID:-0}"; }
  echo "warm-up ($WARMUP each, not counted):"
  wrk_run warm_service "$SEG_URL" str_ticks "$WARMUP"
  wrk_run warm_nginx "$NGINX_URL" nginx_ticks "$WARMUP"
  for r in $(seq 1 "$ROUNDS"); do
    echo "round $r:"
    if (( r % 2 )); then
      wrk_run d_service "$SEG_URL" str_ticks "$WRK_DURATION"; wrk_run d_nginx "$NGINX_URL" nginx_ticks "$WRK_DURATION"
    else
      wrk_run d_nginx "$NGINX_URL" nginx_ticks "$WRK_DURATION"; wrk_run d_service "$SEG_URL" str_ticks "$WRK_DURATION"
    fi
    paste -d' ' <(kv d_service rps | tail -1) <(kv d_nginx rps | tail -1) | awk '{printf "%.2f\n", $1 / $2}' >>"$WORK/d_ratio"
  done
  if [[ $VIA_GATEWAY == 1 ]]; then
    echo "once through the gateway $GW (gateway CPU):"
    wrk_run d_gateway "$GW${SEG_URL#"$STR"}" gw_ticks "$WRK_DURATION"
  fi
  R_D=$(ratio "$(med d_service rps)" "$(med d_nginx rps)")
  echo "medians: service $(med d_service rps) req/s (p99 $(med d_service p99_ms) ms), nginx $(med d_nginx rps) req/s (p99 $(med d_nginx p99_ms) ms): ratio $R_D"
fi

# --- summary -----------------------------------------------------------------------------------------------
echo
echo "==================== summary (markdown, for docs/performance.md) ===================="
SETTINGS=""
for v in ROUNDS:3 PARTS:123 LADDER_SECONDS:60 SCREEN_SECONDS:60 "B_VARIANTS:nothumbs nothumbs,fct=1 nothumbs,threads=2" \
         RUNGS:360:500,480:1000,720:2000,1080:4000 PRESET:veryfast CRF:23 AUDIO_KBPS:128 IMPORT_SECONDS:12 WRK_THREADS:2 \
         WRK_CONNECTIONS:50 WRK_DURATION:20s WARMUP:5s VIA_GATEWAY:1; do
  name=${v%%:*}
  [[ ${!name} == "${v#*:}" ]] || SETTINGS+="$name='${!name}' "
done
echo "Command: \`${SETTINGS}bench/streaming-bench.sh\`, measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) vCPUs"
echo "($(sed -nE 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/^Mem:/ {print $2}') GB RAM), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $("$FFMPEG" -hide_banner -version | head -1 | cut -d' ' -f1-3) (bytedeco).";
echo "1-minute load average at the start of each part: $(IFS=,; echo "${LOADS[*]}" | sed 's/,/, /g') (above $(nproc): other work competed for the CPUs)."
echo
echo "| target | measured (medians of $ROUNDS rounds) | |"
echo "|---|---|---|"
if [[ $PARTS == *1* ]]; then
  echo "| (a) the service's ladder (LadderCommand.build + FfmpegRun), ${LADDER_SECONDS} s 1080p30 source | **$A_MED s**, real-time factor $(awk -v d="$LADDER_SECONDS" -v w="$A_MED" 'BEGIN {printf "%.2f", d / w}') (rounds: $(list a wall_s) s) | |"
  for v in "${BV[@]}"; do
    l=$(label_of "$v")
    echo "| (b) one command, variant \`$v\`$([[ $v == "$BEST" ]] && echo ' (best)') | $(med "$l" wall_s) s, real-time factor $(awk -v d="$LADDER_SECONDS" -v w="$(med "$l" wall_s)" 'BEGIN {printf "%.2f", d / w}') (rounds: $(list "$l" wall_s) s) | |"
  done
  echo "| (c) one ffmpeg per rung, in sequence | $C_MED s, real-time factor $(awk -v d="$LADDER_SECONDS" -v w="$C_MED" 'BEGIN {printf "%.2f", d / w}') (rounds: $(list c wall_s) s) | |"
  echo "| (a)/(b) <= 1.10 (best b: \`$BEST\`) | **$R_AB** | $(awk -v r="$R_AB" 'BEGIN {print (r <= 1.10 ? "met" : "**not met**")}') |"
  echo "| (c)/(a) >= 1.25 | **$R_CA** | $(awk -v r="$R_CA" 'BEGIN {print (r >= 1.25 ? "met" : "**not met**")}') |"
  echo "| video bytes of the ladders (a) / best (b) / (c) | $(med a video_bytes) / $(med "$(label_of "$BEST")" video_bytes) / $(med c video_bytes) | |"
fi
if [[ $PARTS == *2* ]]; then
  echo "| capped-CRF ladder >= 40 % fewer bytes than fixed bit rate (${SCREEN_SECONDS} s screen content: $SCREEN_CLIP, video only) | capped CRF $S_BYTES bytes, fixed $F_BYTES bytes: **$SAVED % fewer** (per rung, capped / fixed: $(for i in $(seq 0 9); do c=$(med s_service "bytes_v$i"); [[ $c == - ]] && break; printf '%s%s / %s' "$([[ $i -gt 0 ]] && echo '; ')" "$c" "$(med s_fixed "bytes_v$i")"; done)); encode wall time $(med s_service wall_s) / $(med s_fixed wall_s) s | $(awk -v s="$SAVED" 'BEGIN {print (s >= 40 ? "met" : "**not met**")}') |"
  echo "| SSIM (All) per rung within 0.005 of the fixed ladder's | capped / fixed: $(join <(sort "$WORK/ssim-service") <(sort "$WORK/ssim-fixed") | awk '{printf "%srung %d %.5f / %.5f", (NR > 1 ? "; " : ""), $1, $2, $4}'); largest shortfall **$SSIM_WORST** | $(awk -v d="$SSIM_WORST" 'BEGIN {print (d <= 0.005 ? "met" : "**not met**")}') |"
fi
if [[ $PARTS == *3* ]]; then
  echo "| segment GET (\`$SEG_NAME\`, $BEST_LEN bytes, with its token), streaming-service direct ($JVM_OPTS) >= 0.8x nginx static, wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION | service **$(med d_service rps) req/s** (p50 $(med d_service p50_ms) ms, **p99 $(med d_service p99_ms) ms**, $(med d_service mbps) MB/s) vs nginx $(med d_nginx rps) req/s (p50 $(med d_nginx p50_ms) ms, p99 $(med d_nginx p99_ms) ms, $(med d_nginx mbps) MB/s): **ratio $R_D** (rounds: $(paste -sd, "$WORK/d_ratio" | sed 's/,/, /g')) | $(awk -v r="$R_D" 'BEGIN {print (r >= 0.8 ? "met" : "**not met**")}') |"
  echo "| CPU during the load (cores busy: server / whole machine) | service $(med d_service cores) / $(med d_service machine_busy_cores); nginx $(med d_nginx cores) / $(med d_nginx machine_busy_cores) | |"
  [[ -s $WORK/d_gateway ]] && echo "| the same through the gateway (once) | $(kv d_gateway rps) req/s, p99 $(kv d_gateway p99_ms) ms; gateway $(kv d_gateway cores) cores, machine $(kv d_gateway machine_busy_cores) | |"
  echo "| the transcode job of the imported ${IMPORT_SECONDS} s 1080p30 clip (started_at -> finished_at) | ${TRANSCODE_S} s | |"
fi
echo "======================================================================================"
if [[ $PARTS == *1* ]]; then
  echo "The service's command line (a), as LadderCommand.build made it for the ${LADDER_SECONDS} s source:"
  sed 's/^CMD //' "$WORK/cmd-a"
  echo "The best single command (b), $BEST:"
  sed 's/^CMD //' "$WORK/cmd-$(label_of "$BEST")"
fi
