"""Throughput of every read-only control-plane call, each as a ratio to `GET /health`.

    cargo build --release
    python3 benches/load/read_calls.py [--bin target/release/stepstone] [--only Describe]
        [--rounds 3] [--duration 2] [--threads 2] [--connections 32] [--max-seconds 600]

Starts the server on a free 127.0.0.1 port (stopped on exit, and by a watchdog after
--max-seconds) and creates realistic resources through the public APIs: a JSONPath and a
JSONata state machine of 6-7 KB each with variables, a version, an alias, tags, activities,
ten finished standard executions (each Distributed Map ran three children), and Lambda
functions with a version, an alias, tags and reserved concurrency. Then it runs wrk
(`apt-get install wrk`) for --duration seconds on /health and on each read-only call of Step
Functions and Lambda in turn, --rounds times over. Before each run one response is checked (an
HTTP 200 holding an expected member); during it, any response that is not a 2xx, or any
socket error, fails the run (exit status 1).

It prints each call's best run (requests/s, p50, p99, the server's CPU time per request) and
its ratio to /health's best run, so a slow call stands out whatever the machine's speed, and
checks issue 19's targets: DescribeStateMachine at least 70 % of ListActivities', every call
at least 50 % of /health's (exit status 3 when one is missed). wrk and the server share the
machine's cores, and other work on it only slows runs down: hence the best of several rounds
(as many for /health as for each call), with the spread of each call's runs next to it.
Needs python3 (standard library only) and wrk; the default run takes about 3 minutes.
"""

