#!/usr/bin/env python3
"""Generates Sources/ChainGraphServer/OpenAPIDocument.swift: the OpenAPI 3.1 document of the
chain map API (SPEC §7), served by `chaingraph serve` at /api/openapi.json.

    python3 scripts/make_openapi.py

Edit the API description here, rerun, and commit both files. ChainMapTests checks that the
served document is JSON and lists every endpoint.
"""

import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Sources", "ChainGraphServer", "OpenAPIDocument.swift")


def param(name, description, required=False, schema=None, where="query"):
    return {"name": name, "in": where, "required": required, "description": description,
            "schema": schema or {"type": "string"}}


def ref(kind, name):
    return {"$ref": f"#/components/{kind}/{name}"}


INTEGER = {"type": "integer", "minimum": 1}
ERRORS = {code: ref("responses", "Error") for code in ("400", "404", "409")}


def endpoint(summary, params, ok="Rows", cli=None):
    operation = {"summary": summary, "parameters": params, "responses": {"200": ref("responses", ok), **ERRORS}}
    if cli:
        operation["description"] = f"Equals `{cli}`."
    return {"get": operation}


COMMON = [ref("parameters", "top"), ref("parameters", "format")]
LOCAL = ref("parameters", "local")
VIEW = [LOCAL, ref("parameters", "part"), ref("parameters", "format")]

