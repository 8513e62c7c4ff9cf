"""The threat model as an OWASP Threat Dragon v2 file (its published JSON schema is in tests).

Elements become processes, stores or actors with their threats attached; flows become data
flows (``isPublicNetwork`` where they cross the trust boundary); the organisation is a trust
boundary box. Ids are UUIDs derived from the element and threat ids, so the same model always
gives the same file.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from sai.threats.export.layout import HEIGHT, WIDTH, Box, boundary, place
from sai.threats.export.tables import running

VERSION = "2.4.0"
_NAMESPACE = uuid.UUID("5f3c8e0a-5b0e-4c55-9a3e-7f2a6c1d9b10")
_SHAPES = {
    "actor": ("actor", "tm.Actor"),
    "provider": ("actor", "tm.Actor"),
    "dataset": ("store", "tm.Store"),
    "retrieval": ("store", "tm.Store"),
    "prompt": ("store", "tm.Store"),
    "config": ("store", "tm.Store"),
}
_SEVERITY = {"critical": "High", "high": "High", "medium": "Medium", "low": "Low", "none": "Low"}


def _uuid(text: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, text))


def _threat(number: int, t: Mapping[str, Any]) -> dict[str, Any]:
    controls = [
        f"{c['control']}: running (entries {', '.join(map(str, c['entries']))})"
        if c["running"]
        else f"{c['control']}: not shown running"
        for c in t["controls"]
    ]
    refs = ", ".join([*t["atlas"], *t["owasp"]]) or "no ATLAS or OWASP mapping"
    return {
        "threatId": _uuid(t["id"]),
        "number": number,
        "title": f"{t['title']} [{t['id']}]",
        "type": t["category"],
        "modelType": "Generic",
        "status": "Mitigated" if running(t) and t["level"] in ("low", "none") else "Open",
        "severity": _SEVERITY[t["level"]],
        "score": str(t["residual"]),
        "description": f"{t['description']} ({refs}; inherent {t['inherent']}, "
        f"treatment {t['treatment']}, owner {t['owner']})",
        "mitigation": "; ".join(controls) or "no sai control mitigates this threat",
    }


def _node(box: Box, threats: list[dict[str, Any]]) -> dict[str, Any]:
    shape, kind = _SHAPES.get(box.kind, ("process", "tm.Process"))
    return {
        "id": _uuid(box.id),
        "shape": shape,
        "zIndex": 10,
        "visible": True,
        "position": {"x": box.x, "y": box.y},
        "size": {"width": WIDTH, "height": HEIGHT},
        "attrs": {
            "text": {"text": box.name},
            "body": {
                "stroke": "red" if threats else "#333333",
                "strokeWidth": 1.5,
                "strokeDasharray": "",
            },
        },
        "data": {
            "type": kind,
            "name": box.name,
            "description": f"{box.kind} {box.name}",
            "outOfScope": False,
            "reasonOutOfScope": "",
            "hasOpenThreats": any(t["status"] == "Open" for t in threats),
            "threats": threats,
        },
        "threats": threats,
    }


def _flow(flow: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": _uuid(f"{flow['source']}->{flow['target']}:{flow['label']}"),
        "shape": "flow",
        "zIndex": 20,
        "connector": "smooth",
        "source": {"cell": _uuid(flow["source"])},
        "target": {"cell": _uuid(flow["target"])},
        "attrs": {
            "line": {
                "stroke": "#333333",
                "strokeWidth": 1,
                "targetMarker": "block",
                "sourceMarker": "",
                "strokeDasharray": "",
            }
        },
        "data": {
            "type": "tm.Flow",
            "name": flow["label"],
            "description": "",
            "isPublicNetwork": flow["crosses"],
            "isEncrypted": False,
            "isBidirectional": False,
            "outOfScope": False,
            "reasonOutOfScope": "",
            "hasOpenThreats": False,
            "threats": [],
        },
    }


def threat_dragon(data: Mapping[str, Any]) -> dict[str, Any]:
    """The Threat Dragon v2 document of the recorded threat model ``data``."""
    boxes = place(data["elements"])
    by_element: dict[str, list[dict[str, Any]]] = {}
    for number, t in enumerate(data["threats"], 1):
        by_element.setdefault(t["element"], []).append(_threat(number, t))
    x, y, width, height = boundary(boxes)
    cells: list[dict[str, Any]] = [
        {
            "id": _uuid(f"boundary:{data['system']}"),
            "shape": "trust-boundary-box",
            "zIndex": -1,
            "visible": True,
            "position": {"x": x, "y": y},
            "size": {"width": width, "height": height},
            "attrs": {"headerText": {"text": "organisation"}},
            "data": {
                "type": "tm.BoundaryBox",
                "name": "organisation",
                "description": "",
                "isTrustBoundary": True,
                "hasOpenThreats": False,
            },
        }
    ]
    cells += [_node(b, by_element.get(b.id, [])) for b in boxes]
    cells += [_flow(f) for f in data["flows"]]
    return {
        "version": VERSION,
        "summary": {
            "title": f"Threat model of {data['system']}",
            "owner": "sai",
            "description": data.get("business_need") or "",
            "id": 0,
        },
        "detail": {
            "contributors": [{"name": "sai threats"}],
            "diagrams": [
                {
                    "id": 0,
                    "title": data["system"],
                    "diagramType": "Generic",
                    "placeholder": "Generated by sai from sai.yaml and the evidence ledger",
                    "thumbnail": "./public/content/images/thumbnail.jpg",
                    "version": VERSION,
                    "cells": cells,
                }
            ],
            "diagramTop": 1,
            "reviewer": "",
            "threatTop": len(data["threats"]),
        },
    }


def threat_dragon_text(data: Mapping[str, Any]) -> str:
    """`threat_dragon` as indented JSON."""
    return json.dumps(threat_dragon(data), indent=2, ensure_ascii=False) + "\n"


__all__ = ["VERSION", "threat_dragon", "threat_dragon_text"]
