"""Lambda invocation latency over loopback: cold starts, warm invokes, and what a warm
invocation adds to an express workflow.

    python3 benches/load/lambda_latency.py [--bin target/release/stepstone] [--warm 2000]

Starts the server on a free 127.0.0.1 port (stopped on exit, and by a watchdog), creates Python
functions through the Lambda API, and measures with one keep-alive connection (standard library
only, so client overhead stays small and constant):

* cold:     the first Invoke of each of COLD new functions (process start + handler import);
* warm:     WARM sequential Invokes of one function;
* workflow: WARM StartSyncExecution calls of an EXPRESS machine whose one Task invokes the
            function, against the same machine with a Pass state instead; the difference of the
            medians is what a warm invocation adds to a workflow.

Every response is checked; any failure exits non-zero. Needs python3 on the server's PATH.
"""

import argparse
import base64
import http.client
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import zipfile
from common import free_port

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROLE = "arn:aws:iam::123456789012:role/bench"
HANDLER = "def handler(event, context):\n    return {'echo': event}\n"


class Client:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port)

    def request(self, method, path, body=b"", headers=None):
        self.conn.request(method, path, body=body, headers=headers or {})
        response = self.conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()

    def sfn(self, operation, payload):
        status, _, body = self.request(
            "POST", "/", json.dumps(payload).encode(),
            {"X-Amz-Target": f"AWSStepFunctions.{operation}",
             "Content-Type": "application/x-amz-json-1.0"},
        )
        if status != 200:
            sys.exit(f"{operation} failed: {status} {body[:300]!r}")
        return json.loads(body)

    def create_function(self, name):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("handler.py", HANDLER)
        request = {
            "FunctionName": name, "Runtime": "python3.12", "Role": ROLE,
            "Handler": "handler.handler",
            "Code": {"ZipFile": base64.b64encode(buffer.getvalue()).decode()},
        }
        status, _, body = self.request("POST", "/2015-03-31/functions",
                                       json.dumps(request).encode())
        if status != 201:
            sys.exit(f"CreateFunction failed: {status} {body[:300]!r}")

    def invoke(self, name, event):
        status, headers, body = self.request(
            "POST", f"/2015-03-31/functions/{name}/invocations", json.dumps(event).encode())
        if status != 200 or "X-Amz-Function-Error" in headers or "x-amz-function-error" in headers:
            sys.exit(f"Invoke failed: {status} {body[:300]!r}")
        if json.loads(body) != {"echo": event}:
            sys.exit(f"unexpected result {body[:300]!r}")


def timed(fn, n):
    samples = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(samples):
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    return (f"p50 {statistics.median(ordered):.3f} ms  p90 {pick(0.9):.3f} ms  "
            f"p99 {pick(0.99):.3f} ms  (n={len(ordered)})")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.environ.get(
        "STEPSTONE_BIN", os.path.join(ROOT, "target", "release", "stepstone")))
    parser.add_argument("--warm", type=int, default=2000)
    parser.add_argument("--cold", type=int, default=10)
    parser.add_argument("--max-seconds", type=int, default=300)
    args = parser.parse_args()

    port = free_port()
    server = subprocess.Popen([args.bin, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    watchdog = threading.Timer(args.max_seconds, server.kill)
    watchdog.daemon = True
    watchdog.start()
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        client = Client(port)

        for i in range(args.cold):
            client.create_function(f"cold{i}")
        cold = timed(lambda i: client.invoke(f"cold{i}", {"n": i}), args.cold)

        client.create_function("warm")
        client.invoke("warm", {"n": -1})
        warm = timed(lambda i: client.invoke("warm", {"n": i}), args.warm)

        task = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "warm", "Payload.$": "$"},
                "OutputPath": "$.Payload", "End": True}
        pass_state = {"Type": "Pass", "Result": {"echo": {"n": 0}}, "End": True}
        machines = {}
        for label, state in (("lambda", task), ("pass", pass_state)):
            machines[label] = client.sfn("CreateStateMachine", {
                "name": f"bench-{label}", "type": "EXPRESS", "roleArn": ROLE,
                "definition": json.dumps({"StartAt": "S", "States": {"S": state}}),
            })["stateMachineArn"]

        def run(label):
            def once(i):
                out = client.sfn("StartSyncExecution", {
                    "stateMachineArn": machines[label], "input": json.dumps({"n": 0})})
                if out.get("status") != "SUCCEEDED" or json.loads(out["output"]) != {"echo": {"n": 0}}:
                    sys.exit(f"{label} workflow: {out}")
            once(0)
            return timed(once, args.warm)

        with_lambda = run("lambda")
        without = run("pass")

        print(f"cold Invoke (new process):        {summary(cold)}")
        print(f"warm Invoke:                      {summary(warm)}")
        print(f"StartSyncExecution, Task->Lambda: {summary(with_lambda)}")
        print(f"StartSyncExecution, Pass only:    {summary(without)}")
        added = statistics.median(with_lambda) - statistics.median(without)
        print(f"a warm invocation adds {added:.3f} ms (median) to a workflow")
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
