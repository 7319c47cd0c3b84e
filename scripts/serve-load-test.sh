#!/usr/bin/env bash
# A bounded load test of `gradschool serve` on loopback: trains a small iris model, starts the server on a
# free port of 127.0.0.1, sends POST /predict requests with wrk for a fixed time, prints requests per second
# and latency percentiles (p50, p95, p99), then stops the server with SIGINT as Ctrl-C would.
#
#   scripts/serve-load-test.sh [SECONDS] [CONNECTIONS] [BINARY]
#
# SECONDS (default 10, at most 60) bounds the run; CONNECTIONS (default 16) are the requests in flight at
# once. BINARY defaults to .build/release/gradschool (build it with `swift build -c release` first).
# wrk comes from Debian's packages: apt-get install wrk. Nothing is sent anywhere but 127.0.0.1.
set -euo pipefail

seconds=${1:-10}
connections=${2:-16}
binary=${3:-.build/release/gradschool}
if [ "$seconds" -gt 60 ]; then seconds=60; fi
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 69; }
[ -x "$binary" ] || { echo "$binary does not exist: build it with swift build -c release" >&2; exit 66; }

folder=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -INT "$server"; wait "$server" || true; fi
  rm -rf "$folder"
}
trap cleanup EXIT

"$binary" train --dataset iris --layers 8 --epochs 200 --save "$folder/iris.safetensors" --quiet
"$binary" serve "$folder/iris.safetensors" --port 0 > "$folder/serve.out" 2>&1 &
server=$!
port=""
for _ in $(seq 1 100); do
  port=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$folder/serve.out" 2>/dev/null | head -1 | sed 's/.*://') || true
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "the server printed no address:" >&2; cat "$folder/serve.out" >&2; exit 69; }

cat > "$folder/predict.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"features": [6.4, 3.2, 4.5, 1.5]}'
wrk.headers["Content-Type"] = "application/json"
done = function(summary, latency, requests)
  io.write(string.format("requests: %d in %.1f s, %.0f requests/s, %d errors (status %d, timeouts %d)\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.errors.timeout))
  io.write(string.format("latency: p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA

echo "POST /predict on 127.0.0.1:$port for $seconds s with $connections connections"
wrk --threads 1 --connections "$connections" --duration "${seconds}s" --script "$folder/predict.lua" \
  "http://127.0.0.1:$port/predict" | grep -E '^(requests|latency):'
echo "the server's own view (GET /metrics, time inside the handler):"
curl -s "http://127.0.0.1:$port/metrics" | grep -o '"latency_ms": {[^}]*}' || true
