"""Croissant 1.1 JSON-LD for a dataset, with its provenance in PROV-O terms.

The distribution carries the recorded digest and the URL the data came from; the record set
names each column (as text: sai records cells as text); the provenance says the data was
derived from the source URL by a retrieval activity at the recorded time, run by the
retriever, with the HTTP validators the server gave. Built from the ledger's
``data.provenance`` entry, so the export states what was recorded, not what a person typed.
"""

from __future__ import annotations

import re
from typing import Any

from sai.ledger import Entry
from sai.manifest.schema import DatasetSpec
from sai.provenance.record import ProvenanceRecord

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"

CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "equivalentProperty": "cr:equivalentProperty",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

_MEDIA = {"csv": "text/csv", "parquet": "application/x-parquet", "jsonl": "application/jsonl"}


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text) or "column"


def croissant(
    spec: DatasetSpec, record: ProvenanceRecord, entry: Entry, *, description: str
) -> dict[str, Any]:
    """The Croissant document of ``spec`` as recorded in ``entry``."""
    file_id = _slug(record.path.rsplit("/", 1)[-1])
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "@id": f"urn:sai:dataset:{spec.name}",
        "name": spec.name,
        "description": description,
        "conformsTo": CONFORMS_TO,
        "url": record.final_url or record.source_url,
        "license": record.licence or "unknown",
        "citeAs": record.source_url,
        "datePublished": record.retrieved[:10],
        "distribution": [
            {
                "@type": "cr:FileObject",
                "@id": file_id,
                "name": file_id,
                "contentUrl": record.path,
                "encodingFormat": _MEDIA.get(record.format or "", "application/octet-stream"),
                "sha256": record.digest.removeprefix("sha256:"),
                "contentSize": f"{record.size} B",
            }
        ],
        **_provenance(spec, record, entry),
    }
    if record.columns and record.format in ("csv", "parquet"):
        document["recordSet"] = [_record_set(spec.name, file_id, record.columns)]
    return document


def _record_set(name: str, file_id: str, columns: tuple[str, ...]) -> dict[str, Any]:
    return {
        "@type": "cr:RecordSet",
        "@id": _slug(name),
        "name": _slug(name),
        "field": [
            {
                "@type": "cr:Field",
                "@id": f"{_slug(name)}/{_slug(column)}",
                "name": column,
                "dataType": "sc:Text",
                "source": {"fileObject": {"@id": file_id}, "extract": {"column": column}},
            }
            for column in columns
        ],
    }


def _provenance(spec: DatasetSpec, record: ProvenanceRecord, entry: Entry) -> dict[str, Any]:
    activity: dict[str, Any] = {
        "@type": "prov:Activity",
        "@id": f"urn:sai:ledger:entry:{entry.index}",
        "prov:startedAtTime": {"@value": record.retrieved, "@type": "xsd:dateTime"},
        "prov:wasAssociatedWith": {"@type": "prov:Agent", "name": record.retriever},
        "prov:used": {"@id": record.final_url or record.source_url},
        "description": (
            f"{'Downloaded' if record.method == 'fetch' else 'Obtained'} by "
            f"{record.retriever}; recorded in the sai ledger as entry {entry.index}"
        ),
    }
    validators = {
        "http_date": record.http_date,
        "etag": record.etag,
        "last_modified": record.last_modified,
        "redirects": list(record.redirects) or None,
    }
    activity["additionalProperty"] = [
        {"@type": "sc:PropertyValue", "name": key, "value": value}
        for key, value in validators.items()
        if value is not None
    ]
    return {
        "prov:wasDerivedFrom": {"@id": record.source_url},
        "prov:wasGeneratedBy": activity,
        "dateModified": record.retrieved,
        "creator": {"@type": "sc:Organization", "name": spec.owner or record.retriever},
    }


__all__ = ["CONFORMS_TO", "croissant"]
