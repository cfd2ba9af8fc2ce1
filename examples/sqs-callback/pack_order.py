"""Packs the orders a queue delivers and answers each one's task token.

The event source mapping invokes this function with a batch of SQS records; each body holds an
order and the task token of the execution waiting for it. The answer goes to Step Functions'
SendTaskSuccess, at the endpoint the runtime names in AWS_ENDPOINT_URL (Stepstone sets it to
itself). On AWS you would use boto3's `stepfunctions` client instead; this plain POST needs no
packages, so it runs in any local Python.
"""
import json
import os
import urllib.request


def send_task_success(token, output):
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    request = urllib.request.Request(
        endpoint,
        data=json.dumps({"taskToken": token, "output": json.dumps(output)}).encode(),
        headers={
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": "AWSStepFunctions.SendTaskSuccess",
        },
    )
    with urllib.request.urlopen(request) as answer:
        answer.read()


def handler(event, context):
    for record in event["Records"]:
        message = json.loads(record["body"])
        order = message["order"]
        print(f"packing order {order['id']} (message {record['messageId']})")
        send_task_success(message["taskToken"], {"packedBy": "packer-1", "items": order["items"]})
    # Returning normally lets Lambda delete the whole batch from the queue.
    return {"packed": len(event["Records"])}