import argparse
import base64
import http.client
import io
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import zipfile
from common import cpu_seconds, free_port, wait_listening

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ROLE = "arn:aws:iam::123456789012:role/bench"
LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function"
RETRY = [{"ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException"],
          "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2.0, "JitterStrategy": "FULL"}]
ORDER = {"order": {"id": "o-1", "prepaid": True, "total": 42,
                   "customer": {"id": "c-1", "name": "Ada", "email": "ada@example.com"},
                   "items": [{"sku": "A", "quantity": 1, "price": 10},
                             {"sku": "B", "quantity": 2, "price": 11},
                             {"sku": "C", "quantity": 1, "price": 10}]},
         "settleSeconds": 0}
EXECUTIONS = 10


def jsonpath_definition():
    """An order workflow in JSONPath: variables, intrinsics, Choice, Parallel, inline and
    Distributed Map, Tasks with Retry/Catch (not taken for a prepaid order), Wait."""
    return {
        "Comment": "Order fulfilment: validate, enrich, pick, ship, charge, notify (JSONPath)",
        "StartAt": "Initialise", "TimeoutSeconds": 3600,
        "States": {
            "Initialise": {
                "Type": "Pass", "ResultPath": "$.meta", "Next": "ValidateOrder",
                "Parameters": {"orderId.$": "$.order.id", "customerId.$": "$.order.customer.id",
                               "itemCount.$": "States.ArrayLength($.order.items)",
                               "trace.$": "States.UUID()", "requestedAt.$": "$$.Execution.StartTime"},
                "Assign": {"orderId.$": "$.orderId", "customerId.$": "$.customerId",
                           "itemCount.$": "$.itemCount", "attempts": 0}},
            "ValidateOrder": {
                "Type": "Choice", "Default": "RejectOrder",
                "Choices": [{"And": [{"Variable": "$.order.items[0]", "IsPresent": True},
                                     {"Variable": "$itemCount", "NumericGreaterThan": 0},
                                     {"Variable": "$.order.customer.email", "IsString": True}],
                             "Next": "EnrichOrder"}]},
            "RejectOrder": {"Type": "Fail", "Error": "OrderRejected",
                            "Cause": "The order has no items or no customer e-mail."},
            "EnrichOrder": {
                "Type": "Parallel", "ResultPath": "$.enriched", "Next": "PickItems",
                "Branches": [
                    {"StartAt": "PriceItems", "States": {"PriceItems": {
                        "Type": "Pass", "End": True,
                        "Parameters": {"currency": "EUR", "lines.$": "$.order.items[*].sku",
                                       "order.$": "$orderId"}}}},
                    {"StartAt": "LookupCustomer", "States": {"LookupCustomer": {
                        "Type": "Pass", "End": True,
                        "Parameters": {"customerId.$": "$customerId", "tier": "gold",
                                       "greeting.$": "States.Format('Dear {}', $.order.customer.name)"}}}}],
                "ResultSelector": {"pricing.$": "$[0]", "customer.$": "$[1]"},
                "Assign": {"tier.$": "$[1].tier"},
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2, "IntervalSeconds": 1}]},
            "PickItems": {
                "Type": "Map", "ItemsPath": "$.order.items", "MaxConcurrency": 4,
                "ResultPath": "$.picked", "Next": "ShipParcels",
                "ItemSelector": {"sku.$": "$$.Map.Item.Value.sku", "index.$": "$$.Map.Item.Index",
                                 "quantity.$": "$$.Map.Item.Value.quantity", "orderId.$": "$orderId"},
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "ReserveStock",
                    "States": {
                        "ReserveStock": {
                            "Type": "Pass", "Next": "CheckReservation",
                            "Parameters": {"sku.$": "$.sku", "reserved.$": "$.quantity",
                                           "warehouse": "DUB-1"}},
                        "CheckReservation": {
                            "Type": "Choice", "Default": "OutOfStock",
                            "Choices": [{"Variable": "$.reserved", "NumericGreaterThanEquals": 1,
                                         "Next": "Reserved"}]},
                        "OutOfStock": {"Type": "Fail", "Error": "OutOfStock",
                                       "Cause": "An item could not be reserved."},
                        "Reserved": {"Type": "Succeed"}}},
                "Catch": [{"ErrorEquals": ["OutOfStock"], "ResultPath": "$.error",
                           "Next": "RejectOrder"}]},
            "ShipParcels": {
                "Type": "Map", "Label": "ShipParcels", "ItemsPath": "$.order.items",
                "MaxConcurrency": 10, "ToleratedFailurePercentage": 5,
                "ResultPath": "$.shipping", "Next": "DecideCharge",
                "ItemSelector": {"sku.$": "$$.Map.Item.Value.sku", "orderId.$": "$.meta.orderId"},
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "LabelParcel",
                    "States": {
                        "LabelParcel": {
                            "Type": "Pass", "Next": "Dispatch",
                            "Parameters": {"label.$": "States.Format('{}-{}', $.orderId, $.sku)"}},
                        "Dispatch": {"Type": "Pass", "Result": {"carrier": "post"},
                                     "ResultPath": "$.dispatch", "End": True}}},
                "ResultSelector": {"parcels.$": "States.ArrayLength($)"}},
            "DecideCharge": {
                "Type": "Choice", "Default": "Charge",
                "Choices": [{"Variable": "$.order.prepaid", "BooleanEquals": True,
                             "Next": "Settle"}]},
            "Charge": {
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": f"{LAMBDA_ARN}:charge:$LATEST",
                               "Payload": {"orderId.$": "$orderId", "customerId.$": "$customerId",
                                           "tier.$": "$tier", "amount.$": "$.order.total"}},
                "ResultSelector": {"chargeId.$": "$.Payload.chargeId",
                                   "status.$": "$.Payload.status"},
                "ResultPath": "$.charge", "Assign": {"chargeId.$": "$.Payload.chargeId"},
                "TimeoutSeconds": 30, "Retry": RETRY, "Next": "Notify",
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.chargeError",
                           "Next": "ChargeFailed"}]},
            "ChargeFailed": {"Type": "Fail", "ErrorPath": "$.chargeError.Error",
                             "CausePath": "$.chargeError.Cause"},
            "Notify": {
                "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                "ResultPath": None, "Next": "Settle",
                "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:orders",
                               "Message.$": "States.Format('Order {} charged ({})', $orderId, $chargeId)"}},
            "Settle": {"Type": "Wait", "SecondsPath": "$.settleSeconds", "Next": "Done"},
            "Done": {"Type": "Succeed", "OutputPath": "$.meta"}}}


