#!/usr/bin/env python3
"""SNS under load, through the query protocol on loopback (form posts in, XML out), as the
SDKs speak it.

    cargo build --release
    python3 benches/load/sns.py [--bin target/release/stepstone] [--seconds 10]
        [--threads 8] [--fan-out 20000]

1. Publish round trips: --threads clients, each on one keep-alive connection, publish to a
   topic without subscribers for --seconds; every answer must carry a MessageId. Reports
   publishes per second and Publish's p50/p99.
2. Fan-out: a topic with two SQS subscriptions (one raw, one in the JSON envelope); the
   clients publish --fan-out messages while two readers drain the queues through SQS's JSON
   protocol. Reports publishes per second, and deliveries per second from the first publish
   until both queues have received every message (each body is checked).

Standard library only; Linux. Exits non-zero if any call fails or a delivery is missing.
"""
import argparse
import http.client
import json
import re
import sys
import threading
import time
import urllib.parse
from common import percentile, run_threads, serve

SNS_HEADERS = {
    "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    # Routed by the SigV4 scope; Stepstone does not check signatures.
    "authorization": "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/sns/aws4_request, "
    "SignedHeaders=host, Signature=0",
}
SQS_HEADERS = {"content-type": "application/x-amz-json-1.0"}


class Client:
    """One keep-alive connection speaking SNS's query protocol and SQS's JSON protocol."""

    def __init__(self, port, timeout=30):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def sns(self, action, params):
        form = urllib.parse.urlencode({"Action": action, "Version": "2010-03-31", **params})
        self.conn.request("POST", "/", form, SNS_HEADERS)
        response = self.conn.getresponse()
        data = response.read().decode()
        if response.status != 200:
            raise RuntimeError(f"{action}: {response.status} {data[:300]!r}")
        return data

    def sqs(self, operation, body):
        headers = dict(SQS_HEADERS, **{"x-amz-target": "AmazonSQS." + operation})
        self.conn.request("POST", "/", json.dumps(body), headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{operation}: {response.status} {data[:300]!r}")
        return json.loads(data)


def tag(xml, name):
    found = re.search(f"<{name}>([^<]*)</{name}>", xml)
    if not found:
        raise RuntimeError(f"no <{name}> in {xml[:300]!r}")
    return found.group(1)


def publishers(port, topic, threads, seconds=None, count=None):
    """Publishes from `threads` connections for `seconds`, or `count` messages in all; answers
    the rate, the latencies and the errors."""
    timings, errors, lock = [], [], threading.Lock()
    per_thread = (count or 0) // threads

    def worker(n):
        client, mine = Client(port), []
        deadline = time.monotonic() + (seconds or 1e9)
        try:
            i = 0
            while time.monotonic() < deadline and (count is None or i < per_thread):
                started = time.perf_counter()
                answer = client.sns("Publish", {"TopicArn": topic, "Message": f"m-{n}-{i}"})
                mine.append(time.perf_counter() - started)
                tag(answer, "MessageId")
                i += 1
        except Exception as error:  # reported, and the run fails
            errors.append(str(error))
        with lock:
            timings.extend(mine)

    elapsed = run_threads(worker, threads)
    return len(timings) / elapsed, timings, errors


def drain(port, url, expected, raw, seen, errors):
    """Receives and deletes until `expected` distinct messages came; records them in `seen`."""
    client, bodies = Client(port), set()
    deadline = time.monotonic() + 300
    try:
        while len(bodies) < expected and time.monotonic() < deadline:
            answer = client.sqs(
                "ReceiveMessage",
                {"QueueUrl": url, "MaxNumberOfMessages": 10, "WaitTimeSeconds": 2},
            )
            messages = answer.get("Messages") or []
            for m in messages:
                body = m["Body"] if raw else json.loads(m["Body"])["Message"]
                bodies.add(body)
            if messages:
                entries = [
                    {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                    for i, m in enumerate(messages)
                ]
                client.sqs("DeleteMessageBatch", {"QueueUrl": url, "Entries": entries})
    except Exception as error:
        errors.append(str(error))
    seen[url] = (bodies, time.monotonic())


def fan_out(port, threads, count):
    client = Client(port)
    topic = tag(client.sns("CreateTopic", {"Name": "fan-out"}), "TopicArn")
    queues = []
    for name, raw in (("raw", True), ("enveloped", False)):
        url = client.sqs("CreateQueue", {"QueueName": name})["QueueUrl"]
        arn = f"arn:aws:sqs:us-east-1:123456789012:{name}"
        params = {"TopicArn": topic, "Protocol": "sqs", "Endpoint": arn}
        if raw:
            params.update({"Attributes.entry.1.key": "RawMessageDelivery",
                           "Attributes.entry.1.value": "true"})
        client.sns("Subscribe", params)
        queues.append((url, raw))
    total = count // threads * threads
    seen, errors = {}, []
    readers = [
        threading.Thread(target=drain, args=(port, url, total, raw, seen, errors))
        for url, raw in queues
    ]
    started = time.monotonic()
    for r in readers:
        r.start()
    rate, _, publish_errors = publishers(port, topic, threads, count=total)
    for r in readers:
        r.join()
    errors.extend(publish_errors)
    for url, _ in queues:
        if len(seen[url][0]) != total:
            errors.append(f"{url} received {len(seen[url][0])} of {total} messages")
    finished = max(at for _, at in seen.values())
    return total, rate, 2 * total / (finished - started), errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default="target/release/stepstone")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--fan-out", type=int, default=20_000)
    args = parser.parse_args()
    with serve(args.bin) as (port, _):
        run(args, port)


def run(args, port):
    topic = tag(Client(port).sns("CreateTopic", {"Name": "load"}), "TopicArn")
    rate, timings, errors = publishers(port, topic, args.threads, seconds=args.seconds)
    p50, p99 = percentile(timings, 0.5) * 1e6, percentile(timings, 0.99) * 1e6
    print(f"Publish (no subscribers): {rate:,.0f}/s over {args.threads} connections")
    print(f"  p50 {p50:.0f} µs  p99 {p99:.0f} µs  ({len(timings):,} calls)")
    if errors:
        sys.exit(f"{len(errors)} publishers failed, first: {errors[0]}")
    total, rate, delivered, errors = fan_out(port, args.threads, args.fan_out)
    print(f"fan-out to two queues: {total:,} messages published at {rate:,.0f}/s")
    print(f"  {2 * total:,} deliveries received at {delivered:,.0f}/s end to end")
    if errors:
        sys.exit(f"fan-out failed: {errors[0]}")


if __name__ == "__main__":
    main()
