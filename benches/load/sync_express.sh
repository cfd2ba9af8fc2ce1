#!/usr/bin/env bash
# StartSyncExecution load benchmark over loopback.
#
#   benches/load/sync_express.sh [path/to/stepstone]
#
# Starts the server on a free 127.0.0.1 port, creates an EXPRESS state machine of 10 chained Pass
# states (each with a small Parameters template), checks that one StartSyncExecution SUCCEEDS with
# the expected output, then drives StartSyncExecution with wrk twice:
#   loaded:    wrk -t$THREADS -c$CONNECTIONS -d$DURATION   (throughput and p50/p90/p99)
#   unloaded:  wrk -t1 -c1 -d$DURATION                     (single-connection latency)
# Every response is classified by sync_express.lua; the script fails if any response was not an
# HTTP 200 whose body says "status":"SUCCEEDED". The server is stopped on exit (and by a watchdog
# after $MAX_SECONDS whatever happens).
#
# Binary: first argument, else $STEPSTONE_BIN, else target/release/stepstone in the repo root.
# Tuning (environment): DURATION (10s), THREADS (2), CONNECTIONS (16), WARMUP (2s),
# MAX_SECONDS (180). Needs wrk, curl and python3 (standard library only).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${1:-${STEPSTONE_BIN:-$ROOT/target/release/stepstone}}"
DURATION="${DURATION:-10s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
WARMUP="${WARMUP:-2s}"
MAX_SECONDS="${MAX_SECONDS:-180}"

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed (apt-get install $tool)" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "error: no executable at $BIN (cargo build --release, or pass the path)" >&2; exit 2; }

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
URL="http://127.0.0.1:$PORT"
WORK="$(mktemp -d)"
SERVER_PID=""
WATCHDOG_PID=""

cleanup() {
  if [ -n "$WATCHDOG_PID" ]; then kill "$WATCHDOG_PID" 2>/dev/null || true; fi
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# warn: keep per-request logging out of the measurement.
STEPSTONE_LOG="${STEPSTONE_LOG:-warn}" "$BIN" --host 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
( sleep "$MAX_SECONDS"; echo "watchdog: stopping server after ${MAX_SECONDS}s" >&2; kill -TERM "$SERVER_PID" 2>/dev/null ) &
WATCHDOG_PID=$!

for _ in $(seq 100); do
  curl -fsS "$URL/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "error: server exited:" >&2; cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.1
done
curl -fsS "$URL/health" >/dev/null || { echo "error: server not healthy after 10s" >&2; exit 1; }

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo "?"; }

sfn() { # sfn <Operation> <json body>
  curl -sS -X POST "$URL/" \
    -H "Content-Type: application/x-amz-json-1.0" \
    -H "X-Amz-Target: AWSStepFunctions.$1" \
    --data-binary "$2"
}

# 10 Pass states in a chain; each reshapes its input with a small Parameters template.
CREATE_BODY="$(python3 - <<'EOF'
import json
states = {}
for i in range(1, 11):
    parameters = {"step": i, "v.$": "$.v", "tag.$": "$.tag"}
    if i > 1:
        parameters["prev.$"] = "$.step"
    state = {"Type": "Pass", "Parameters": parameters}
    if i < 10:
        state["Next"] = f"S{i + 1}"
    else:
        state["End"] = True
    states[f"S{i}"] = state
definition = {"Comment": "10-state Pass chain", "StartAt": "S1", "States": states}
print(json.dumps({"name": "bench-sync-express", "type": "EXPRESS",
                  "roleArn": "arn:aws:iam::123456789012:role/r",
                  "definition": json.dumps(definition)}))
EOF
)"
CREATED="$(sfn CreateStateMachine "$CREATE_BODY")"
SM_ARN="$(printf '%s' "$CREATED" | python3 -c 'import json,sys; print(json.load(sys.stdin)["stateMachineArn"])')" \
  || { echo "error: CreateStateMachine failed: $CREATED" >&2; exit 1; }
export SM_ARN