def jsonata_definition():
    """The same order workflow in JSONata."""
    merge = "{%% $merge([$states.input, {'%s': %s}]) %%}"
    return {
        "Comment": "Order fulfilment: validate, enrich, pick, charge, notify (JSONata)",
        "QueryLanguage": "JSONata", "StartAt": "Initialise", "TimeoutSeconds": 3600,
        "States": {
            "Initialise": {
                "Type": "Pass", "Next": "ValidateOrder",
                "Assign": {"orderId": "{% $states.input.order.id %}",
                           "customerId": "{% $states.input.order.customer.id %}",
                           "itemCount": "{% $count($states.input.order.items) %}",
                           "total": "{% $sum($states.input.order.items.(price * quantity)) %}"},
                "Output": merge % ("meta", "{'requestedAt': $states.context.Execution.StartTime, 'trace': $uuid()}")},
            "ValidateOrder": {
                "Type": "Choice", "Default": "RejectOrder",
                "Choices": [{"Condition": "{% $itemCount > 0 and $exists($states.input.order.customer.email) %}",
                             "Next": "EnrichOrder"}]},
            "RejectOrder": {"Type": "Fail", "Error": "OrderRejected",
                            "Cause": "{% 'Order ' & $orderId & ' has no items or no customer e-mail.' %}"},
            "EnrichOrder": {
                "Type": "Parallel", "Next": "PickItems",
                "Branches": [
                    {"StartAt": "PriceItems", "States": {"PriceItems": {
                        "Type": "Pass", "End": True,
                        "Output": {"currency": "EUR", "lines": "{% $states.input.order.items.sku %}",
                                   "order": "{% $orderId %}"}}}},
                    {"StartAt": "LookupCustomer", "States": {"LookupCustomer": {
                        "Type": "Pass", "End": True,
                        "Output": {"customerId": "{% $customerId %}", "tier": "gold",
                                   "greeting": "{% 'Dear ' & $states.input.order.customer.name %}"}}}}],
                "Assign": {"tier": "{% $states.result[1].tier %}"},
                "Output": merge % ("enriched", "{'pricing': $states.result[0], 'customer': $states.result[1]}"),
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2, "IntervalSeconds": 1}]},
            "PickItems": {
                "Type": "Map", "Items": "{% $states.input.order.items %}", "MaxConcurrency": 4,
                "Next": "DecideCharge",
                "ItemSelector": {"sku": "{% $states.context.Map.Item.Value.sku %}",
                                 "quantity": "{% $states.context.Map.Item.Value.quantity %}",
                                 "orderId": "{% $orderId %}"},
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "ReserveStock",
                    "States": {
                        "ReserveStock": {
                            "Type": "Pass", "Next": "CheckReservation",
                            "Output": {"sku": "{% $states.input.sku %}",
                                       "reserved": "{% $states.input.quantity %}",
                                       "warehouse": "DUB-1"}},
                        "CheckReservation": {
                            "Type": "Choice", "Default": "OutOfStock",
                            "Choices": [{"Condition": "{% $states.input.reserved >= 1 %}",
                                         "Next": "Reserved"}]},
                        "OutOfStock": {"Type": "Fail", "Error": "OutOfStock",
                                       "Cause": "An item could not be reserved."},
                        "Reserved": {"Type": "Succeed"}}},
                "Output": merge % ("picked", "$states.result"),
                "Catch": [{"ErrorEquals": ["OutOfStock"], "Next": "RejectOrder",
                           "Output": merge % ("error", "$states.errorOutput")}]},
            "DecideCharge": {
                "Type": "Choice", "Default": "Charge",
                "Choices": [{"Condition": "{% $states.input.order.prepaid = true %}",
                             "Next": "Settle"}]},
            "Charge": {
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Arguments": {"FunctionName": f"{LAMBDA_ARN}:charge:$LATEST",
                              "Payload": {"orderId": "{% $orderId %}", "customerId": "{% $customerId %}",
                                          "tier": "{% $tier %}", "amount": "{% $total %}"}},
                "Assign": {"chargeId": "{% $states.result.Payload.chargeId %}"},
                "Output": merge % ("charge", "$states.result.Payload"),
                "TimeoutSeconds": 30, "Retry": RETRY, "Next": "Notify",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}",
                           "Next": "ChargeFailed"}]},
            "ChargeFailed": {"Type": "Fail", "Error": "{% $states.input.Error %}",
                             "Cause": "{% $states.input.Cause %}"},
            "Notify": {
                "Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Next": "Settle",
                "Arguments": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:orders",
                              "Message": "{% 'Order ' & $orderId & ' charged (' & $chargeId & ')' %}"},
                "Output": "{% $states.input %}"},
            "Settle": {"Type": "Wait", "Seconds": "{% $states.input.settleSeconds %}",
                       "Next": "Done"},
            "Done": {"Type": "Succeed", "Output": "{% $states.input.meta %}"}}}


