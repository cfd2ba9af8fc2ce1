-- wrk script for benches/load/read_calls.py: every request is the one call the environment
-- describes (CALL_METHOD, CALL_PATH, and for Step Functions CALL_TARGET and CALL_BODY).
-- read_calls.py checks one response's body before the run; here only the status is counted
-- (every Stepstone error is a 4xx or 5xx), which wrk does without handing each body to Lua,
-- so the client's cost stays the same whatever a response's size. done() prints the RESULT
-- lines read_calls.py parses.

local function env(name, default)
  local value = os.getenv(name)
  if value == nil or value == "" then
    if default == nil then
      error(name .. " is not set")
    end
    return default
  end
  return value
end

wrk.method = env("CALL_METHOD")
wrk.path = env("CALL_PATH")
if env("CALL_TARGET", "-") ~= "-" then
  wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
  wrk.headers["X-Amz-Target"] = env("CALL_TARGET")
  wrk.body = env("CALL_BODY")
end

function done(summary, latency, requests)
  local socket_errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("RESULT requests=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.errors.status, socket_errors))
  io.write(string.format("RESULT throughput_rps=%.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("RESULT p50_us=%d p99_us=%d\n", latency:percentile(50), latency:percentile(99)))
end
