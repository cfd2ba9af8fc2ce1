"""Smoke test: SNS through boto3 against a running Stepstone: topics, a queue subscriber that
gets AWS's JSON envelope, an email subscriber confirmed through its SubscribeURL whose mail is
read back from /_stepstone/sns/deliveries, a push to a mobile endpoint read back the same way,
and typed errors.

Usage: python3 smoke_sns.py http://127.0.0.1:8083
Prints one line per check and a closing 'N passed, M failed' line; exits non-zero on failure.
"""

import json
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
sns = boto3.client("sns", **SETTINGS)
sqs = boto3.client("sqs", **SETTINGS)
results = []


def check(name, condition, detail=""):
    results.append(condition)
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"))


def get(url):
    with urllib.request.urlopen(url) as response:
        return response.status, response.read().decode()


def next_message(url):
    """The queue's next message: deliveries are asynchronous, so long-poll (the server's
    clock is scaled, so each poll is short) until one comes."""
    for _ in range(200):
        messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20).get("Messages", [])
        if messages:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=messages[0]["ReceiptHandle"])
            return messages[0]
    return None


def kept(protocol):
    query = urllib.parse.urlencode({"topic": topic, "protocol": protocol})
    return json.loads(get(f"{ENDPOINT}/_stepstone/sns/deliveries?{query}")[1])["deliveries"]


topic = sns.create_topic(Name="smoke-alerts")["TopicArn"]
check("sns: topics are named in the configured account", topic == "arn:aws:sns:us-east-1:123456789012:smoke-alerts", topic)
check("sns: CreateTopic is idempotent", sns.create_topic(Name="smoke-alerts")["TopicArn"] == topic)

url = sqs.create_queue(QueueName="smoke-alerts")["QueueUrl"]
queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
pending = sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="ops@example.com")
check("sns: email subscriptions wait for confirmation", pending["SubscriptionArn"] == "pending confirmation", pending)

published = sns.publish(TopicArn=topic, Subject="smoke", Message="first")
message = next_message(url)
envelope = json.loads(message["Body"]) if message else {}
check("sns: the queue gets the JSON envelope", envelope.get("Type") == "Notification" and envelope.get("Message") == "first", message)
check("sns: the envelope names the message", envelope.get("MessageId") == published["MessageId"], envelope)

# Deliveries run in publishing order: the confirmation was kept before the queue's message.
confirmations = kept("email")
subscribe_url = json.loads(confirmations[0]["Message"])["SubscribeURL"] if confirmations else ""
check("sns: the email confirmation is kept", subscribe_url.startswith(ENDPOINT), confirmations)
status, body = get(subscribe_url)
check("sns: visiting the SubscribeURL confirms", status == 200 and "<SubscriptionArn>" in body, body)

sns.publish(TopicArn=topic, Subject="smoke", Message="second")
next_message(url)
mail = [d for d in kept("email") if d["Type"] == "Notification"]
check("sns: the confirmed address gets the mail", [d["Message"] for d in mail] == ["second"], mail)

try:
    sns.publish(TopicArn="arn:aws:sns:us-east-1:123456789012:missing", Message="m")
    check("sns: a missing topic is an error", False, "no error")
except sns.exceptions.NotFoundException as error:
    check("sns: a missing topic raises NotFoundException", error.response["Error"]["Message"] == "Topic does not exist", error)

app = sns.create_platform_application(
    Name="smoke-app", Platform="GCM", Attributes={"PlatformCredential": "server-key"}
)["PlatformApplicationArn"]
device = sns.create_platform_endpoint(PlatformApplicationArn=app, Token="smoke-token")["EndpointArn"]
check("sns: a platform endpoint is named after its application", device.startswith(app.replace(":app/", ":endpoint/") + "/"), device)
payload = json.dumps({"default": "plain", "GCM": '{"fcmV1Message":{}}'})
sns.publish(TargetArn=device, MessageStructure="json", Message=payload)
for _ in range(200):  # the push is kept by SNS's delivery worker, right after Publish answers
    pushes = json.loads(get(f"{ENDPOINT}/_stepstone/sns/deliveries?protocol=application")[1])["deliveries"]
    if pushes:
        break
check("sns: a push to an endpoint is kept with its platform's message", [(d["Endpoint"], d["Message"]) for d in pushes] == [(device, '{"fcmV1Message":{}}')], pushes)
sns.set_endpoint_attributes(EndpointArn=device, Attributes={"Enabled": "false"})
try:
    sns.publish(TargetArn=device, Message="m")
    check("sns: a disabled endpoint is an error", False, "no error")
except sns.exceptions.EndpointDisabledException as error:
    check("sns: a disabled endpoint raises EndpointDisabledException", error.response["Error"]["Message"] == "Endpoint is disabled", error)
sns.delete_platform_application(PlatformApplicationArn=app)

sns.delete_topic(TopicArn=topic)
sqs.delete_queue(QueueUrl=url)
passed, failed = results.count(True), results.count(False)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
