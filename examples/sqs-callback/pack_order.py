"""Packs the orders a queue delivers and answers each one's task token.

The event source mapping invokes this function with a batch of SQS records; each body holds an
order and the task token of the execution waiting for it. The answer goes to Step Functions'
SendTaskSuccess. Under Stepstone, which sets AWS_ENDPOINT_URL to itself for the processes it
runs, that is a plain POST, so the function needs no packages in a local Python; on AWS, where
that variable is unset, it uses boto3, which the Lambda runtime provides.
"""
import json
import os
import urllib.error
import urllib.request

# What SendTaskSuccess answers for a token that was already answered (or has timed out): a
# queue delivers at least once, so a consumer meets these for redelivered messages and is done.
ANSWERED = ("TaskTimedOut", "TaskDoesNotExist", "InvalidToken")


def send_task_success(token, output):
    endpoint = os.environ.get("AWS_ENDPOINT_URL")
    if endpoint is None:
        import boto3
        from botocore.exceptions import ClientError

        try:
            boto3.client("stepfunctions").send_task_success(
                taskToken=token, output=json.dumps(output)
            )
        except ClientError as error:
            if error.response["Error"]["Code"] not in ANSWERED:
                raise
        return
    request = urllib.request.Request(
        endpoint,
        data=json.dumps({"taskToken": token, "output": json.dumps(output)}).encode(),
        headers={
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": "AWSStepFunctions.SendTaskSuccess",
        },
    )
    try:
        with urllib.request.urlopen(request) as answer:
            answer.read()
    except urllib.error.HTTPError as error:
        code = json.loads(error.read() or b"{}").get("__type", "").rsplit("#", 1)[-1]
        if code not in ANSWERED:
            raise


def handler(event, context):
    for record in event["Records"]:
        message = json.loads(record["body"])
        order = message["order"]
        print(f"packing order {order['id']} (message {record['messageId']})")
        send_task_success(message["taskToken"], {"packedBy": "packer-1", "items": order["items"]})
    # Returning normally lets Lambda delete the whole batch from the queue.
    return {"packed": len(event["Records"])}
