"""Smoke test: Lambda functions through boto3 against a running Stepstone, and workflows that
call them. The server must find a python3 with boto3 on its PATH (the CI venv), since one
handler uses boto3 to call back into Stepstone.

Usage: python3 smoke_lambda.py http://127.0.0.1:8083
Prints one line per check and a closing 'N passed, M failed' line; exits non-zero on failure.
"""

import io
import json
import shutil
import sys
import time
import zipfile

import boto3
from botocore.config import Config

ENDPOINT = sys.argv[1]
ROLE = "arn:aws:iam::123456789012:role/smoke"
SETTINGS = dict(
    endpoint_url=ENDPOINT,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
    config=Config(inject_host_prefix=False, retries={"max_attempts": 1}),
)
lam = boto3.client("lambda", **SETTINGS)
sfn = boto3.client("stepfunctions", **SETTINGS)
results = []

FLAKY = """calls = 0


class Flaky(Exception):
    pass


class Fatal(Exception):
    pass


def handler(event, context):
    global calls
    calls += 1
    if event.get("fatal"):
        raise Fatal("cannot go on")
    if calls == 1:
        raise Flaky("try again")
    return {"echo": event, "calls": calls}
"""

# boto3 finds Stepstone through AWS_ENDPOINT_URL, which Stepstone sets for its functions.
CALLBACK = """import boto3


def handler(event, context):
    sfn = boto3.client("stepfunctions")
    return sorted(m["name"] for m in sfn.list_state_machines()["stateMachines"])
"""


# Forwards the body of every record it gets to the queue `smoke-filtered-out`.
FORWARD = """import boto3


def handler(event, context):
    sqs = boto3.client("sqs")
    url = sqs.get_queue_url(QueueName="smoke-filtered-out")["QueueUrl"]
    for record in event["Records"]:
        sqs.send_message(QueueUrl=url, MessageBody=record["body"])
"""


def check(name):
    def wrap(fn):
        try:
            fn()
            results.append(True)
            print(f"ok   {name}")
        except Exception as e:  # noqa: BLE001 - every failure is reported, not raised
            results.append(False)
            print(f"FAIL {name}: {type(e).__name__}: {e}")
        return fn

    return wrap


def package(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def create(name, runtime, handler, files, **extra):
    return lam.create_function(
        FunctionName=name, Runtime=runtime, Role=ROLE, Handler=handler,
        Code={"ZipFile": package(files)}, **extra,
    )["FunctionArn"]


def invoke(name, event=None):
    out = lam.invoke(FunctionName=name, Payload=json.dumps(event or {}).encode())
    return out, json.loads(out["Payload"].read())


def run(definition, event):
    """Runs `definition` as an express workflow, synchronously: no polling for its end."""
    arn = sfn.create_state_machine(
        name=f"smoke-lambda-{len(results)}",
        definition=json.dumps(definition),
        roleArn=ROLE,
        type="EXPRESS",
    )["stateMachineArn"]
    return sfn.start_sync_execution(stateMachineArn=arn, input=json.dumps(event))


@check("a Python function runs and returns its result")
def python_function():
    create("py-echo", "python3.12", "handler.handler",
           {"handler.py": "def handler(event, context):\n    return {'got': event}\n"})
    out, payload = invoke("py-echo", {"a": 1})
    assert out["StatusCode"] == 200 and "FunctionError" not in out, out
    assert payload == {"got": {"a": 1}}, payload


@check("a Node function runs and returns its result")
def node_function():
    if not shutil.which("node"):
        print("     (node is not installed: skipped)")
        return
    create("node-add", "nodejs20.x", "index.handler",
           {"index.js": "exports.handler = async (e) => ({ sum: e.a + e.b });\n"})
    _, payload = invoke("node-add", {"a": 2, "b": 3})
    assert payload == {"sum": 5}, payload


@check("a handler uses boto3 to call back into Stepstone")
def callback():
    sfn.create_state_machine(
        name="seen-by-lambda",
        definition=json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}),
        roleArn=ROLE,
    )
    create("py-callback", "python3.12", "handler.handler", {"handler.py": CALLBACK})
    out, payload = invoke("py-callback")
    assert "FunctionError" not in out, payload
    assert "seen-by-lambda" in payload, payload


