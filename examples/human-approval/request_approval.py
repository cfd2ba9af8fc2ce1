"""Sends an approval request: the order and the task token the approver answers with.

A real deployment would e-mail a link or post to a chat; locally the request is a JSON file in
the OUTBOX directory, one per order, which an approver (a person, a script or a test) reads.
"""
import json
import os
import tempfile


def handler(event, context):
    outbox = os.environ.get("OUTBOX", os.path.join(tempfile.gettempdir(), "approvals"))
    os.makedirs(outbox, exist_ok=True)
    order = event["order"]
    request = {
        "order": order,
        "execution": event["execution"],
        "token": event["token"],
    }
    path = os.path.join(outbox, f"{order['id']}.json")
    with open(path, "w") as f:
        json.dump(request, f)
    print(f"approval requested for order {order['id']}: {path}")
    return {"requested": path}
