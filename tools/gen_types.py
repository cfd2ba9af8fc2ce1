#!/usr/bin/env python3
"""Writes a service's operation types from its model (models/<service>.json).

Usage: tools/gen_types.py [--check]
For each entry of TARGETS it writes src/services/<folder>/types.rs (or src/<folder>/types.rs when
the folder names a path): one Rust struct per
structure shape the listed operations take or answer (and every structure they contain), with
serde names as the model spells them. With --check it writes nothing and exits 1 when a
committed file differs from what the models give (CI runs this).

Types: strings (enums too) are String, integer i32, long i64, double/float f64, boolean bool,
timestamps f64 epoch seconds (the JSON form every codec reads), blobs String (base64, the
JSON form), lists Vec, maps BTreeMap<String, _>. Members the shape requires are plain values,
the others Option and left out when absent; a shape that contains itself is boxed.

A target's options (a third element) adapt this for a service that checks its own requests:
`self_checked` makes every input member an Option (the service reports missing members itself,
in AWS's order) and reads integers as i64 (so an out-of-range number reaches its range check);
`timestamp` names the Rust type of timestamps, `uses` the lines that import it, and
`overrides` ("Shape.member": type) keeps a member in a form the service serves without copying.
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# The Step Functions operation whose answer is written by hand: its page borrows the engine's
# rendered events while the records are locked. Every other one is typed both ways.
HAND_WRITTEN_ANSWERS = {"GetExecutionHistory"}

# model file -> (services folder, operations whose input and output types are written[, options])
TARGETS = {
    "sts": ("sts", ["GetCallerIdentity", "AssumeRole"]),
    "sqs": (
        "sqs",
        [
            "CreateQueue", "GetQueueUrl", "ListQueues", "ListDeadLetterSourceQueues",
            "DeleteQueue", "PurgeQueue", "GetQueueAttributes", "SetQueueAttributes",
            "TagQueue", "UntagQueue", "ListQueueTags", "AddPermission", "RemovePermission",
            "SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage",
            "DeleteMessageBatch", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch",
            "StartMessageMoveTask", "ListMessageMoveTasks", "CancelMessageMoveTask",
        ],
    ),
    "sns": (
        "sns",
        [
            "CreateTopic", "DeleteTopic", "ListTopics", "GetTopicAttributes",
            "SetTopicAttributes", "Subscribe", "ConfirmSubscription", "Unsubscribe",
            "ListSubscriptions", "ListSubscriptionsByTopic", "GetSubscriptionAttributes",
            "SetSubscriptionAttributes", "Publish", "PublishBatch", "TagResource",
            "UntagResource", "ListTagsForResource", "CreatePlatformApplication",
            "GetPlatformApplicationAttributes", "SetPlatformApplicationAttributes",
            "ListPlatformApplications", "DeletePlatformApplication", "CreatePlatformEndpoint",
            "GetEndpointAttributes", "SetEndpointAttributes",
            "ListEndpointsByPlatformApplication", "DeleteEndpoint", "SetSMSAttributes",
            "GetSMSAttributes", "CheckIfPhoneNumberIsOptedOut", "ListPhoneNumbersOptedOut",
            "OptInPhoneNumber", "GetSMSSandboxAccountStatus", "CreateSMSSandboxPhoneNumber",
            "VerifySMSSandboxPhoneNumber", "DeleteSMSSandboxPhoneNumber",
            "ListSMSSandboxPhoneNumbers", "ListOriginationNumbers", "GetDataProtectionPolicy",
            "PutDataProtectionPolicy", "AddPermission", "RemovePermission",
        ],
    ),
    "lambda": (
        "lambda",
        [
            "CreateFunction", "GetFunction", "GetFunctionConfiguration", "ListFunctions",
            "DeleteFunction:input", "UpdateFunctionConfiguration", "UpdateFunctionCode",
            "PublishVersion", "ListVersionsByFunction", "CreateAlias", "GetAlias", "UpdateAlias",
            "DeleteAlias:input", "ListAliases", "ListTags", "TagResource:input",
            "UntagResource:input", "PutFunctionConcurrency", "GetFunctionConcurrency",
            "DeleteFunctionConcurrency:input", "GetAccountSettings",
            "CreateEventSourceMapping:output", "GetEventSourceMapping",
            "UpdateEventSourceMapping:output", "DeleteEventSourceMapping", "ListEventSourceMappings",
        ],
        {
            "uses": ["use std::sync::Arc;"],
            # Each version's answer is rendered once and shared by every response showing it.
            "overrides": {
                "GetFunctionResponse.Configuration": "Arc<FunctionConfiguration>",
                "ListFunctionsResponse.Functions": "Vec<Arc<FunctionConfiguration>>",
                "ListVersionsByFunctionResponse.Versions": "Vec<Arc<FunctionConfiguration>>",
            },
        },
    ),
    "stepfunctions": (
        "sfn",
        [
            f"{operation}:input" if operation in HAND_WRITTEN_ANSWERS else operation
            for operation in [
                "CreateActivity", "CreateStateMachine", "CreateStateMachineAlias",
                "DeleteActivity", "DeleteStateMachine", "DeleteStateMachineAlias",
                "DeleteStateMachineVersion", "DescribeActivity", "DescribeExecution",
                "DescribeMapRun", "DescribeStateMachine", "DescribeStateMachineAlias",
                "DescribeStateMachineForExecution", "GetActivityTask", "GetExecutionHistory",
                "ListActivities", "ListExecutions", "ListMapRuns", "ListStateMachineAliases",
                "ListStateMachineVersions", "ListStateMachines", "ListTagsForResource",
                "PublishStateMachineVersion", "RedriveExecution", "SendTaskFailure",
                "SendTaskHeartbeat", "SendTaskSuccess", "StartExecution", "StartSyncExecution",
                "StopExecution", "TagResource", "TestState", "UntagResource", "UpdateMapRun",
                "UpdateStateMachine", "UpdateStateMachineAlias", "ValidateStateMachineDefinition",
            ]
        ],
        {
            "self_checked": True,
            "timestamp": "Timestamp",
            "uses": [
                "use super::wire::Timestamp;",
                "use serde_json::Value;",
                "use serde_json::value::RawValue;",
                "use std::sync::Arc;",
            ],
            "overrides": {
                "DescribeStateMachineOutput.definition": "Arc<RawValue>",
                "DescribeStateMachineOutput.variableReferences": "Arc<RawValue>",
                "DescribeStateMachineForExecutionOutput.definition": "Arc<RawValue>",
                "DescribeStateMachineForExecutionOutput.variableReferences": "Arc<RawValue>",
                # Items rendered once per execution change (see Record::listing).
                "ListExecutionsOutput.executions": "Vec<Arc<RawValue>>",
                # Built by the engine's TestState as JSON.
                "TestStateOutput.inspectionData": "Value",
            },
        },
    ),
}

SCALARS = {
    "string": "String",
    "integer": "i32",
    "long": "i64",
    "double": "f64",
    "float": "f64",
    "boolean": "bool",
    "timestamp": "f64",
    "blob": "String",
}

KEYWORDS = {"type", "match", "ref", "self", "mod", "fn", "use", "impl", "loop", "move", "box"}


def snake(name):
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    words = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", words).lower()
    return f"r#{words}" if words in KEYWORDS else words


class Generator:
    def __init__(self, model, options):
        self.shapes = model["shapes"]
        self.order = []
        self.self_checked = options.get("self_checked", False)
        self.inputs = set()
        self.timestamp = options.get("timestamp", SCALARS["timestamp"])
        self.overrides = options.get("overrides", {})

    def visit(self, name):
        shape = self.shapes[name]
        if shape["type"] == "structure":
            if name in self.order:
                return
            self.order.append(name)
            for member in shape.get("members", {}).values():
                self.visit(member["shape"])
        for part in ("member", "key", "value"):
            if part in shape:
                self.visit(shape[part]["shape"])

    def rust_type(self, name, owner):
        shape = self.shapes[name]
        kind = shape["type"]
        if kind == "structure":
            return f"Box<{name}>" if self.contains(name, owner, set()) else name
        if kind == "list":
            return f"Vec<{self.rust_type(shape['member']['shape'], owner)}>"
        if kind == "map":
            return f"BTreeMap<String, {self.rust_type(shape['value']['shape'], owner)}>"
        if kind == "integer" and self.self_checked:
            return "i64"
        if kind == "timestamp":
            return self.timestamp
        return SCALARS[kind]

    def contains(self, name, target, seen):
        """Whether shape `name` holds `target` (so `target` holding `name` is a cycle)."""
        if name == target:
            return True
        if name in seen:
            return False
        seen.add(name)
        shape = self.shapes[name]
        refs = [m["shape"] for m in shape.get("members", {}).values()]
        refs += [shape[p]["shape"] for p in ("member", "key", "value") if p in shape]
        return any(self.contains(r, target, seen) for r in refs)

    def required(self, name):
        if self.self_checked and name in self.inputs:
            return set()
        return set(self.shapes[name].get("required", []))

    def defaultable(self, name):
        """Whether every required member of structure `name` has a default value."""
        plain = set(SCALARS.values())
        for member in self.required(name):
            ref = self.shapes[name]["members"][member]
            rust = self.overrides.get(f"{name}.{member}") or self.rust_type(ref["shape"], name)
            nested = self.shapes[ref["shape"]]["type"] == "structure"
            if nested and not self.defaultable(ref["shape"]):
                return False
            if not nested and rust not in plain and not rust.startswith(("Vec<", "BTreeMap<")):
                return False
        return True

    def structure(self, name):
        shape = self.shapes[name]
        required = self.required(name)
        default = ", Default" if self.defaultable(name) else ""
        # An overridden member (a pre-encoded JSON value) has no equality.
        overridden = any(key.startswith(f"{name}.") for key in self.overrides)
        eq = "" if overridden else ", PartialEq"
        lines = [
            f"/// The model's `{name}`.",
            f"#[derive(Debug, Clone{default}{eq}, Serialize, Deserialize)]",
            f"pub struct {name} {{",
        ]
        for member, ref in shape.get("members", {}).items():
            rust = self.overrides.get(f"{name}.{member}") or self.rust_type(ref["shape"], name)
            lines.append(f"    /// `{member}`.")
            if member in required:
                lines.append(f'    #[serde(rename = "{member}")]')
                lines.append(f"    pub {snake(member)}: {rust},")
            else:
                lines.append(
                    f'    #[serde(rename = "{member}", default, skip_serializing_if = "Option::is_none")]'
                )
                lines.append(f"    pub {snake(member)}: Option<{rust}>,")
        lines.append("}")
        return "\n".join(lines)


def render(model_name, operations, options):
    model = json.loads((ROOT / "models" / f"{model_name}.json").read_text())
    generator = Generator(model, options)
    for entry in operations:
        # "Op" generates the operation's input and output; "Op:input" or "Op:output" only
        # that part (for operations whose other part is read or written by hand).
        operation, _, only = entry.partition(":")
        op = model["operations"][operation]
        for part in (only,) if only else ("input", "output"):
            if part in op:
                before = len(generator.order)
                generator.visit(op[part]["shape"])
                if part == "input":
                    generator.inputs.update(generator.order[before:])
    body = "\n\n".join(generator.structure(name) for name in generator.order)
    uses = ["use serde::{Deserialize, Serialize};"] + options.get("uses", [])
    if "BTreeMap<" in body:
        uses.insert(0, "use std::collections::BTreeMap;")
    header = (
        f"//! Operation types of `models/{model_name}.json` ({', '.join(operations)}), written by\n"
        "//! `tools/gen_types.py`: do not edit; change the script or its targets and run it again.\n"
    )
    text = f"{header}\n" + "\n".join(uses) + f"\n\n{body}\n"
    return rustfmt(text)


def rustfmt(text):
    """The text as `cargo fmt` leaves it, so CI's format check and --check agree."""
    done = subprocess.run(
        ["rustfmt", "--edition", "2024", "--emit", "stdout"],
        input=text, capture_output=True, text=True, check=True,
    )
    return done.stdout


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for model_name, (folder, operations, *options) in TARGETS.items():
        parent = ROOT / "src" / "services" / folder
        if not parent.exists():
            parent = ROOT / "src" / folder
        target = parent / "types.rs"
        text = render(model_name, operations, options[0] if options else {})
        if check:
            if not target.exists() or target.read_text() != text:
                stale.append(str(target.relative_to(ROOT)))
        else:
            target.write_text(text)
            print(f"wrote {target.relative_to(ROOT)}")
    if stale:
        print("generated types are stale (run tools/gen_types.py): " + ", ".join(stale))
        sys.exit(1)


if __name__ == "__main__":
    main()