@check("an unknown function is a typed ResourceNotFoundException")
def unknown():
    try:
        lam.invoke(FunctionName="ghost")
    except lam.exceptions.ResourceNotFoundException:
        return
    raise AssertionError("no error")


@check("a workflow retries one handler exception and catches another")
def workflow():
    create("py-flaky", "python3.12", "handler.handler", {"handler.py": FLAKY})
    definition = {
        "StartAt": "Work",
        "States": {
            "Work": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "py-flaky", "Payload.$": "$"},
                "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 2}],
                "ResultSelector": {"result.$": "$.Payload"},
                "ResultPath": "$.work",
                "Next": "Finish",
            },
            "Finish": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "py-flaky", "Payload": {"fatal": True}},
                "Catch": [{"ErrorEquals": ["Fatal"], "ResultPath": "$.caught", "Next": "Handled"}],
                "End": True,
            },
            "Handled": {"Type": "Pass", "End": True},
        },
    }
    described = run(definition, {"job": 7})
    assert described["status"] == "SUCCEEDED", described
    output = json.loads(described["output"])
    assert output["work"]["result"] == {"echo": {"job": 7}, "calls": 2}, output
    assert output["caught"]["Error"] == "Fatal", output


def arrived(sqs, url, seconds=60):
    """The first messages a queue receives: the function writes them after a cold start, and
    the server's clock may be scaled (CI's is), which shortens each long poll; so poll until
    some arrive or `seconds` of real time pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20).get("Messages")
        if messages:
            return messages
    raise AssertionError(f"nothing reached {url} in {seconds} s")


@check("a filtered event source mapping passes matching messages and deletes the rest")
def filtered_mapping():
    sqs = boto3.client("sqs", **SETTINGS)
    # The longest visibility timeout: CI scales the clock by a thousandth, and the default
    # 30 s would let the forwarded message reappear while the function still runs.
    source = sqs.create_queue(
        QueueName="smoke-filtered-in", Attributes={"VisibilityTimeout": "43200"}
    )["QueueUrl"]
    out = sqs.create_queue(QueueName="smoke-filtered-out")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=source, AttributeNames=["QueueArn"])
    arn = arn["Attributes"]["QueueArn"]
    for body in ['{"kind":"refund"}', '{"kind":"order"}', "plain text"]:
        sqs.send_message(QueueUrl=source, MessageBody=body)
    create("py-forward", "python3.12", "handler.handler", {"handler.py": FORWARD})
    try:
        lam.create_event_source_mapping(
            EventSourceArn=arn, FunctionName="py-forward",
            FilterCriteria={"Filters": [{"Pattern": '{"body": "order"}'}]},
        )
        raise AssertionError("a bad pattern was taken")
    except lam.exceptions.InvalidParameterValueException as e:
        assert "Invalid filter pattern definition." in str(e), e
    criteria = {"Filters": [{"Pattern": json.dumps({"body": {"kind": ["order"]}})}]}
    mapping = lam.create_event_source_mapping(
        EventSourceArn=arn, FunctionName="py-forward", FilterCriteria=criteria,
    )
    assert mapping["FilterCriteria"] == criteria, mapping
    got = arrived(sqs, out)
    assert [m["Body"] for m in got] == ['{"kind":"order"}'], got
    # The other two were deleted before the function was invoked: none is visible, and at
    # most the forwarded one is still in flight.
    counts = sqs.get_queue_attributes(QueueUrl=source, AttributeNames=["All"])["Attributes"]
    assert counts["ApproximateNumberOfMessages"] == "0", counts
    assert int(counts["ApproximateNumberOfMessagesNotVisible"]) <= 1, counts
    lam.delete_event_source_mapping(UUID=mapping["UUID"])


failed = results.count(False)
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
