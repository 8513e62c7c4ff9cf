"""Re-performable evidence: re-run, from the files an auditor holds, what cited entries claim.

Origin stops a person from writing a measurement by hand, not an operator with the library.
So an auditor given the project's files re-runs the measurements behind the report's cited
entries with the same code: file and folder digests (``inventory.scan``, ``asset.recorded``),
model signatures (``asset.signed``, ``asset.verified``), model scans (``scan.result``), and the
AI-BOM's hashes. Each claim comes out confirmed, contradicted by the files, or unsettled.

    >>> outcome = reperform(entries, Path("project"))   # entries: index -> Evidence
    >>> [finding.line() for finding in outcome.contradicted]
"""

from sai.reperform.base import Files, Finding, Outcome, Reperformer
from sai.reperform.run import REPERFORMERS, ReperformOutcome, reperform, reperformable_kinds

__all__ = [
    "REPERFORMERS",
    "Files",
    "Finding",
    "Outcome",
    "ReperformOutcome",
    "Reperformer",
    "reperform",
    "reperformable_kinds",
]
