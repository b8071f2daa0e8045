#!/usr/bin/env python3
"""Holds docs/openapi.json to the OpenAPI 3.0 meta-schema and to the rules a reader relies on.

Usage: validate_openapi.py <openapi.json> <openapi-3.0 meta-schema>

Checks, each failure printed on its own line (exit status 1 when any):
  - the document validates against the official meta-schema (with its formats, e.g. regex);
  - every $ref is local and resolves, and every component is used (no dead definitions);
  - every {name} in a path has a declared path parameter, and no path parameter is undeclared;
  - operationIds are unique;
  - every example validates against the schema it illustrates.
"""
import copy
import json
import re
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate_openapi: python3-jsonschema is needed (apt-get install python3-jsonschema)")

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def walk(node, where="#"):
    """Yields (json-pointer, node) for every object and array inside `node`."""
    yield where, node
    if isinstance(node, dict):
        for key, value in node.items():
            escaped = key.replace("~", "~0").replace("/", "~1")
            yield from walk(value, f"{where}/{escaped}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, f"{where}/{i}")


def resolve(doc, ref):
    if not ref.startswith("#/"):
        raise KeyError(f"{ref}: only local references are used here")
    node = doc
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            node = node[int(part)]
        else:
            node = node[part]
    return node


def check_meta_schema(doc, meta):
    validator_class = jsonschema.Draft4Validator
    # FORMAT_CHECKER appeared in jsonschema 4.14; Debian 12 has 4.10.
    checker = getattr(validator_class, "FORMAT_CHECKER", None) or jsonschema.draft4_format_checker
    validator = validator_class(meta, format_checker=checker)
    for error in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path)
        yield f"meta-schema: at /{where}: {error.message[:300]}"


def check_references(doc):
    used = set()
    for where, node in walk(doc):
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            try:
                resolve(doc, ref)
            except (KeyError, IndexError, ValueError) as error:
                yield f"$ref: {where}: {ref} does not resolve ({error})"
            used.add(ref)
    for kind, entries in doc.get("components", {}).items():
        if kind == "securitySchemes":
            continue  # named by security requirements, not by $ref
        for name in entries:
            if f"#/components/{kind}/{name}" not in used:
                yield f"components: {kind}/{name} is never referenced"


def check_path_parameters(doc):
    for path, item in doc["paths"].items():
        wanted = set(re.findall(r"\{([^}]+)\}", path))
        shared = [resolve(doc, p["$ref"]) if "$ref" in p else p for p in item.get("parameters", [])]
        for method in METHODS:
            if method not in item:
                continue
            own = [resolve(doc, p["$ref"]) if "$ref" in p else p
                   for p in item[method].get("parameters", [])]
            declared = {p["name"] for p in shared + own if p["in"] == "path"}
            for name in sorted(wanted - declared):
                yield f"paths: {method.upper()} {path}: path parameter {name} is not declared"
            for name in sorted(declared - wanted):
                yield f"paths: {method.upper()} {path}: declares path parameter {name} not in path"


def check_operation_ids(doc):
    seen = {}
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                op_id = item[method].get("operationId")
                if op_id is None:
                    yield f"paths: {method.upper()} {path} has no operationId"
                elif op_id in seen:
                    yield f"paths: operationId {op_id} is used by {seen[op_id]} and {path}"
                else:
                    seen[op_id] = path


def as_json_schema(doc, schema, depth=0):
    """An OpenAPI 3.0 schema as plain JSON Schema: references inlined, `nullable` as a type."""
    if depth > 64:
        raise ValueError("schema nests too deeply (a reference cycle?)")
    if isinstance(schema, list):
        return [as_json_schema(doc, s, depth + 1) for s in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return as_json_schema(doc, resolve(doc, schema["$ref"]), depth + 1)
    out = {}
    for key, value in schema.items():
        if key in ("example", "default", "enum"):
            out[key] = copy.deepcopy(value)
        elif key in ("properties",):
            out[key] = {k: as_json_schema(doc, v, depth + 1) for k, v in value.items()}
        else:
            out[key] = as_json_schema(doc, value, depth + 1)
    if out.pop("nullable", False) and "type" in out:
        out["type"] = [out["type"], "null"]
    return out


def check_examples(doc):
    for where, node in walk(doc):
        if not isinstance(node, dict) or "example" not in node:
            continue
        if "schema" in node:  # a media type or parameter: the example is of its schema
            schema = node["schema"]
        elif where.startswith("#/components/schemas") or "/schema" in where:
            schema = node  # a schema object carrying its own example
        else:
            continue
        plain = as_json_schema(doc, schema)
        plain.pop("example", None)
        for error in jsonschema.Draft4Validator(plain).iter_errors(node["example"]):
            yield f"example: {where}: {error.message[:300]}"


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    with open(argv[2], encoding="utf-8") as f:
        meta = json.load(f)
    problems = list(check_meta_schema(doc, meta))
    problems += check_references(doc)
    if not problems:  # the remaining checks assume a well-formed document
        problems += check_path_parameters(doc)
        problems += check_operation_ids(doc)
        problems += check_examples(doc)
    for line in problems:
        print(line)
    operations = sum(1 for item in doc["paths"].values() for m in METHODS if m in item)
    print(f"validate_openapi: {len(doc['paths'])} paths, {operations} operations, "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