class Client:
    """One keep-alive connection for setting up; every failure ends the run."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)

    def request(self, method, path, payload=None, headers=None, ok=(200,)):
        body = b"" if payload is None else json.dumps(payload).encode()
        self.conn.request(method, path, body=body, headers=headers or {})
        response = self.conn.getresponse()
        data = response.read()
        if response.status not in ok:
            sys.exit(f"{method} {path} failed: {response.status} {data[:300]!r}")
        return json.loads(data) if data else {}

    def sfn(self, operation, payload):
        return self.request("POST", "/", payload, sfn_headers(operation))


def sfn_headers(operation):
    return {"X-Amz-Target": f"AWSStepFunctions.{operation}",
            "Content-Type": "application/x-amz-json-1.0"}


def zip_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return event\n")
    return base64.b64encode(buffer.getvalue()).decode()


def create_machines(client):
    """The two described machines (tagged, JSONPath one published and aliased), plus one more."""
    arns = {}
    for name, definition in (("orders-jsonpath", jsonpath_definition()),
                             ("orders-jsonata", jsonata_definition()),
                             ("hello", {"StartAt": "S", "States": {"S": {"Type": "Succeed"}}})):
        arns[name] = client.sfn("CreateStateMachine", {
            "name": name, "roleArn": ROLE, "definition": json.dumps(definition, indent=2),
            "tags": [{"key": "team", "value": "orders"}, {"key": "stage", "value": "dev"}],
        })["stateMachineArn"]
    machine = arns["orders-jsonpath"]
    version = client.sfn("PublishStateMachineVersion", {"stateMachineArn": machine})
    alias = client.sfn("CreateStateMachineAlias", {
        "name": "live", "routingConfiguration": [
            {"stateMachineVersionArn": version["stateMachineVersionArn"], "weight": 100}]})
    return arns, version["stateMachineVersionArn"], alias["stateMachineAliasArn"]


def run_executions(client, machine):
    """EXECUTIONS finished executions of `machine`; returns the last one's ARN."""
    arns = [client.sfn("StartExecution", {"stateMachineArn": machine, "name": f"order-{i}",
                                          "input": json.dumps(ORDER)})["executionArn"]
            for i in range(EXECUTIONS)]
    deadline = time.monotonic() + 30
    for arn in arns:
        while (status := client.sfn("DescribeExecution", {"executionArn": arn})["status"]) == "RUNNING":
            if time.monotonic() > deadline:
                sys.exit(f"{arn} still running after 30 s")
            time.sleep(0.02)
        if status != "SUCCEEDED":
            sys.exit(f"{arn} ended {status}")
    return arns[-1]


def create_functions(client):
    """Three functions; `orders` has version 1, alias `live`, tags and reserved concurrency."""
    for name in ("orders", "billing", "mailer"):
        client.request("POST", "/2015-03-31/functions", {
            "FunctionName": name, "Runtime": "python3.12", "Role": ROLE,
            "Handler": "handler.handler", "Code": {"ZipFile": zip_file()},
            "Tags": {"team": "orders"}}, ok=(201,))
    client.request("POST", "/2015-03-31/functions/orders/versions", {}, ok=(201,))
    client.request("POST", "/2015-03-31/functions/orders/aliases",
                   {"Name": "live", "FunctionVersion": "1"}, ok=(201,))
    client.request("PUT", "/2017-10-31/functions/orders/concurrency",
                   {"ReservedConcurrentExecutions": 5})