# One checked execution before measuring anything.
ONE="$(sfn StartSyncExecution "{\"stateMachineArn\":\"$SM_ARN\",\"input\":\"{\\\"v\\\":1,\\\"tag\\\":\\\"bench\\\"}\"}")"
printf '%s' "$ONE" | python3 -c '
import json, sys
r = json.load(sys.stdin)
assert r.get("status") == "SUCCEEDED", "StartSyncExecution did not succeed: %r" % r
out = json.loads(r["output"])
assert out == {"step": 10, "v": 1, "tag": "bench", "prev": 9}, "unexpected output %r" % out
' || { echo "error: sanity execution failed: $ONE" >&2; exit 1; }

echo "stepstone:  $BIN (pid $SERVER_PID, $URL)"
echo "machine:    $SM_ARN (EXPRESS, 10 Pass states)"
echo "host:       $(nproc) CPUs, $(uname -sr)"
echo "rss before: $(rss_kb) kB"
echo

run_wrk() { # run_wrk <label> <threads> <connections> <duration>
  local out="$WORK/$1.txt"
  wrk -t"$2" -c"$3" -d"$4" --latency -s "$HERE/sync_express.lua" "$URL/" >"$out" 2>&1 || {
    echo "error: wrk failed:" >&2; cat "$out" >&2; exit 1; }
  cat "$out"
}

result() { # result <file> <key>: value of key=... on the RESULT lines
  grep '^RESULT' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2; exit}'
}

check_all_succeeded() { # check_all_succeeded <file> <label>
  local ok other http socket
  ok="$(result "$1" succeeded)"; other="$(result "$1" other)"
  http="$(result "$1" http_errors)"; socket="$(result "$1" socket_errors)"
  if [ "${ok:-0}" -eq 0 ] || [ "${other:-1}" -ne 0 ] || [ "${socket:-1}" -ne 0 ]; then
    echo "FAIL ($2): succeeded=$ok other=$other http_errors=$http socket_errors=$socket" >&2
    grep 'first_unsuccessful' "$1" >&2 || true
    exit 1
  fi
}

echo "== warm-up ($WARMUP, -c$CONNECTIONS) =="
run_wrk warmup "$THREADS" "$CONNECTIONS" "$WARMUP" | grep '^RESULT requests'
check_all_succeeded "$WORK/warmup.txt" warmup
echo

echo "== loaded: wrk -t$THREADS -c$CONNECTIONS -d$DURATION =="
run_wrk loaded "$THREADS" "$CONNECTIONS" "$DURATION"
check_all_succeeded "$WORK/loaded.txt" loaded
echo

echo "== unloaded: wrk -t1 -c1 -d$DURATION =="
run_wrk unloaded 1 1 "$DURATION"
check_all_succeeded "$WORK/unloaded.txt" unloaded
echo

us_to_ms() { awk -v us="$1" 'BEGIN { printf "%.3f ms", us / 1000 }'; }
lat() { grep '^RESULT latency_us' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2; exit}'; }

L="$WORK/loaded.txt"; U="$WORK/unloaded.txt"
echo "== summary =="
echo "loaded   (-c$CONNECTIONS): $(result "$L" throughput_rps) req/s, all $(result "$L" succeeded) SUCCEEDED;" \
  "p50 $(us_to_ms "$(lat "$L" p50)"), p90 $(us_to_ms "$(lat "$L" p90)"), p99 $(us_to_ms "$(lat "$L" p99)")"
echo "unloaded (-c1): $(result "$U" throughput_rps) req/s, all $(result "$U" succeeded) SUCCEEDED;" \
  "p50 $(us_to_ms "$(lat "$U" p50)"), p90 $(us_to_ms "$(lat "$U" p90)"), p99 $(us_to_ms "$(lat "$U" p99)")"
echo "server rss after: $(rss_kb) kB"
P50="$(lat "$U" p50)"
if [ "$P50" -lt 1000 ]; then
  echo "target (unloaded StartSyncExecution p50 < 1 ms): met"
else
  echo "target (unloaded StartSyncExecution p50 < 1 ms): NOT met"
fi
if grep -qiE 'error|panic' "$WORK/server.log"; then
  echo "server log has errors:"; grep -iE 'error|panic' "$WORK/server.log" | head -20
fi
