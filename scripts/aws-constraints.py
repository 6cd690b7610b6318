#!/usr/bin/env python3
"""Writes aws/models/constraints.json: the constraints AWS publishes for every request and
CloudFormation type this package sends, taken from the models installed on this machine.

Sources (nothing is typed in by hand):
- botocore's service models (`botocore/data/<service>/<version>/service-2.json`): for each
  operation's input shape, every member path with its type, required flag, min/max, pattern and
  enum, and AWS's documentation string for it;
- botocore's endpoint data (`botocore/data/endpoints.json`): the regions each service has an
  endpoint in, per partition;
- the CloudFormation registry schemas that cfn-lint ships (us-east-1): every property path of a
  resource type with the same constraints, plus its create-only and required properties.

Usage: python3 scripts/aws-constraints.py [--check]
  --check  compare with the committed file and exit 1 (printing the first differences) if it is
           out of date, instead of writing it.

Member paths: `A.B` for a structure member, `A[]` for a list's items, `A{}` / `A{key}` for a
map's values / keys.
"""

import json
import os
import re
import sys

import botocore
import botocore.loaders
import cfnlint
from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

OUT = os.path.join(os.path.dirname(__file__), "..", "aws", "models", "constraints.json")

# The API requests the package's classic (@pulumi/aws) resources send, by service.
OPERATIONS = {
    "ssm-contacts": [
        "CreateContact",
        "UpdateContact",
        "CreateContactChannel",
        "CreateRotation",
        "TagResource",
    ],
    "ssm-incidents": [
        "CreateReplicationSet",
        "UpdateDeletionProtection",
        "CreateResponsePlan",
        "TagResource",
    ],
    "cloudwatch": ["PutMetricAlarm", "PutCompositeAlarm"],
    "events": ["PutRule", "PutTargets"],
    "iam": ["CreateRole", "PutRolePolicy", "CreatePolicy", "AttachRolePolicy"],
    "kms": ["CreateKey", "CreateAlias", "ReplicateKey"],
    "sns": ["CreateTopic", "Subscribe", "SetTopicAttributes"],
    "ssm": ["CreateDocument"],
    "secretsmanager": ["CreateSecret", "PutSecretValue", "PutResourcePolicy"],
    "chatbot": ["CreateSlackChannelConfiguration", "CreateMicrosoftTeamsChannelConfiguration"],
}

# The CloudFormation types the package's aws-native resources map to (and their classic twins).
CFN_TYPES = [
    "AWS::SSMIncidents::ReplicationSet",
    "AWS::SSMIncidents::ResponsePlan",
    "AWS::SSMContacts::Contact",
    "AWS::SSMContacts::ContactChannel",
    "AWS::SSMContacts::Plan",
    "AWS::SSMContacts::Rotation",
    "AWS::CloudWatch::Alarm",
    "AWS::CloudWatch::CompositeAlarm",
    "AWS::Events::Rule",
    "AWS::IAM::Role",
    "AWS::IAM::RolePolicy",
    "AWS::KMS::Key",
    "AWS::KMS::Alias",
    "AWS::SSM::Document",
    "AWS::SecretsManager::Secret",
    "AWS::SNS::Topic",
    "AWS::Chatbot::SlackChannelConfiguration",
    "AWS::Chatbot::MicrosoftTeamsChannelConfiguration",
]

# The services whose endpoints decide where Incident Manager is offered.
REGION_SERVICES = ["ssm-incidents", "ssm-contacts"]

TAG_RE = re.compile(r"<[^>]+>")
SPACE_RE = re.compile(r"\s+")


def doc_text(html):
    """AWS's documentation string as one line of plain text."""
    if not html:
        return None
    return SPACE_RE.sub(" ", TAG_RE.sub("", html)).strip() or None


def api_constraints(model, shape_name, path, required, out, stack):
    shape = model["shapes"][shape_name]
    entry = {"type": shape["type"]}
    for key in ("min", "max", "pattern", "enum"):
        if key in shape:
            entry[key] = shape[key]
    if required:
        entry["required"] = True
    if path:
        out[path] = entry
    if shape_name in stack:
        entry["recursive"] = True
        return
    stack = stack | {shape_name}
    kind = shape["type"]
    if kind == "structure":
        needed = set(shape.get("required", []))
        for name, member in shape.get("members", {}).items():
            child = f"{path}.{name}" if path else name
            api_constraints(model, member["shape"], child, name in needed, out, stack)
            doc = doc_text(member.get("documentation"))
            if doc:
                out[child]["doc"] = doc
    elif kind == "list":
        api_constraints(model, shape["member"]["shape"], f"{path}[]", False, out, stack)
    elif kind == "map":
        api_constraints(model, shape["key"]["shape"], f"{path}{{key}}", False, out, stack)
        api_constraints(model, shape["value"]["shape"], f"{path}{{}}", False, out, stack)


