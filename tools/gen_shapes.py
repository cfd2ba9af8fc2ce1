#!/usr/bin/env python3
"""Prints one service's entry of src/integrations/schema/shapes.json from its botocore model.

Usage: tools/gen_shapes.py <name> <service-2.json> [<Operation> ...]
With operations named, only those are kept (as for KMS Encrypt and S3 GetObject). The entry
holds each operation's output shape and the shapes it reaches: structures (members named
first-letter upper case, as Step Functions names them, and their required members), lists,
maps, and strings or blobs with a minimum length or an enum; every other shape is folded into
the primitives string, blob, number, boolean, timestamp and document. Paste the printed block
into shapes.json in place of the service's entry (services are separated by ",\\n").
"""
import json
import sys

NUMBERS = {"integer", "long", "float", "double", "bigdecimal", "biginteger", "short", "byte"}
PRIMITIVES = {"boolean": "boolean", "timestamp": "timestamp"}


def upper(name):
    return name[:1].upper() + name[1:]


class Catalog:
    def __init__(self, model):
        self.model = model["shapes"]
        self.shapes = {}

    def ref(self, name):
        """The shape's name in the catalog, or the primitive it folds into."""
        shape = self.model[name]
        kind = shape["type"]
        if kind == "structure" and shape.get("document"):
            return "document"
        if kind in ("structure", "list", "map"):
            if name not in self.shapes:
                self.shapes[name] = None  # recursion guard
                self.shapes[name] = self.composite(kind, shape)
            return name
        if kind in ("string", "blob"):
            constraints = {}
            if shape.get("min", 0) > 0:
                constraints["min"] = shape["min"]
            if kind == "string" and shape.get("enum"):
                constraints["enum"] = shape["enum"]
            if not constraints:
                return kind
            self.shapes[name] = {kind: constraints}
            return name
        if kind in NUMBERS:
            return "number"
        return PRIMITIVES[kind]

    def composite(self, kind, shape):
        if kind == "list":
            return {"list": self.ref(shape["member"]["shape"])}
        if kind == "map":
            return {"map": self.ref(shape["value"]["shape"])}
        members = {upper(m): self.ref(r["shape"]) for m, r in shape.get("members", {}).items()}
        structure = {"members": members}
        required = [upper(r) for r in shape.get("required", [])]
        if required:
            structure["required"] = required
        return {"structure": structure}


def entry(name, model, only):
    catalog = Catalog(model)
    operations = {}
    for operation, spec in model["operations"].items():
        if "output" in spec and (not only or operation in only):
            operations[operation] = catalog.ref(spec["output"]["shape"])
    ops = ",\n".join(f"{json.dumps(k)}:{json.dumps(v)}" for k, v in sorted(operations.items()))
    shapes = ",\n".join(
        f"{json.dumps(k)}:{json.dumps(v, separators=(',', ':'))}"
        for k, v in sorted(catalog.shapes.items())
    )
    return f'"{name}":{{\n"operations":{{\n{ops}\n}},\n"shapes":{{\n{shapes}\n}}}}'


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    with open(sys.argv[2]) as f:
        print(entry(sys.argv[1], json.load(f), set(sys.argv[3:])))
