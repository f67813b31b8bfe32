"""Transcribe the part of the Zero to JupyterHub chart's values schema that deploy/z2jh/values.yaml touches.

Usage (with a checkout of jupyterhub/zero-to-jupyterhub-k8s at the chart's tag)::

    python deploy/z2jh/transcribe_schema.py CHART/jupyterhub/values.schema.yaml deploy/z2jh/values.yaml \
        --source "jupyterhub/zero-to-jupyterhub-k8s 4.4.0 (commit ...)" > deploy/z2jh/chart_schema_subset.json

For every object the values file enters, the transcription keeps the schema's type, ``additionalProperties``,
``patternProperties`` and the names of *all* the properties the chart defines there (so a misspelt or invented key
fails the test), recursing only into the keys the values use. Descriptions and ``required`` are dropped (the chart
fills in its defaults). It is a small excerpt for an offline check, not a copy of the chart.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import yaml

KEEP = ("type", "enum", "additionalProperties", "patternProperties", "pattern")


def prune(schema: dict[str, Any], values: Any) -> dict[str, Any]:
    """The schema node with the properties ``values`` uses transcribed and the others named only."""
    out = {k: schema[k] for k in KEEP if k in schema}
    if isinstance(out.get("additionalProperties"), dict):
        out["additionalProperties"] = True
    if "patternProperties" in out:
        out["patternProperties"] = {p: {"type": s.get("type", "object")} for p, s in out["patternProperties"].items()}
    props = schema.get("properties")
    if props is not None:
        used = values if isinstance(values, dict) else {}
        out["properties"] = {
            name: prune(sub, used[name]) if name in used else {} for name, sub in sorted(props.items())
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("schema")
    parser.add_argument("values")
    parser.add_argument("--source", required=True, help="repository, tag and commit the schema came from")
    args = parser.parse_args(argv)
    with open(args.schema, encoding="utf-8") as fh:
        schema = yaml.safe_load(fh)
    with open(args.values, encoding="utf-8") as fh:
        values = yaml.safe_load(fh)
    subset = {
        "$comment": f"Transcribed from jupyterhub/values.schema.yaml of {args.source} by "
        "deploy/z2jh/transcribe_schema.py: only the objects deploy/z2jh/values.yaml enters.",
        "$schema": schema.get("$schema", "http://json-schema.org/draft-07/schema#"),
        **prune(schema, values),
    }
    json.dump(subset, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
