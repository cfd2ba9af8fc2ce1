"""Hostile expressions against a live server: does it stay responsive and bounded?

    python3 benches/load/hostile.py [--bin target/release/stepstone] [--executions 8]

Starts the server on a free 127.0.0.1 port (stopped on exit, and by a watchdog), then:

* baseline: the latency of ListStateMachines on one keep-alive connection, 500 calls;
* busy:     the same while EXECUTIONS standard executions each evaluate a JSONata expression
            that takes its whole one-second budget (they must fail with
            States.QueryEvaluationError);
* memory:   the server's peak RSS while executions evaluate a string that doubles (stopped by
            the memory watchdog), and each such execution's error.

Every response is checked; any unexpected one exits non-zero. Standard library only.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from common import free_port, proc_status

HEAVY = "{% $sum([1..1000000].($sum([1..1000000]))) %}"
DOUBLING = "{% $length($reduce([1..40], function($a, $b) { $a & $a & $a & $a }, 'x')) %}"


class Client:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(self, operation, body):
        headers = {
            "X-Amz-Target": f"AWSStepFunctions.{operation}",
            "Content-Type": "application/x-amz-json-1.0",
        }
        self.conn.request("POST", "/", json.dumps(body), headers)
        response = self.conn.getresponse()
        data = json.loads(response.read() or b"{}")
        if response.status != 200:
            sys.exit(f"{operation} answered {response.status}: {data}")
        return data


def machine(client, name, output):
    definition = {
        "QueryLanguage": "JSONata",
        "StartAt": "P",
        "States": {"P": {"Type": "Pass", "Output": output, "End": True}},
    }
    return client.call("CreateStateMachine", {
        "name": name, "definition": json.dumps(definition),
        "roleArn": "arn:aws:iam::123456789012:role/r",
    })["stateMachineArn"]


def latencies(client, calls):
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        client.call("ListStateMachines", {})
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times


def summary(times):
    p = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    return f"p50 {p(0.5):.3f} ms, p99 {p(0.99):.3f} ms, max {times[-1]:.3f} ms"


def start_all(client, arn, count):
    return [client.call("StartExecution", {"stateMachineArn": arn})["executionArn"]
            for _ in range(count)]


def wait_failed(client, arns, error):
    for arn in arns:
        while True:
            described = client.call("DescribeExecution", {"executionArn": arn})
            if described["status"] != "RUNNING":
                break
            time.sleep(0.05)
        if described.get("error") != error:
            sys.exit(f"{arn} ended {described['status']} with {described.get('error')}")


def peak_rss(pid, stop, peak):
    while not stop.is_set():
        peak[0] = max(peak[0], proc_status(pid, ("VmRSS",))["VmRSS"] * 1024)
        time.sleep(0.01)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.environ.get("STEPSTONE_BIN", "target/release/stepstone"))
    parser.add_argument("--executions", type=int, default=8)
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen([args.bin, "--port", str(port)], stderr=subprocess.DEVNULL,
                              env={**os.environ, "STEPSTONE_LOG": "warn"})
    threading.Timer(300, server.kill).start()
    try:
        time.sleep(0.5)
        client, starter = Client(port), Client(port)
        print(f"baseline: {summary(latencies(client, 500))}")
        heavy = machine(client, "heavy", HEAVY)
        arns = start_all(starter, heavy, args.executions)
        print(f"busy ({args.executions} one-second evaluations): {summary(latencies(client, 500))}")
        wait_failed(client, arns, "States.QueryEvaluationError")
        stop, peak = threading.Event(), [0]
        watcher = threading.Thread(target=peak_rss, args=(server.pid, stop, peak))
        watcher.start()
        doubling = machine(client, "doubling", DOUBLING)
        wait_failed(client, start_all(starter, doubling, 2), "States.QueryEvaluationError")
        stop.set()
        watcher.join()
        print(f"doubling strings: both stopped, peak RSS {peak[0] / 2**20:.0f} MiB")
    finally:
        server.kill()
        os._exit(0)


if __name__ == "__main__":
    main()
