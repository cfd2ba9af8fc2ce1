-- wrk script for benches/load/sync_express.sh: every request is a StartSyncExecution of the
-- state machine named by the SM_ARN environment variable. Each response is classified
-- (HTTP 200 with "status":"SUCCEEDED" / anything else), so a run that only measured errors is
-- reported as such. done() prints machine-readable lines that sync_express.sh parses.

local arn = os.getenv("SM_ARN")
if arn == nil or arn == "" then
  error("SM_ARN is not set")
end

wrk.method = "POST"
wrk.path = "/"
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "AWSStepFunctions.StartSyncExecution"
wrk.body = '{"stateMachineArn":"' .. arn .. '","input":"{\\"v\\":1,\\"tag\\":\\"bench\\"}"}'

-- One table per wrk thread, gathered in done().
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  succeeded = 0
  other = 0
  sample = ""
end

function response(status, headers, body)
  if status == 200 and string.find(body, '"status":"SUCCEEDED"', 1, true) then
    succeeded = succeeded + 1
  else
    other = other + 1
    if sample == "" then
      sample = tostring(status) .. " " .. string.sub(body, 1, 300)
    end
  end
end

function done(summary, latency, requests)
  local ok, bad, first_bad = 0, 0, ""
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("succeeded")
    bad = bad + thread:get("other")
    local s = thread:get("sample")
    if first_bad == "" and s ~= nil and s ~= "" then
      first_bad = s
    end
  end
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d succeeded=%d other=%d http_errors=%d socket_errors=%d\n",
    summary.requests, ok, bad, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout))
  io.write(string.format("RESULT throughput_rps=%.1f\n", summary.requests / secs))
  io.write(string.format("RESULT latency_us p50=%d p90=%d p99=%d p999=%d max=%d mean=%.1f\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean))
  if first_bad ~= "" then
    io.write("RESULT first_unsuccessful_response: " .. first_bad .. "\n")
  end
end
