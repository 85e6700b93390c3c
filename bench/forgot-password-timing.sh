#!/usr/bin/env bash
# Does POST /api/v1/auth/forgot-password answer at the same speed for an address that has an
# account and one that has none? (issue 6: the answer must not tell them apart.) Sends TRIES
# requests for each, interleaved (known, unknown, known, ...), against local mode through the
# gateway, and prints the median and p90 answer time of each and their ratio.
# Usage: bench/forgot-password-timing.sh   (TRIES=100; needs ./vtp up running on :8080)
set -euo pipefail
TRIES=${TRIES:-100}
GW=${GW:-http://127.0.0.1:8080}
curl -fs "$GW/health" >/dev/null || { echo "bench: local mode is not running on $GW (./vtp up)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
known="timing-$(date +%s)-$RANDOM@example.org"
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"$known\",\"password\":\"Timing-Pass-2024\",\"full_name\":\"Timing Probe\"}" "$GW/api/v1/auth/register"

# ask EMAIL: one request, its total time in microseconds; fails unless the answer is 202
ask() {
  local out
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H 'Content-Type: application/json' \
    -H "X-Forwarded-For: 10.9.$((RANDOM % 250)).$((RANDOM % 250))" \
    -d "{\"email\":\"$1\"}" "$GW/api/v1/auth/forgot-password")
  [[ ${out%% *} == 202 ]] || { echo "bench: forgot-password answered ${out%% *}" >&2; exit 1; }
  awk '{printf "%d\n", $1 * 1000000}' <<<"${out#* }"
}
for i in $(seq 1 "$TRIES"); do
  ask "$known" >>"$WORK/known"
  ask "unknown-$i-$RANDOM@example.org" >>"$WORK/unknown"
done
pct() { sort -n "$1" | awk -v p="$2" '{a[NR]=$1} END {i=int(NR*p/100+0.5); if (i<1) i=1; print a[i]}'; }
km=$(pct "$WORK/known" 50); um=$(pct "$WORK/unknown" 50)
echo "forgot-password, $TRIES tries each, interleaved, through the gateway:"
echo "  known address:   median $(awk -v v="$km" 'BEGIN{printf "%.2f", v/1000}') ms, p90 $(awk -v v="$(pct "$WORK/known" 90)" 'BEGIN{printf "%.2f", v/1000}') ms"
echo "  unknown address: median $(awk -v v="$um" 'BEGIN{printf "%.2f", v/1000}') ms, p90 $(awk -v v="$(pct "$WORK/unknown" 90)" 'BEGIN{printf "%.2f", v/1000}') ms"
echo "  ratio known/unknown (medians): $(awk -v k="$km" -v u="$um" 'BEGIN{printf "%.2f", k/u}'); difference $(awk -v k="$km" -v u="$um" 'BEGIN{printf "%.2f", (k-u)/1000}') ms"
