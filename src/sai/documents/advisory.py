"""`sai docs advisory`: a security advisory as a CSAF 2.0 document (profile
``csaf_security_advisory``), filed under ``.sai/documents/advisories/ID.json`` and recorded;
``sai docs publish`` serves it with a human page and a feed entry (5.3.1-2.2, 5.4.1-1)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sai import __version__
from sai.documents._files import sha256_text, write_atomic
from sai.documents.disclosure import public_base
from sai.documents.errors import DocumentsError
from sai.documents.record import record_advisory
from sai.documents.sources import Sources, Used
from sai.ledger import Entry, Ledger
from sai.ledger.kinds import DocumentAdvisory
from sai.manifest import Manifest

SEVERITIES = ("low", "medium", "high", "critical")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def next_id(sources: Sources, now: dt.datetime) -> str:
    """``SAI-<year>-<n>``: one more than the advisories already recorded this year."""
    year = now.year
    taken = sum(
        1 for _, a in sources.advisories(Used()) if a.advisory_id.startswith(f"SAI-{year}-")
    )
    return f"SAI-{year}-{taken + 1:03d}"


def csaf_document(
    manifest: Manifest,
    sources: Sources,
    advisory: DocumentAdvisory,
    *,
    now: dt.datetime,
) -> dict[str, Any]:
    """The CSAF 2.0 JSON of ``advisory`` (one vulnerability, the named models affected)."""
    base = public_base(sources)
    publisher = manifest.people.owners[0].name
    products = []
    for number, name in enumerate(advisory.products, start=1):
        digest = sources.asset_digest(name, Used()) or "unrecorded"
        spec = next((m for m in manifest.models if m.name == name), None)
        version = (spec.version if spec and spec.version else None) or digest[:19]
        products.append(
            {
                "category": "product_name",
                "name": name,
                "branches": [
                    {
                        "category": "product_version",
                        "name": version,
                        "product": {
                            "product_id": f"CSAFPID-{number:04d}",
                            "name": f"{name} {version}",
                        },
                    }
                ],
            }
        )
    ids = [f"CSAFPID-{n:04d}" for n in range(1, len(advisory.products) + 1)]
    stamp = _stamp(now)
    return {
        "document": {
            "category": "csaf_security_advisory",
            "csaf_version": "2.0",
            "lang": manifest.documents.languages[0],
            "publisher": {"category": "vendor", "name": publisher, "namespace": base},
            "title": advisory.title,
            "notes": [{"category": "summary", "title": "Summary", "text": advisory.summary}],
            "references": [
                {
                    "category": "self",
                    "summary": "This advisory",
                    "url": f"{base}/advisories/{advisory.advisory_id}.json",
                }
            ],
            "tracking": {
                "id": advisory.advisory_id,
                "status": "final",
                "version": "1",
                "initial_release_date": stamp,
                "current_release_date": stamp,
                "revision_history": [{"date": stamp, "number": "1", "summary": "First release."}],
                "generator": {"engine": {"name": "sai", "version": __version__}, "date": stamp},
            },
        },
        "product_tree": {
            "branches": [{"category": "vendor", "name": publisher, "branches": products}]
        },
        "vulnerabilities": [
            {
                "title": advisory.title,
                "notes": [{"category": "description", "text": advisory.summary}],
                "product_status": {"known_affected": ids},
                "remediations": [
                    {"category": "mitigation", "details": advisory.remediation, "product_ids": ids}
                ],
                "threats": [{"category": "impact", "details": f"Severity: {advisory.severity}."}],
            }
        ],
    }


def issue_advisory(
    ledger: Ledger,
    manifest: Manifest,
    out: Path,
    *,
    title: str,
    severity: str,
    summary: str,
    remediation: str,
    products: Sequence[str],
    advisory_id: str | None,
    actor: str,
    now: dt.datetime,
) -> tuple[Entry, Path]:
    """Write and record an advisory; returns its entry and CSAF file."""
    sources = Sources(manifest, ledger)
    if severity not in SEVERITIES:
        raise DocumentsError(
            f"unknown severity {severity!r}", hint=f"use one of: {', '.join(SEVERITIES)}"
        )
    models = [m.name for m in manifest.models]
    unknown = [p for p in products if p not in models]
    if not products or unknown:
        raise DocumentsError(
            f"unknown affected model {unknown[0]!r}" if unknown else "name the affected models",
            hint=f"pass --model NAME for each of: {', '.join(models)}",
        )
    for label, text in (("title", title), ("summary", summary), ("remediation", remediation)):
        if not text.strip():
            raise DocumentsError(f"the advisory needs a {label}", hint=f"pass --{label} TEXT")
    ident = advisory_id or next_id(sources, now)
    if not _ID.match(ident) or any(a.advisory_id == ident for _, a in sources.advisories(Used())):
        raise DocumentsError(
            f"advisory id {ident!r} is taken or malformed", hint="omit --id to get the next one"
        )
    draft = DocumentAdvisory(
        advisory_id=ident,
        title=title.strip(),
        severity=severity,
        summary=summary.strip(),
        products=tuple(products),
        remediation=remediation.strip(),
        csaf_digest="",
    )
    text = (
        json.dumps(csaf_document(manifest, sources, draft, now=now), indent=2, sort_keys=True)
        + "\n"
    )
    path = out / "advisories" / f"{ident}.json"
    write_atomic(path, text)
    payload = dataclasses.replace(draft, csaf_digest=sha256_text(text))
    return record_advisory(ledger, payload, actor=actor, now=now), path


__all__ = ["SEVERITIES", "csaf_document", "issue_advisory", "next_id"]
