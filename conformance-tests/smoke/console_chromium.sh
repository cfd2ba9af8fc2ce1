#!/usr/bin/env bash
# Browser tests of the console: starts the built binary on a port the system picks (with the
# manual clock and the console's mock configuration), creates a machine with a Choice, a Map, a
# Parallel and a Catch through the JSON API, runs an execution to the end, then has Debian's
# headless Chromium render the machine and execution pages: screenshots (kept under
# target/console-screenshots/ to look at) and DOM assertions. Then the click-driven tests
# (conformance-tests/console/console_e2e.py, over the DevTools protocol): starting, answering
# task tokens, redriving, stopping, the clock, the service pages, the export.
# First the graph model's unit tests (conformance-tests/console/), in the same browser.
# Usage: console_chromium.sh [path/to/stepstone]; installs chromium with apt-get if missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin="${1:-${CARGO_TARGET_DIR:-target}/debug/stepstone}"
out=target/console-screenshots
mkdir -p "$out"

if ! command -v chromium > /dev/null; then
    echo "== installing chromium"
    as_root=()
    [ "$(id -u)" -eq 0 ] || as_root=(sudo)
    "${as_root[@]}" apt-get update -qq
    "${as_root[@]}" apt-get install -y -qq chromium > /dev/null
fi

echo "== console graph model unit tests"
model=$(chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=2000 --dump-dom \
    "file://$PWD/conformance-tests/console/graph_model_test.html" 2> /dev/null)
grep -q '<pre id="results">PASS</pre>' <<< "$model" || {
    sed -n '/id="results"/,/<\/pre>/p' <<< "$model"
    exit 1
}
echo "graph model: ok"

rm -f "$out/chromium.log"
ready="$out/ready"
rm -f "$ready"
"$bin" --port 0 --ready-file "$ready" --manual-clock \
    --mock-config conformance-tests/console/mock-config.json > "$out/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$ready" ] && break; sleep 0.1; done
[ -s "$ready" ] || { cat "$out/server.log"; echo "stepstone did not become ready"; exit 1; }
endpoint="http://$(cat "$ready")"

sfn() {
    curl -sf "$endpoint/" -H "X-Amz-Target: AWSStepFunctions.$1" \
        -H 'Content-Type: application/x-amz-json-1.0' -d "$2"
}
field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }

definition='{
  "StartAt": "Decide",
  "States": {
    "Decide": {"Type": "Choice",
      "Choices": [{"Variable": "$.kind", "StringEquals": "map", "Next": "Fan out"}],
      "Default": "Side by side"},
    "Fan out": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.doubled",
      "ItemProcessor": {"StartAt": "Double", "States": {"Double": {"Type": "Pass", "End": true}}},
      "Next": "Side by side"},
    "Side by side": {"Type": "Parallel", "ResultPath": "$.branches",
      "Branches": [
        {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
        {"StartAt": "Right", "States": {"Right": {"Type": "Fail", "Error": "Boom", "Cause": "on purpose"}}}],
      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}],
      "Next": "Done"},
    "Recover": {"Type": "Pass", "Next": "Done"},
    "Done": {"Type": "Succeed"}
  }
}'
# A JSONata machine that stays in its Wait, to see a running state and unreached ones.
waiting='{
  "QueryLanguage": "JSONata",
  "StartAt": "Check",
  "States": {
    "Check": {"Type": "Choice",
      "Choices": [{"Condition": "{% $states.input.wait %}", "Next": "Pause"}],
      "Default": "After"},
    "Pause": {"Type": "Wait", "Seconds": 600, "Next": "After"},
    "After": {"Type": "Pass", "End": true}
  }
}'
create() {
    local request
    request=$(python3 -c 'import json, sys; print(json.dumps({"name": sys.argv[1],
        "definition": sys.argv[2], "roleArn": "arn:aws:iam::123456789012:role/smoke"}))' "$1" "$2")
    sfn CreateStateMachine "$request" | field stateMachineArn
}
start() {
    local request
    request=$(python3 -c 'import json, sys; print(json.dumps({"stateMachineArn": sys.argv[1],
        "input": sys.argv[2]}))' "$1" "$2")
    sfn StartExecution "$request" | field executionArn
}
machine=$(create console-smoke "$definition")
execution=$(start "$machine" '{"kind": "map", "items": [1, 2, 3]}')
curl -sf "$endpoint/_stepstone/executions/wait?executionArn=$execution" > /dev/null
# No items to map: the Map state fails the execution.
failed=$(start "$machine" '{"kind": "map"}')
curl -sf "$endpoint/_stepstone/executions/wait?executionArn=$failed" > /dev/null
waiting_machine=$(create console-wait "$waiting")
start "$waiting_machine" '{"wait": true}' > /dev/null

# Chromium's own log goes to a file; the page's console messages are in it too.
browse() {
    chromium --headless --no-sandbox --disable-gpu --window-size=1280,900 \
        --virtual-time-budget=5000 --enable-logging=stderr --v=0 "$@" 2>> "$out/chromium.log"
}
# Headless Chromium now and then ends a page's fetch early ("Failed to fetch"); a page that
# misses a needle is loaded again, up to three times, before the test fails.
has_all() {
    local file=$1 needle
    shift
    for needle in "$@"; do
        grep -qF -- "$needle" "$file" || { echo "$needle"; return 1; }
    done
}
check_page() {
    local name=$1 url=$2
    shift 2
    browse --screenshot="$out/$name.png" "$url" > /dev/null
    local size
    size=$(stat -c %s "$out/$name.png")
    [ "$size" -gt 20000 ] || { echo "$name: screenshot is only $size bytes"; exit 1; }
    local missing
    for _ in 1 2 3; do
        browse --dump-dom "$url" > "$out/$name.html"
        missing=$(has_all "$out/$name.html" "$@") && break
    done
    [ -z "$missing" ] || { echo "$name: DOM lacks '$missing'"; exit 1; }
    # A script error or a Content-Security-Policy refusal shows in the page's console.
    if grep -E "Uncaught|Refused to|console\.error" "$out/chromium.log"; then
        echo "$name: the page logged errors"
        exit 1
    fi
    echo "$name: ok ($out/$name.png)"
}

states=(Decide "Fan out" Double "Side by side" Left Right Recover Done)
check_page machine "$endpoint/_console/#machine=$machine" "${states[@]}" console-smoke
check_page execution "$endpoint/_console/#execution=$execution" "${states[@]}" \
    'data-status="succeeded"' 'data-status="caught"' 'data-status="failed"' SUCCEEDED
check_page failed "$endpoint/_console/#execution=$failed" FAILED 'data-status="failed"'
# A running execution's own page holds its event stream open, which --dump-dom would wait on
# for ever: console_e2e.py opens that page; here its machine lists it running.
check_page running "$endpoint/_console/#machine=$waiting_machine" RUNNING '$states.input.wait'
# A state chosen in the address shows its input and output from the history.
check_page state "$endpoint/_console/#execution=$execution&state=Recover" \
    'class="state-input"' '"Cause": "on purpose"' 'class="state-output"'

echo "== console clicked through over the DevTools protocol"
python3 conformance-tests/console/console_e2e.py "$endpoint" "$out"
