"""Smoke test: boto3 against a running Stepstone, as a Python test suite would use it.

Usage: python3 smoke_boto3.py http://127.0.0.1:8083
Prints one line per check and a closing 'N passed, M failed' line; exits non-zero on failure.
"""

import json
import sys

import boto3
from botocore.config import Config

ENDPOINT = sys.argv[1]
ROLE = "arn:aws:iam::123456789012:role/smoke"
DEFINITION = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})

sfn = boto3.client(
    "stepfunctions",
    endpoint_url=ENDPOINT,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
    config=Config(inject_host_prefix=False, retries={"max_attempts": 1}),
)
results = []


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


@check("create, describe, list and delete a state machine")
def _():
    arn = sfn.create_state_machine(name="smoke", definition=DEFINITION, roleArn=ROLE)["stateMachineArn"]
    assert arn == "arn:aws:states:us-east-1:123456789012:stateMachine:smoke", arn
    described = sfn.describe_state_machine(stateMachineArn=arn)
    assert described["definition"] == DEFINITION and described["type"] == "STANDARD", described
    assert described["creationDate"].year >= 2024
    names = [m["name"] for m in sfn.list_state_machines()["stateMachines"]]
    assert names == ["smoke"], names
    sfn.delete_state_machine(stateMachineArn=arn)
    assert sfn.list_state_machines()["stateMachines"] == []


@check("typed exceptions: StateMachineDoesNotExist, InvalidArn, InvalidDefinition, InvalidName")
def _():
    missing = "arn:aws:states:us-east-1:123456789012:stateMachine:none"
    for call, exc in [
        (lambda: sfn.describe_state_machine(stateMachineArn=missing), sfn.exceptions.StateMachineDoesNotExist),
        (lambda: sfn.describe_state_machine(stateMachineArn="nope"), sfn.exceptions.InvalidArn),
        (lambda: sfn.create_state_machine(name="x", definition="{}", roleArn=ROLE), sfn.exceptions.InvalidDefinition),
        (lambda: sfn.create_activity(name="a b"), sfn.exceptions.InvalidName),
    ]:
        try:
            call()
        except exc:
            continue
        raise AssertionError(f"expected {exc.__name__}")


@check("paginator walks every page")
def _():
    for i in range(5):
        sfn.create_state_machine(name=f"page{i}", definition=DEFINITION, roleArn=ROLE)
    pages = sfn.get_paginator("list_state_machines").paginate(PaginationConfig={"PageSize": 2})
    names = [m["name"] for page in pages for m in page["stateMachines"]]
    assert names == [f"page{i}" for i in range(5)], names


@check("versions and aliases")
def _():
    arn = sfn.create_state_machine(name="versioned", definition=DEFINITION, roleArn=ROLE, publish=True)[
        "stateMachineVersionArn"
    ]
    assert arn.endswith(":versioned:1"), arn
    alias = sfn.create_state_machine_alias(
        name="live", routingConfiguration=[{"stateMachineVersionArn": arn, "weight": 100}]
    )["stateMachineAliasArn"]
    assert sfn.describe_state_machine_alias(stateMachineAliasArn=alias)["name"] == "live"


@check("activities and tags")
def _():
    arn = sfn.create_activity(name="smoke-activity", tags=[{"key": "team", "value": "qa"}])["activityArn"]
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == [{"key": "team", "value": "qa"}]
    sfn.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == []
    assert sfn.describe_activity(activityArn=arn)["name"] == "smoke-activity"


@check("validate_state_machine_definition")
def _():
    result = sfn.validate_state_machine_definition(definition="{}")
    assert result["result"] == "FAIL", result
    assert result["diagnostics"][0]["message"] == "These fields are required: [States, StartAt]", result
    assert sfn.validate_state_machine_definition(definition=DEFINITION)["result"] == "OK"


passed, failed = results.count(True), results.count(False)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