def set_up(client):
    """Creates every resource; returns the calls to measure as (name, request, expected)."""
    machines, version, alias = create_machines(client)
    machine = machines["orders-jsonpath"]
    for name in ("review", "approve", "ship"):
        activity = client.sfn("CreateActivity", {"name": name})["activityArn"]
    execution = run_executions(client, machine)
    map_run = client.sfn("ListMapRuns", {"executionArn": execution})["mapRuns"][0]["mapRunArn"]
    create_functions(client)
    function_arn = urllib.parse.quote(f"{LAMBDA_ARN}:orders", safe="")
    sfn = lambda operation, payload, expect: (sfn_request(operation, payload), expect)
    get = lambda path, expect: ({"CALL_METHOD": "GET", "CALL_PATH": path}, expect)
    return [
        ("DescribeStateMachine (JSONPath)", *sfn("DescribeStateMachine", {"stateMachineArn": machine}, '"variableReferences"')),
        ("DescribeStateMachine (JSONata)", *sfn("DescribeStateMachine", {"stateMachineArn": machines["orders-jsonata"]}, '"variableReferences"')),
        ("DescribeStateMachine (version)", *sfn("DescribeStateMachine", {"stateMachineArn": version}, '"variableReferences"')),
        ("DescribeStateMachine (Map label)", *sfn("DescribeStateMachine", {"stateMachineArn": f"{machine}/ShipParcels"}, '"label"')),
        ("DescribeStateMachineAlias", *sfn("DescribeStateMachineAlias", {"stateMachineAliasArn": alias}, '"routingConfiguration"')),
        ("ListStateMachines", *sfn("ListStateMachines", {}, '"stateMachines"')),
        ("ListStateMachineVersions", *sfn("ListStateMachineVersions", {"stateMachineArn": machine}, '"stateMachineVersions"')),
        ("ListStateMachineAliases", *sfn("ListStateMachineAliases", {"stateMachineArn": machine}, '"stateMachineAliases"')),
        ("DescribeExecution", *sfn("DescribeExecution", {"executionArn": execution}, '"SUCCEEDED"')),
        ("DescribeStateMachineForExecution", *sfn("DescribeStateMachineForExecution", {"executionArn": execution}, '"variableReferences"')),
        ("ListExecutions", *sfn("ListExecutions", {"stateMachineArn": machine}, '"executions"')),
        ("ListExecutions (Map Run)", *sfn("ListExecutions", {"mapRunArn": map_run}, '"executions"')),
        ("GetExecutionHistory", *sfn("GetExecutionHistory", {"executionArn": execution}, '"ExecutionSucceeded"')),
        ("DescribeMapRun", *sfn("DescribeMapRun", {"mapRunArn": map_run}, '"itemCounts"')),
        ("ListMapRuns", *sfn("ListMapRuns", {"executionArn": execution}, '"mapRuns"')),
        ("DescribeActivity", *sfn("DescribeActivity", {"activityArn": activity}, '"activityArn"')),
        ("ListActivities", *sfn("ListActivities", {}, '"activities"')),
        ("ListTagsForResource", *sfn("ListTagsForResource", {"resourceArn": machine}, '"tags"')),
        ("Lambda GetFunction", *get("/2015-03-31/functions/orders", '"Configuration"')),
        ("Lambda GetFunctionConfiguration", *get("/2015-03-31/functions/orders/configuration", '"FunctionArn"')),
        ("Lambda ListFunctions", *get("/2015-03-31/functions", '"Functions"')),
        ("Lambda ListVersionsByFunction", *get("/2015-03-31/functions/orders/versions", '"Versions"')),
        ("Lambda GetAlias", *get("/2015-03-31/functions/orders/aliases/live", '"AliasArn"')),
        ("Lambda ListAliases", *get("/2015-03-31/functions/orders/aliases", '"Aliases"')),
        ("Lambda ListTags", *get(f"/2017-03-31/tags/{function_arn}", '"Tags"')),
        ("Lambda GetFunctionConcurrency", *get("/2019-09-30/functions/orders/concurrency", '"ReservedConcurrentExecutions"')),
        ("Lambda GetAccountSettings", *get("/2016-08-19/account-settings", '"AccountLimit"')),
    ]


def sfn_request(operation, payload):
    return {"CALL_METHOD": "POST", "CALL_PATH": "/", "CALL_TARGET": f"AWSStepFunctions.{operation}",
            "CALL_BODY": json.dumps(payload)}


HEALTH = ({"CALL_METHOD": "GET", "CALL_PATH": "/health"}, '"ok"')


