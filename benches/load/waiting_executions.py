#!/usr/bin/env python3
"""Memory held by many waiting STANDARD executions, and how fast they start.

    python3 benches/load/waiting_executions.py [--bin path/to/stepstone] [--count 10000]

Starts the server on a free 127.0.0.1 port, creates a STANDARD state machine whose only state is
a Wait of 3600 seconds, starts --count executions with StartExecution from --threads client
threads (one keep-alive http.client connection each), then checks that they are all RUNNING
(ListExecutions paginated with nextToken and maxResults 1000, plus DescribeExecution samples and
one GetExecutionHistory), reads the server's VmRSS / VmHWM from /proc/<pid>/status and its CPU use
while it holds the executions idle, and stops the server. Linux only (/proc).

Binary: --bin, else $STEPSTONE_BIN, else target/release/stepstone in the repo root.
Standard library only. Exits non-zero when any request failed or the checks do not hold.
"""

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from common import cpu_seconds, free_port, percentile, proc_status

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROLE = "arn:aws:iam::123456789012:role/r"
RSS_TARGET_MB = 500


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bin", default=os.environ.get("STEPSTONE_BIN",
                                                    os.path.join(ROOT, "target/release/stepstone")))
    p.add_argument("--count", type=int, default=10_000, help="executions to start (10000)")
    p.add_argument("--threads", type=int, default=32, help="client threads/connections (32)")
    p.add_argument("--wait-seconds", type=int, default=3600, help="the Wait state's Seconds (3600)")
    p.add_argument("--comment-bytes", type=int, default=0,
                   help="pad the definition with a Comment this long, to see whether memory "
                        "per execution grows with the definition's size (0)")
    p.add_argument("--samples", type=int, default=50, help="DescribeExecution samples (50)")
    p.add_argument("--idle-seconds", type=float, default=5.0,
                   help="how long to watch the server's CPU while it holds the executions (5)")
    p.add_argument("--max-seconds", type=int, default=300,
                   help="watchdog: the server is killed and the run fails after this long (300)")
    return p.parse_args()


def mb(kb):
    return f"{kb / 1024:.1f} MB"


class Client:
    """One keep-alive awsJson 1.0 connection."""

    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(self, operation, body):
        data = json.dumps(body).encode()
        headers = {"Content-Type": "application/x-amz-json-1.0",
                   "X-Amz-Target": f"AWSStepFunctions.{operation}"}
        for attempt in (1, 2):
            try:
                self.conn.request("POST", "/", body=data, headers=headers)
                resp = self.conn.getresponse()
                raw = resp.read()
                return resp.status, json.loads(raw) if raw else {}
            except (http.client.HTTPException, ConnectionError):
                # A dropped keep-alive connection is retried once on a fresh one.
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt == 2:
                    raise

    def ok(self, operation, body):
        status, out = self.call(operation, body)
        if status != 200:
            raise RuntimeError(f"{operation} -> HTTP {status}: {out}")
        return out

    def close(self):
        self.conn.close()


