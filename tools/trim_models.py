#!/usr/bin/env python3
"""Copies AWS's botocore service models into models/, without their documentation.

Usage: tools/trim_models.py <botocore models dir> [<out dir>]
The models dir holds <service>/<api-version>/service-2.json (../shared/reference/models here).
The output, models/<service>.json, is what the build reads (src/model): the operations, shapes,
constraints and wire bindings, unchanged; only prose and deprecation notes are dropped.
"""
import json
import pathlib
import sys

DROP = {"documentation", "documentationUrl", "deprecated", "deprecatedMessage",
        "deprecatedSince", "examples"}


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in DROP}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def main():
    source = pathlib.Path(sys.argv[1])
    out = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else "models")
    out.mkdir(exist_ok=True)
    for path in sorted(source.glob("*/*/service-2.json")):
        model = strip(json.loads(path.read_text()))
        keep = {k: model[k] for k in ("version", "metadata", "operations", "shapes")}
        target = out / f"{path.parent.parent.name}.json"
        target.write_text(json.dumps(keep, separators=(",", ":")) + "\n")
        print(f"{path} -> {target}")


if __name__ == "__main__":
    main()
