"""The conformance engine: ICS, checks, verdicts, attestations and the verifiable report.

It reads only the ledger and the catalog (plus the manifest, which it records in the ledger
first), so every verdict can be traced to signed evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sai._lazy import lazy_attributes
from sai.assessment.ics import Ics, IcsRow, Status, build_ics
from sai.assessment.verdict import CheckResult, Verdict, combine, meets

if TYPE_CHECKING:
    from sai.assessment.engine import AssessmentOutcome, run_assessment

__all__ = [
    "AssessmentOutcome",
    "CheckResult",
    "Ics",
    "IcsRow",
    "Status",
    "Verdict",
    "build_ics",
    "combine",
    "meets",
    "run_assessment",
]


# NOTE: the engine pulls in the ledger and the store; load it only when it is asked for,
# so that `sai verify` and `sai --help` stay light.
__getattr__ = lazy_attributes(
    __name__, dict.fromkeys(("AssessmentOutcome", "run_assessment"), "engine")
)
