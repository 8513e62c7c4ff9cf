"""The conformance engine: ICS, checks, verdicts, attestations and the verifiable report.

It reads only the ledger and the catalog (plus the manifest, which it records in the ledger
first), so every verdict can be traced to signed evidence.
"""

from sai.assessment.engine import AssessmentOutcome, run_assessment
from sai.assessment.ics import Ics, IcsRow, Status, build_ics
from sai.assessment.verdict import CheckResult, Verdict, combine, meets

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