def check_once(port, name, request, expect):
    """One request of the call, whose response must be an HTTP 200 holding `expect`."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"X-Amz-Target": request["CALL_TARGET"],
               "Content-Type": "application/x-amz-json-1.0"} if "CALL_TARGET" in request else {}
    conn.request(request["CALL_METHOD"], request["CALL_PATH"],
                 body=request.get("CALL_BODY", "").encode(), headers=headers)
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    if response.status != 200 or expect not in body:
        sys.exit(f"{name}: expected an HTTP 200 holding {expect}, got {response.status} {body[:300]}")


def measure(args, server, name, request, expect):
    """One checked request, then one wrk run; returns (requests/s, p50 µs, p99 µs, server CPU
    µs per request), or ends the run if any response was not a success."""
    port, pid = server
    check_once(port, name, request, expect)
    env = dict(os.environ, **request)
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s",
               "-s", os.path.join(HERE, "read_call.lua"), f"http://127.0.0.1:{port}"]
    cpu_before = cpu_seconds(pid)
    out = subprocess.run(command, env=env, capture_output=True, text=True,
                         timeout=args.duration + 30).stdout
    cpu = cpu_seconds(pid) - cpu_before
    results = dict(item.split("=", 1) for line in out.splitlines()
                   if line.startswith("RESULT ") for item in line.split()[1:])
    requests = int(results.get("requests", 0))
    if requests == 0 or results.get("status_errors") != "0" \
            or results.get("socket_errors") != "0":
        sys.exit(f"{name}: unsuccessful responses:\n{out}")
    return (float(results["throughput_rps"]), int(results["p50_us"]), int(results["p99_us"]),
            cpu * 1e6 / requests)


def run_all(args, server, calls):
    """--rounds rounds of /health then every call; returns the best /health run and, per
    call, its best run (as (name, requests/s, p50, p99, server CPU per request)) and the
    spread of its runs.

    Other work on the machine can only slow a run down, so a best-of-rounds figure is the
    least disturbed one, and /health gets as many runs as each call so that neither side of
    a ratio has more chances. The spread shows how much the runs were disturbed; the
    server's CPU time per request varies much less with that work than throughput does."""
    runs = {name: [] for name in ["/health"] + [c[0] for c in calls]}
    for round_number in range(1, args.rounds + 1):
        print(f"round {round_number} of {args.rounds}", flush=True)
        for name, request, expect in [("/health", *HEALTH)] + calls:
            runs[name].append(measure(args, server, name, request, expect))
            print(f"  {name}: {runs[name][-1][0]:,.0f} req/s", flush=True)
    best = {name: max(results) for name, results in runs.items()}
    spread = {name: (min(r[0] for r in results), max(r[0] for r in results))
              for name, results in runs.items()}
    rows = [(name, *best[name]) for name, _, _ in calls]
    return best["/health"], spread, rows


def report(health, spread, rows):
    """The table, then the targets; returns whether both are met."""
    print(f"\n{'call':<36} {'req/s':>9} {'/health':>8} {'p50 µs':>7} {'p99 µs':>7} "
          f"{'server µs':>9}  all runs (req/s)")
    for name, (rps, p50, p99, cpu) in [("/health", health)] + [(r[0], r[1:]) for r in rows]:
        low, high = spread[name]
        print(f"{name:<36} {rps:>9,.0f} {rps / health[0]:>8.2f} {p50:>7} {p99:>7} {cpu:>9.1f}  "
              f"{low:,.0f} - {high:,.0f}")
    health = health[0]
    by_name = {row[0]: row[1] for row in rows}
    met = True
    if "ListActivities" in by_name:
        for name in (n for n in by_name if n.startswith("DescribeStateMachine (JSON")):
            ratio = by_name[name] / by_name["ListActivities"]
            met &= ratio >= 0.7
            print(f"target: {name} at {ratio:.0%} of ListActivities (>= 70 %): "
                  f"{'met' if ratio >= 0.7 else 'NOT met'}")
    slow = [row[0] for row in rows if row[1] < 0.5 * health]
    met &= not slow
    print(f"target: every call >= 50 % of /health: {'met' if not slow else 'NOT met: ' + ', '.join(slow)}")
    return met


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.environ.get(
        "STEPSTONE_BIN", os.path.join(ROOT, "target", "release", "stepstone")))
    parser.add_argument("--duration", type=int, default=2, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each call; the best counts")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--only", help="measure only the calls whose name contains this")
    parser.add_argument("--max-seconds", type=int, default=600, help="watchdog limit")
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen([args.bin, "--host", "127.0.0.1", "--port", str(port)],
                              env=dict(os.environ, STEPSTONE_LOG="warn"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    watchdog = threading.Timer(args.max_seconds, server.kill)
    watchdog.daemon = True
    watchdog.start()
    try:
        wait_listening(port)
        calls = [c for c in set_up(Client(port)) if not args.only or args.only in c[0]]
        print(f"stepstone {args.bin}, {os.cpu_count()} CPUs, wrk -t{args.threads} "
              f"-c{args.connections} -d{args.duration}s per run, best of {args.rounds} rounds")
        met = report(*run_all(args, (port, server.pid), calls))
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
    sys.exit(0 if met else 3)


if __name__ == "__main__":
    main()