def api_section(loader):
    section = {}
    versions = {}
    for service, operations in OPERATIONS.items():
        model = loader.load_service_model(service, "service-2")
        versions[service] = model["metadata"]["apiVersion"]
        for operation in operations:
            op = model["operations"][operation]
            out = {}
            api_constraints(model, op["input"]["shape"], "", False, out, frozenset())
            section[f"{service}:{operation}"] = dict(sorted(out.items()))
    return section, versions


def resolve(schema, node):
    while "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/definitions/"), ref
        node = {**schema["definitions"][ref.split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


CFN_KEYS = ("type", "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "pattern", "enum")


def cfn_constraints(schema, node, path, required, out, stack):
    ref = node.get("$ref")
    node = resolve(schema, node)
    entry = {k: node[k] for k in CFN_KEYS if k in node}
    if required:
        entry["required"] = True
    if path:
        out[path] = entry
    if ref is not None:
        if ref in stack:
            entry["recursive"] = True
            return
        stack = stack | {ref}
    needed = set(node.get("required", []))
    for name, child in node.get("properties", {}).items():
        cfn_constraints(schema, child, f"{path}.{name}" if path else name, name in needed, out, stack)
    if "items" in node:
        cfn_constraints(schema, node["items"], f"{path}[]", False, out, stack)
    extra = node.get("additionalProperties")
    if isinstance(extra, dict):
        cfn_constraints(schema, extra, f"{path}{{}}", False, out, stack)
    for key, child in node.get("patternProperties", {}).items():
        cfn_constraints(schema, child, f"{path}{{}}", False, out, stack)
        out[f"{path}{{key}}"] = {"type": "string", "pattern": key}


def cfn_section():
    section = {}
    for type_name in CFN_TYPES:
        schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", type_name).schema
        out = {}
        cfn_constraints(schema, schema, "", False, out, frozenset())
        strip = lambda ptrs: sorted(p.replace("/properties/", "", 1).replace("/", ".") for p in ptrs)
        section[type_name] = {
            "createOnly": strip(schema.get("createOnlyProperties", [])),
            "readOnly": strip(schema.get("readOnlyProperties", [])),
            "primaryIdentifier": strip(schema.get("primaryIdentifier", [])),
            "properties": dict(sorted(out.items())),
        }
    return section


def regions_section(loader):
    endpoints = loader.load_data("endpoints")
    section = {}
    for partition in endpoints["partitions"]:
        known = set(partition["regions"])
        per_service = {}
        for service in REGION_SERVICES:
            names = partition["services"].get(service, {}).get("endpoints", {})
            # Only real regions: FIPS and other variants are endpoints, not regions.
            per_service[service] = sorted(name for name in names if name in known)
        both = sorted(set.intersection(*(set(v) for v in per_service.values())))
        section[partition["partition"]] = {**per_service, "incidentManager": both}
    return section


def build():
    loader = botocore.loaders.Loader()
    api, versions = api_section(loader)
    return {
        "generatedBy": "scripts/aws-constraints.py",
        "sources": {
            "botocore": botocore.__version__,
            "cfn-lint": cfnlint.__version__ if hasattr(cfnlint, "__version__") else version_of("cfn-lint"),
            "apiVersions": versions,
        },
        "regions": regions_section(loader),
        "api": api,
        "cloudformation": cfn_section(),
    }


def version_of(dist):
    from importlib.metadata import version

    return version(dist)


def main():
    text = json.dumps(build(), indent=1, sort_keys=False, ensure_ascii=False) + "\n"
    if "--check" in sys.argv[1:]:
        with open(OUT, encoding="utf-8") as f:
            old = f.read()
        if old == text:
            print("aws/models/constraints.json matches the installed AWS models")
            return 0
        import difflib

        diff = list(difflib.unified_diff(old.splitlines(), text.splitlines(), "committed", "models", lineterm="", n=0))
        print("aws/models/constraints.json is out of date with the installed AWS models "
              "(run python3 scripts/aws-constraints.py and review the change):")
        print("\n".join(diff[:40]))
        return 1
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(OUT)}: {len(text)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
