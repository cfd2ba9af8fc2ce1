#!/usr/bin/env python3
"""Writes a service's operation types from its model (models/<service>.json).

Usage: tools/gen_types.py [--check]
For each entry of TARGETS it writes src/services/<folder>/types.rs: one Rust struct per
structure shape the listed operations take or answer (and every structure they contain), with
serde names as the model spells them. With --check it writes nothing and exits 1 when a
committed file differs from what the models give (CI runs this).

Types: strings (enums too) are String, integer i32, long i64, double/float f64, boolean bool,
timestamps f64 epoch seconds (the JSON form every codec reads), blobs String (base64, the
JSON form), lists Vec, maps BTreeMap<String, _>. Members the shape requires are plain values,
the others Option and left out when absent; a shape that contains itself is boxed.
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# model file -> (services folder, operations whose input and output types are written)
TARGETS = {
    "sts": ("sts", ["GetCallerIdentity", "AssumeRole"]),
    "sqs": (
        "sqs",
        [
            "CreateQueue", "GetQueueUrl", "ListQueues", "ListDeadLetterSourceQueues",
            "DeleteQueue", "PurgeQueue", "GetQueueAttributes", "SetQueueAttributes",
            "TagQueue", "UntagQueue", "ListQueueTags", "AddPermission", "RemovePermission",
            "SendMessage:input", "SendMessageBatch:input", "ReceiveMessage:input",
            "DeleteMessage", "DeleteMessageBatch:input", "ChangeMessageVisibility",
            "ChangeMessageVisibilityBatch:input", "StartMessageMoveTask:input",
            "ListMessageMoveTasks:input", "CancelMessageMoveTask:input",
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
            "PutDataProtectionPolicy",
        ],
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
    def __init__(self, model):
        self.shapes = model["shapes"]
        self.order = []

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

    def structure(self, name):
        shape = self.shapes[name]
        required = set(shape.get("required", []))
        lines = [
            f"/// The model's `{name}`.",
            "#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]",
            f"pub struct {name} {{",
        ]
        for member, ref in shape.get("members", {}).items():
            rust = self.rust_type(ref["shape"], name)
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


def render(model_name, operations):
    model = json.loads((ROOT / "models" / f"{model_name}.json").read_text())
    generator = Generator(model)
    for entry in operations:
        # "Op" generates the operation's input and output; "Op:input" only its input (for a
        # service whose answers are not typed yet).
        operation, _, only = entry.partition(":")
        op = model["operations"][operation]
        for part in (only,) if only else ("input", "output"):
            if part in op:
                generator.visit(op[part]["shape"])
    body = "\n\n".join(generator.structure(name) for name in generator.order)
    uses = ["use serde::{Deserialize, Serialize};"]
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
    for model_name, (folder, operations) in TARGETS.items():
        target = ROOT / "src" / "services" / folder / "types.rs"
        text = render(model_name, operations)
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
