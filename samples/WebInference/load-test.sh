#!/usr/bin/env bash
# A bounded load test of the AOT server on loopback only: start-up (the server's own figure and the time to the
# first /healthz answer, 10 starts), then wrk posting one real digit for DURATION at CONNECTIONS connections, with the
# server's resident memory before and after and the count of non-200 answers (must be 0).
#   bash samples/WebInference/load-test.sh [BINARY] [DURATION=30s] [CONNECTIONS=64]
# Without BINARY it publishes one. Needs wrk and curl (apt-get install -y wrk curl).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
binary="${1:-}"
duration="${2:-30s}"
connections="${3:-64}"
port=5077
url="http://127.0.0.1:$port"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "$binary" ]; then
  dotnet publish "$here" -c Release -r linux-x64 -o "$work/publish" >"$work/publish.log" 2>&1 || { cat "$work/publish.log"; exit 1; }
  binary="$work/publish/WebInference"
fi
echo "binary: $(stat -c %s "$binary") bytes"

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

# Start-up, 10 runs: the server's own figure (process start to listening, printed in its first line) and, from
# outside, launch to the first 200 from /healthz (polled every 5 ms, so up to 5 ms late).
times=(); own=()
for _ in $(seq 10); do
  start_ns=$(date +%s%N)
  "$binary" --urls "$url" >"$work/start.log" 2>&1 &
  pid=$!
  until curl -sf "$url/healthz" >/dev/null 2>&1; do sleep 0.005; done
  times+=($(( ($(date +%s%N) - start_ns) / 1000000 )))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  own+=($(grep -o 'after [0-9]* ms' "$work/start.log" | awk '{ print $2 }'))
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "start-up, process start to listening (server's figure, ms): $(printf '%s\n' "${own[@]}" | sort -n | tr '\n' ' ')— median $(median "${own[@]}") ms"
echo "start-up, launch to first /healthz answer (ms): $(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')— median $(median "${times[@]}") ms"

"$binary" --urls "$url" >"$work/server.log" 2>&1 &
pid=$!
until curl -sf "$url/healthz" >/dev/null 2>&1; do sleep 0.005; done
echo "RSS after start: $(rss_kb $pid) kB"
# One warm-up request so the first-call costs are not in the "before" figure's comparison.
body='[0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0]'
curl -sf -H 'Content-Type: application/json' -d "$body" "$url/api/predict" >/dev/null
echo "RSS before load: $(rss_kb $pid) kB"
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = "$body"
LUA
wrk -t2 -c"$connections" -d"$duration" --latency -s "$work/post.lua" "$url/api/predict" | tee "$work/wrk.txt"
echo "RSS after load: $(rss_kb $pid) kB"
if grep -q 'Non-2xx' "$work/wrk.txt" || grep -q 'Socket errors' "$work/wrk.txt"; then
  echo "errors during the load test (above)"; kill "$pid"; exit 1
fi
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "errors: 0"
