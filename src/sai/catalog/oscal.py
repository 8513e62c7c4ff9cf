"""Export the catalog as an OSCAL catalog (JSON), for GRC tools that read OSCAL.

Layout: one group per phase, holding one group per principle, holding one control per
provision; sub-provisions are controls nested in their parent. Each control carries props for
its label and sort order, and sai-namespaced props for force, phase and roles; a `statement`
part holds our summary and a `guidance` part the evidence hints.

The document is built from plain dicts, so compliance-trestle stays optional; when it is
installed and supports our OSCAL version, the result is validated with its models before it
is returned. UUIDs are uuid5 values derived from fixed names, so the output is byte-for-byte
deterministic for a given catalog and ``last_modified``.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from sai.catalog.model import Catalog, Phase, Principle, Provision, sorted_forces, sorted_roles

#: The OSCAL version written (the catalog model is unchanged across 1.1.x and 1.2.x).
OSCAL_VERSION = "1.2.1"
#: Namespace of sai's own props (force, phase, role).
SAI_OSCAL_NS = "https://example.invalid/sai/ns/oscal"
#: ``metadata.last-modified`` unless the caller passes one; bump it when the data changes.
DEFAULT_LAST_MODIFIED = datetime(2026, 11, 24, tzinfo=UTC)
#: Root of every uuid5 in the document.
UUID_ROOT = uuid.uuid5(uuid.NAMESPACE_URL, "https://example.invalid/sai/catalog/etsi-en-304-223")

PHASE_TITLES = {
    Phase.design: "Secure design",
    Phase.development: "Secure development",
    Phase.deployment: "Secure deployment",
    Phase.maintenance: "Secure maintenance",
    Phase.end_of_life: "Secure end of life",
}

REMARKS = (
    "Statements and guidance in this catalog are summaries written for sai in its own words; "
    "they are not the text of the standard. Provision ids, clause numbers and principle "
    "headings follow ETSI EN 304 223. Consult the standard itself for the normative wording."
)


class OscalExportError(RuntimeError):
    """The generated document failed OSCAL validation: a bug in sai, not in the user's input."""


def to_oscal(catalog: Catalog, *, last_modified: datetime | None = None) -> dict[str, Any]:
    """The catalog as an OSCAL ``{"catalog": ...}`` document (validated if trestle is present)."""
    stamp = last_modified or DEFAULT_LAST_MODIFIED
    if stamp.tzinfo is None:
        raise ValueError("last_modified must be timezone-aware (OSCAL requires an offset)")
    version_key = _token(catalog.version)
    document = {
        "catalog": {
            "uuid": _uuid(f"{version_key}/catalog"),
            "metadata": {
                "title": f"{catalog.standard} {catalog.version}: provisions (sai catalog)",
                "last-modified": stamp.isoformat(),
                "version": catalog.version,
                "oscal-version": OSCAL_VERSION,
                "remarks": REMARKS,
            },
            "groups": [_phase_group(catalog, phase) for phase in _phases(catalog)],
            "back-matter": {
                "resources": [
                    {
                        "uuid": _uuid(f"{version_key}/resource/standard"),
                        "title": f"{catalog.standard} {catalog.version}",
                        "citation": {
                            "text": f"{catalog.standard} {catalog.version}, "
                            "Securing Artificial Intelligence (SAI); Baseline Cyber Security "
                            "Requirements for AI Models and Systems. ETSI."
                        },
                    }
                ]
            },
        }
    }
    _validate(document)
    return document


def oscal_json(catalog: Catalog, *, last_modified: datetime | None = None) -> str:
    """`to_oscal` serialised as indented JSON with a trailing newline."""
    document = to_oscal(catalog, last_modified=last_modified)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def control_id(provision_id: str) -> str:
    """The OSCAL control id of a provision (OSCAL ids cannot start with a digit)."""
    return f"en304223-{provision_id}"


def _phases(catalog: Catalog) -> list[Phase]:
    return [phase for phase in Phase if any(p.phase is phase for p in catalog.principles)]


def _phase_group(catalog: Catalog, phase: Phase) -> dict[str, Any]:
    return {
        "id": f"phase-{phase.value.replace('_', '-')}",
        "class": "phase",
        "title": PHASE_TITLES[phase],
        "props": [_sai_prop("phase", phase.value)],
        "groups": [
            _principle_group(catalog, principle)
            for principle in catalog.principles
            if principle.phase is phase
        ],
    }


def _principle_group(catalog: Catalog, principle: Principle) -> dict[str, Any]:
    props = [{"name": "label", "value": principle.clause}]
    props += [
        _sai_prop("primary-role", role.value) for role in sorted_roles(principle.primary_roles)
    ]
    top_level = [
        p for p in catalog.provisions if p.principle == principle.number and p.parent is None
    ]
    return {
        "id": f"principle-{principle.number}",
        "class": "principle",
        "title": f"Principle {principle.number}: {principle.title}",
        "props": props,
        "controls": [_control(catalog, provision) for provision in top_level],
    }


def _control(catalog: Catalog, provision: Provision) -> dict[str, Any]:
    cid = control_id(provision.id)
    props: list[dict[str, str]] = [
        {"name": "label", "value": provision.id},
        {"name": "sort-id", "value": _sort_id(provision.id)},
    ]
    props += [_sai_prop("force", force.value) for force in sorted_forces(provision.forces)]
    props.append(_sai_prop("phase", provision.phase.value))
    props += [_sai_prop("role", role.value) for role in sorted_roles(provision.roles)]
    evidence = "\n".join(f"- {hint}" for hint in provision.evidence)
    control: dict[str, Any] = {
        "id": cid,
        "class": "provision" if provision.parent is None else "sub-provision",
        "title": f"Provision {provision.id}",
        "props": props,
        "parts": [
            {"id": f"{cid}_smt", "name": "statement", "prose": provision.summary},
            {
                "id": f"{cid}_gdn",
                "name": "guidance",
                "prose": f"Evidence that would show this provision is met:\n\n{evidence}",
            },
        ],
    }
    children = catalog.children(provision.id)
    if children:
        control["controls"] = [_control(catalog, child) for child in children]
    return control


def _sai_prop(name: str, value: str) -> dict[str, str]:
    return {"name": name, "ns": SAI_OSCAL_NS, "value": value}


def _sort_id(provision_id: str) -> str:
    """Zero-padded so that string order is the standard's order (5.2.10 after 5.2.9)."""
    return ".".join(f"{int(n):02d}" for n in re.findall(r"\d+", provision_id))


def _token(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "-", text).strip("-").lower()


def _uuid(name: str) -> str:
    return str(uuid.uuid5(UUID_ROOT, name))


def _validate(document: dict[str, Any]) -> None:
    """Check the document with compliance-trestle's OSCAL models, when they are installed."""
    try:
        import trestle.oscal as trestle_oscal
        from trestle.oscal.catalog import Catalog as TrestleCatalog
    except ImportError:  # the `oscal` extra is optional
        return
    if not re.match(trestle_oscal.OSCAL_VERSION_REGEX, OSCAL_VERSION):
        return  # an older trestle models another OSCAL version; nothing meaningful to check
    try:
        TrestleCatalog.model_validate(document["catalog"])
    except ValueError as error:  # pydantic's ValidationError is a ValueError
        raise OscalExportError(f"generated OSCAL catalog is invalid: {error}") from error


__all__ = [
    "DEFAULT_LAST_MODIFIED",
    "OSCAL_VERSION",
    "SAI_OSCAL_NS",
    "OscalExportError",
    "control_id",
    "oscal_json",
    "to_oscal",
]