def main():
    args = parse_args()
    if not os.access(args.bin, os.X_OK):
        sys.exit(f"error: no executable at {args.bin} (cargo build --release, or pass --bin)")

    port = free_port()
    log = tempfile.TemporaryFile()
    env = dict(os.environ, STEPSTONE_LOG=os.environ.get("STEPSTONE_LOG", "warn"))
    server = subprocess.Popen([args.bin, "--host", "127.0.0.1", "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT, env=env)

    def watchdog():
        print(f"watchdog: killing the server after {args.max_seconds}s", file=sys.stderr, flush=True)
        server.kill()
        os._exit(3)

    timer = threading.Timer(args.max_seconds, watchdog)
    timer.daemon = True
    timer.start()
    failures = []
    try:
        run(args, server, port, failures)
    finally:
        timer.cancel()
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                failures.append("server did not stop within 10 s of SIGTERM")
                server.kill()
                server.wait()
        log.seek(0)
        errors = [l for l in log.read().decode(errors="replace").splitlines()
                  if "ERROR" in l or "panic" in l]
        if errors:
            print("server log errors:\n  " + "\n  ".join(errors[:20]))
    if failures:
        print("FAIL:\n  " + "\n  ".join(failures))
        sys.exit(1)


def run(args, server, port, failures):
    pid = server.pid
    deadline = time.monotonic() + 10
    while True:
        if server.poll() is not None:
            raise SystemExit(f"error: server exited with {server.returncode}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/health")
            if c.getresponse().status == 200:
                c.close()
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit("error: server not healthy after 10 s")
        time.sleep(0.05)

    base = proc_status(pid)
    client = Client(port)
    definition = {"StartAt": "Hold",
                  "States": {"Hold": {"Type": "Wait", "Seconds": args.wait_seconds, "End": True}}}
    if args.comment_bytes:
        definition = {"Comment": "x" * args.comment_bytes, **definition}
    sm_arn = client.ok("CreateStateMachine", {
        "name": "bench-waiting", "type": "STANDARD", "roleArn": ROLE,
        "definition": json.dumps(definition)})["stateMachineArn"]

    print(f"stepstone:  {args.bin} (pid {pid}, http://127.0.0.1:{port})")
    print(f"machine:    {sm_arn} (STANDARD, one Wait of {args.wait_seconds} s, "
          f"definition {len(json.dumps(definition))} bytes)")
    print(f"host:       {os.cpu_count()} CPUs, {os.uname().sysname} {os.uname().release}")
    print(f"rss idle:   VmRSS {mb(base['VmRSS'])}, threads {base['Threads']}")

    # --- start N executions from T keep-alive connections --------------------------------------
    n, t = args.count, args.threads
    latencies = [[] for _ in range(t)]
    errors = [[] for _ in range(t)]
    oks = [0] * t

    def starter(k):
        c = Client(port)
        try:
            for i in range(k, n, t):
                t0 = time.perf_counter()
                try:
                    status, out = c.call("StartExecution", {
                        "stateMachineArn": sm_arn, "name": f"wait-{i:06d}",
                        "input": json.dumps({"i": i})})
                except Exception as e:  # noqa: BLE001 - reported below
                    errors[k].append(f"wait-{i:06d}: {e!r}")
                    continue
                latencies[k].append(time.perf_counter() - t0)
                if status != 200 or "executionArn" not in out:
                    errors[k].append(f"wait-{i:06d}: HTTP {status} {out}")
                else:
                    oks[k] += 1
        finally:
            c.close()

    cpu0 = cpu_seconds(pid)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=t) as pool:
        list(pool.map(starter, range(t)))
    elapsed = time.perf_counter() - t0
    server_cpu = cpu_seconds(pid) - cpu0
    lat = sorted(x for per in latencies for x in per)
    errs = [e for per in errors for e in per]
    started = sum(oks)
    after_start = proc_status(pid)
    print()
    print(f"== StartExecution x {n} from {t} connections ==")
    print(f"started:    {started} in {elapsed:.2f} s = {started / elapsed:.0f} executions/s "
          f"(server CPU {server_cpu:.2f} s = {100 * server_cpu / elapsed:.0f}% of one core)")
    print(f"latency:    p50 {percentile(lat, 0.5) * 1e3:.2f} ms, p90 {percentile(lat, 0.9) * 1e3:.2f} ms, "
          f"p99 {percentile(lat, 0.99) * 1e3:.2f} ms, max {lat[-1] * 1e3 if lat else float('nan'):.2f} ms")
    if errs:
        failures.append(f"{len(errs)} StartExecution calls failed, e.g. {errs[:3]}")

    # --- check they are all RUNNING ----------------------------------------------------------
    t0 = time.perf_counter()
    running, pages, token, page_times = set(), 0, None, []
    while True:
        body = {"stateMachineArn": sm_arn, "statusFilter": "RUNNING", "maxResults": 1000}
        if token:
            body["nextToken"] = token
        p0 = time.perf_counter()
        out = client.ok("ListExecutions", body)
        page_times.append(time.perf_counter() - p0)
        pages += 1
        for e in out.get("executions", []):
            if e.get("status") != "RUNNING":
                failures.append(f"ListExecutions(RUNNING) returned {e.get('status')}: {e}")
            running.add(e["executionArn"])
        token = out.get("nextToken")
        if not token or pages > n // 1000 + 5:
            break
    list_elapsed = time.perf_counter() - t0
    after_list = proc_status(pid)
    all_out = client.ok("ListExecutions", {"stateMachineArn": sm_arn, "maxResults": 1000})
    # The cost of one small page: shows whether a page costs O(page) or O(all executions).
    small = []
    for _ in range(5):
        p0 = time.perf_counter()
        client.ok("ListExecutions", {"stateMachineArn": sm_arn, "maxResults": 1})
        small.append(time.perf_counter() - p0)
    print()
    print("== checks ==")
    print(f"ListExecutions(statusFilter=RUNNING): {len(running)} distinct executions over {pages} "
          f"pages in {list_elapsed * 1e3:.0f} ms (per page {min(page_times) * 1e3:.1f}-"
          f"{max(page_times) * 1e3:.1f} ms; a maxResults=1 page takes "
          f"{sorted(small)[2] * 1e3:.1f} ms)")
    if len(running) != n:
        failures.append(f"ListExecutions(RUNNING) found {len(running)} executions, expected {n}")
    if len(all_out.get("executions", [])) != min(n, 1000):
        failures.append(f"unfiltered ListExecutions page has {len(all_out.get('executions', []))}")

    sample = random.Random(1).sample(range(n), min(args.samples, n))
    prefix = sm_arn.replace(":stateMachine:", ":execution:")
    bad = []
    for i in sample:
        out = client.ok("DescribeExecution", {"executionArn": f"{prefix}:wait-{i:06d}"})
        if out.get("status") != "RUNNING" or json.loads(out.get("input", "null")) != {"i": i}:
            bad.append(out)
    print(f"DescribeExecution: {len(sample) - len(bad)}/{len(sample)} samples RUNNING with their input")
    if bad:
        failures.append(f"{len(bad)} DescribeExecution samples wrong, e.g. {bad[0]}")

    hist = client.ok("GetExecutionHistory", {"executionArn": f"{prefix}:wait-{sample[0]:06d}"})
    types = [e.get("type") for e in hist.get("events", [])]
    print(f"GetExecutionHistory({'wait-%06d' % sample[0]}): {types}")
    finished = {"ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut",
                "WaitStateExited"}
    if not types or types[0] != "ExecutionStarted" or "WaitStateEntered" not in types \
            or finished.intersection(types):
        failures.append(f"unexpected history for a waiting execution: {types}")

    # --- memory and idle cost ----------------------------------------------------------------
    idle_cpu0 = cpu_seconds(pid)
    time.sleep(args.idle_seconds)
    idle_cpu = cpu_seconds(pid) - idle_cpu0
    final = proc_status(pid)
    rss, hwm = final["VmRSS"], final["VmHWM"]
    per_exec = (rss - base["VmRSS"]) * 1024 / n if n else 0
    print()
    print(f"== server memory holding {len(running)} RUNNING executions ==")
    print(f"VmRSS:      {mb(rss)} (idle server {mb(base['VmRSS'])}; "
          f"~{per_exec / 1024:.1f} KiB per execution)")
    print(f"VmHWM:      {mb(hwm)} (peak; VmRSS was {mb(after_start['VmRSS'])} right after the "
          f"starts, {mb(after_list['VmRSS'])} after the ListExecutions walk)")
    print(f"threads:    {final['Threads']}")
    print(f"idle CPU:   {idle_cpu:.3f} s over {args.idle_seconds:.0f} s "
          f"({100 * idle_cpu / args.idle_seconds:.1f}% of one core) while holding them")
    verdict = "met" if hwm < RSS_TARGET_MB * 1024 and len(running) >= 10_000 else (
        "NOT met" if len(running) >= 10_000 else "n/a (fewer than 10,000 executions)")
    print(f"target ({RSS_TARGET_MB} MB RSS for 10,000 running standard executions): {verdict}")
    client.close()


if __name__ == "__main__":
    main()
