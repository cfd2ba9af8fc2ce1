#!/usr/bin/env python3
"""SQS under load, through the JSON protocol on loopback, as current SDKs speak it.

    cargo build --release
    python3 benches/load/sqs.py [--bin target/release/stepstone] [--seconds 10]
        [--threads 8] [--fill 1000000] [--idle-polls 100]

1. Round trips: --threads clients, each on one keep-alive connection, repeat SendMessage,
   ReceiveMessage and DeleteMessage for --seconds; every answer is checked. Reports round trips
   per second and each call's p50/p99.
2. Memory: --fill small messages (SendMessageBatch of 10) into one queue; reports the
   server's RSS before and after, and checks ApproximateNumberOfMessages.
3. Idle long polls: --idle-polls clients wait in ReceiveMessage (WaitTimeSeconds 20) on an
   empty queue; reports the server's CPU time over 5 s while they wait.

Standard library only; Linux (reads /proc). Exits non-zero if any call fails.
"""
import argparse
import http.client
import json
import sys
import threading
import time
from common import cpu_seconds, percentile, proc_status, run_threads, serve

TARGET = "AmazonSQS."
HEADERS = {"content-type": "application/x-amz-json-1.0"}


class Sqs:
    """One keep-alive connection speaking SQS's JSON protocol."""

    def __init__(self, port, timeout=30):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def call(self, operation, body):
        headers = dict(HEADERS, **{"x-amz-target": TARGET + operation})
        self.conn.request("POST", "/", json.dumps(body), headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{operation}: {response.status} {data[:300]!r}")
        return json.loads(data)


def round_trips(port, url, seconds, threads):
    timings = {"SendMessage": [], "ReceiveMessage": [], "DeleteMessage": []}
    lock, errors, done = threading.Lock(), [], []

    def worker(n):
        client, mine = Sqs(port), {k: [] for k in timings}
        body, count = f"worker {n}", 0
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                for operation, request in steps(url, body):
                    started = time.perf_counter()
                    answer = client.call(operation, request(mine))
                    mine[operation].append(time.perf_counter() - started)
                    mine["last"] = answer
                count += 1
        except Exception as error:  # reported, and the run fails
            errors.append(str(error))
        with lock:
            for key in timings:
                timings[key].extend(mine[key])
            done.append(count)

    elapsed = run_threads(worker, threads)
    return sum(done) / elapsed, timings, errors


def steps(url, body):
    """Send, receive (the worker's own message may interleave with others': any will do) and
    delete what was received."""

    def receive(_):
        return {"QueueUrl": url, "MaxNumberOfMessages": 1, "WaitTimeSeconds": 1}

    def delete(mine):
        messages = mine["last"].get("Messages") or []
        if not messages:
            raise RuntimeError("ReceiveMessage answered no message")
        return {"QueueUrl": url, "ReceiptHandle": messages[0]["ReceiptHandle"]}

    return [
        ("SendMessage", lambda _: {"QueueUrl": url, "MessageBody": body}),
        ("ReceiveMessage", receive),
        ("DeleteMessage", delete),
    ]


def fill(port, url, count, threads):
    per_thread = count // threads // 10

    def worker(n):
        client = Sqs(port)
        for batch in range(per_thread):
            entries = [
                {"Id": str(i), "MessageBody": f"m{n}-{batch}-{i}"} for i in range(10)
            ]
            answer = client.call("SendMessageBatch", {"QueueUrl": url, "Entries": entries})
            if answer.get("Failed"):
                raise RuntimeError(f"batch failed: {answer['Failed'][:1]}")

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return per_thread * threads * 10


def idle_cpu(port, url, server, polls):
    waiting = []
    for _ in range(polls):
        client = Sqs(port)
        body = json.dumps({"QueueUrl": url, "WaitTimeSeconds": 20})
        headers = dict(HEADERS, **{"x-amz-target": TARGET + "ReceiveMessage"})
        client.conn.request("POST", "/", body, headers)
        waiting.append(client)
    time.sleep(1)
    before = cpu_seconds(server.pid)
    time.sleep(5)
    return cpu_seconds(server.pid) - before


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default="target/release/stepstone")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--fill", type=int, default=1_000_000)
    parser.add_argument("--idle-polls", type=int, default=100)
    args = parser.parse_args()
    with serve(args.bin) as (port, server):
        run(args, port, server)


def run(args, port, server):
    client = Sqs(port)
    url = client.call("CreateQueue", {"QueueName": "load"})["QueueUrl"]
    rate, timings, errors = round_trips(port, url, args.seconds, args.threads)
    print(f"round trips (send + receive + delete): {rate:,.0f}/s over {args.threads} connections")
    for operation, values in timings.items():
        p50, p99 = percentile(values, 0.5) * 1e6, percentile(values, 0.99) * 1e6
        print(f"  {operation:15} p50 {p50:7.0f} µs  p99 {p99:7.0f} µs  ({len(values):,} calls)")
    if errors:
        sys.exit(f"{len(errors)} workers failed, first: {errors[0]}")
    full = client.call("CreateQueue", {"QueueName": "full"})["QueueUrl"]
    rss_before = proc_status(server.pid)["VmRSS"]
    started = time.monotonic()
    sent = fill(port, full, args.fill, args.threads)
    took = time.monotonic() - started
    rss_after = proc_status(server.pid)["VmRSS"]
    attributes = client.call(
        "GetQueueAttributes",
        {"QueueUrl": full, "AttributeNames": ["ApproximateNumberOfMessages"]},
    )["Attributes"]
    held = int(attributes["ApproximateNumberOfMessages"])
    if held != sent:
        sys.exit(f"the queue holds {held} messages, {sent} were sent")
    print(f"{sent:,} messages sent in {took:.1f} s ({sent / took:,.0f}/s in batches of 10)")
    print(f"  server RSS {rss_before / 1024:.1f} MiB before, {rss_after / 1024:.1f} MiB holding them")
    empty = client.call("CreateQueue", {"QueueName": "empty"})["QueueUrl"]
    cpu = idle_cpu(port, empty, server, args.idle_polls)
    print(f"{args.idle_polls} idle long polls: server CPU {cpu:.2f} s over 5 s")


if __name__ == "__main__":
    main()