document = {
    "openapi": "3.1.0",
    "info": {
        "title": "ChainGraph chain map API", "version": "0.2.0",
        "description": "The JSON API of `chaingraph serve` (SPEC §7). Read-only; row endpoints return exactly the rows "
                       "of the CLI's `--format json`. Unknown parameters, repeated ones and bad values are 400 naming "
                       "the parameter; unknown firm and segment ids are 404; a dataset without segments.csv answers "
                       "409 for analyses that need the chain tree.",
    },
    "paths": {
        "/api/summary": endpoint("Dataset summary (metric,value).", COMMON, cli="chaingraph summary --format json"),
        "/api/regions": endpoint("Every region path of the dataset with its firm count (region,level,firms).", COMMON),
        "/api/local-rate": endpoint(
            "Local supporting rate (本地配套率).",
            [param("by", "Grouping (default segment).", schema={"type": "string", "enum": ["firm", "segment", "chain", "region", "leader"]}),
             LOCAL, param("level", "Relative locality K (instead of local).", schema=INTEGER),
             param("per_chain", "by=leader: leader candidates per chain (default 3).", schema=INTEGER), *COMMON],
            cli="chaingraph local-rate --by BY (--local R | --level K) --format json"),
        "/api/gaps": endpoint(
            "Chain gaps: 空白环节, 缺失配套, 短板, 卡脖子 and 长板 rows with candidates.",
            [LOCAL, param("weak_below", "Weak threshold (default 0.5).", schema={"type": "number"}),
             param("strong_above", "Strong threshold (default 0.8).", schema={"type": "number"}),
             param("type", "Only rows of this type (repeatable).", schema={"type": "string", "enum": [
                 "missing_segment", "missing_link", "weak_segment", "single_source", "strong_segment"]}), *COMMON],
            cli="chaingraph gaps --local R --format json"),
        "/api/leaders": endpoint(
            "Chain leader (链主) ranking per chain.",
            [param("local", "Only firms of R are candidates; the specialist flag is computed."),
             param("per_chain", "Leader candidates per chain (default 3).", schema=INTEGER), *COMMON],
            cli="chaingraph leaders [--local R] --per-chain K --format json"),
        "/api/centrality": endpoint(
            "Centrality of every firm with default options.",
            [param("measure", "The measure.", required=True, schema={"type": "string", "enum": [
                "degree", "pagerank", "katz", "hits", "eigenvector", "betweenness", "closeness", "harmonic"]}), *COMMON],
            cli="chaingraph centrality --measure M --format json"),
        "/api/whatif": endpoint(
            "招商 what-if: a local plant modelled on outside firm F (SPEC §3.7).",
            [LOCAL, param("attract", "The outside firm F.", required=True),
             param("capacity", "The plant's capacity (default: F's total sales).", schema={"type": "number", "minimum": 0}),
             ref("parameters", "format")],
            cli="chaingraph whatif --local R --attract F --format json"),
        "/api/tree": endpoint(
            "The chain trees with each segment's local status, local share and local firms; the status colours; "
            "coverage per chain.", [LOCAL], ok="Tree"),
        "/api/segments/{id}": endpoint(
            "Segment view: segment, local_rate (its row of local-rate --by segment), firms having it or a segment below "
            "it, gaps (its gap rows), candidates (its rows of whatif --rank).",
            [param("id", "Segment id.", required=True, where="path"), *VIEW], ok="View"),
        "/api/firms/{id}": endpoint(
            "Firm view: firm, local_rate (its row of local-rate --by firm), neighbours (suppliers then buyers, local or "
            "not), leaders (its leader-score rows).",
            [param("id", "Firm id.", required=True, where="path"), *VIEW], ok="View"),
        "/api/search": endpoint(
            "Firms whose id or name contains q: exact id, then id prefix, then the others.",
            [param("q", "Text to find.", required=True),
             param("limit", "At most this many rows (default 50).", schema={"type": "integer", "minimum": 1, "maximum": 1000}),
             ref("parameters", "format")]),
        "/api/openapi.json": {"get": {"summary": "This document.", "responses": {"200": {
            "description": "OpenAPI 3.1", "content": {"application/json": {}}}}}},
    },
    "components": {
        "parameters": {
            "local": param("local", "Region R as an analyst types it (湖北, 湖北省, 湖北/武汉, 武汉); default: the server's region."),
            "format": param("format", "json (default: the CLI's --format json rows) or csv (the CLI's CSV, as a download).",
                            schema={"type": "string", "enum": ["json", "csv"]}),
            "top": param("top", "Only the first K rows (the CLI's --top; gaps: K per type, leaders: K per chain).",
                         schema={"type": "integer", "minimum": 0}),
            "part": param("part", "One table of the view (with format=csv, a download)."),
        },
        "responses": {
            "Rows": {"description": "Rows exactly as the CLI's --format json prints them: objects keyed by column name.",
                     "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
                                 "text/csv": {"schema": {"type": "string"}}}},
            "View": {"description": "An object whose members are row arrays in the CLI's JSON form.",
                     "content": {"application/json": {"schema": {"type": "object", "additionalProperties": {
                         "type": "array", "items": {"type": "object"}}}}}},
            "Tree": {"description": "{region, statuses: [{status, fill, stroke, zh, en}], coverage: rows of `chaingraph "
                                    "coverage`, chains: [{chain, segments: [{id, name, parent, depth, is_leaf, status, "
                                    "local_share, local_firms}]}]}",
                     "content": {"application/json": {"schema": {"type": "object"}}}},
            "Error": {"description": "{\"error\": message, \"parameter\": the parameter at fault or null, \"status\": code}",
                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
        },
        "schemas": {"Error": {"type": "object", "required": ["error", "status"], "properties": {
            "error": {"type": "string"}, "parameter": {"type": ["string", "null"]}, "status": {"type": "integer"}}}},
    },
}

text = json.dumps(document, ensure_ascii=False, indent=1)
assert '"""#' not in text
with open(OUT, "w", encoding="utf-8") as fh:
    fh.write("// GENERATED by scripts/make_openapi.py — do not edit; rerun the script instead.\n\n"
             "/// The OpenAPI 3.1 document of the chain map API, served at `/api/openapi.json`.\n"
             "enum OpenAPIDocument {\n    /// The document's JSON text.\n    static let json = #\"\"\"\n" + text + "\n\"\"\"# + \"\\n\"\n}\n")
print(f"wrote {OUT}")
