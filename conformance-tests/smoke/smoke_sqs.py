"""Smoke test: SQS and STS through boto3 against a running Stepstone. boto3 speaks SQS's JSON
protocol; a hand-signed form post speaks the query protocol older SDKs use, to the same queue.

Usage: python3 smoke_sqs.py http://127.0.0.1:8083
Prints one line per check and a closing 'N passed, M failed' line; exits non-zero on failure.
"""

import hashlib
import sys
import urllib.parse
import urllib.request

import boto3
from botocore.config import Config

ENDPOINT = sys.argv[1]
SETTINGS = dict(
    endpoint_url=ENDPOINT,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
    config=Config(retries={"max_attempts": 1}),
)
sqs = boto3.client("sqs", **SETTINGS)
sts = boto3.client("sts", **SETTINGS)
results = []


def check(name, condition, detail=""):
    results.append(condition)
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))


def query_post(path, form):
    """A form post signed (in scope only: Stepstone does not check signatures) for sqs."""
    request = urllib.request.Request(
        ENDPOINT + path,
        data=urllib.parse.urlencode(form).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0",
        },
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


identity = sts.get_caller_identity()
check("sts: the caller is the configured account", identity["Account"] == "123456789012", identity)

url = sqs.create_queue(QueueName="smoke", Attributes={"VisibilityTimeout": "60"})["QueueUrl"]
check("sqs: queue URLs point at this server", url == f"{ENDPOINT}/123456789012/smoke", url)
sent = sqs.send_message(
    QueueUrl=url,
    MessageBody="hello",
    MessageAttributes={"kind": {"DataType": "String", "StringValue": "greeting"}},
)
check(
    "sqs: the body's digest is its MD5",
    sent["MD5OfMessageBody"] == hashlib.md5(b"hello").hexdigest(),
    sent,
)
received = sqs.receive_message(
    QueueUrl=url, MessageAttributeNames=["All"], MessageSystemAttributeNames=["All"], WaitTimeSeconds=1
)
message = received["Messages"][0]
check("sqs: the message comes back with its attributes", message["MessageAttributes"]["kind"]["StringValue"] == "greeting", message)
check("sqs: digests agree", message["MD5OfMessageAttributes"] == sent["MD5OfMessageAttributes"], message)
sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])

try:
    sqs.get_queue_url(QueueName="missing")
    check("sqs: a missing queue is an error", False, "no error")
except sqs.exceptions.QueueDoesNotExist as error:
    code = error.response["Error"]["Code"]
    check("sqs: a missing queue raises QueueDoesNotExist", code == "AWS.SimpleQueueService.NonExistentQueue", code)

status, body = query_post("/123456789012/smoke", {"Action": "SendMessage", "Version": "2012-11-05", "MessageBody": "legacy"})
check("sqs query: a form post to the queue URL sends", status == 200 and "<MessageId>" in body, body)
legacy = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1).get("Messages", [])
check("sqs query: JSON clients receive it", [m["Body"] for m in legacy] == ["legacy"], legacy)
status, body = query_post("/", {"Action": "GetQueueUrl", "Version": "2012-11-05", "QueueName": "missing"})
check("sqs query: errors carry legacy codes", status == 400 and "AWS.SimpleQueueService.NonExistentQueue" in body, body)

sqs.delete_queue(QueueUrl=url)
passed, failed = results.count(True), results.count(False)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
