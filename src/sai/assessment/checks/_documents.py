"""What every document check starts from: the document is built, not stale, and its newest
version is published. Anything short of that is inconclusive with the command to run."""

from __future__ import annotations

from sai.assessment.checks.base import Check, CheckContext
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.documents import Sources, Status, status
from sai.ledger.kinds import Kind

READS: tuple[Kind, ...] = (Kind.MANIFEST_RECORDED, Kind.DOCUMENT_BUILT, Kind.DOCUMENT_PUBLISHED)
BUILD = "run `sai docs build`, then `sai docs publish`"


def sources(ctx: CheckContext) -> Sources:
    """The documents' sources as the assessment sees them."""
    return Sources(ctx.manifest, ctx.ledger)


def published(
    check: Check, provision: Provision, ctx: CheckContext, name: str
) -> Status | CheckResult:
    """The current status of ``name``, or the inconclusive result saying what is missing."""
    st = status(sources(ctx), name)
    used = [ctx.manifest_entry, *st.entries()]
    if st.built is None:
        return check.result(
            provision, Verdict.INCONCLUSIVE, f"the {name} document was never built; {BUILD}", used
        )
    version = st.built[1].version
    if st.stale:
        return check.result(
            provision,
            Verdict.INCONCLUSIVE,
            f"the {name} document (version {version}) is stale: {', '.join(st.changed)} "
            f"changed since it was built; {BUILD}",
            used,
        )
    if not st.published_current:
        return check.result(
            provision,
            Verdict.INCONCLUSIVE,
            f"version {version} of {name} is built but not published; run `sai docs publish`",
            used,
        )
    return st


def readable(
    check: Check, provision: Provision, ctx: CheckContext, st: Status
) -> CheckResult | None:
    """A fail when a notice reads harder than ``documents.readability_floor``, else None."""
    assert st.built is not None
    score = st.built[1].readability
    floor = ctx.manifest.documents.readability_floor
    if score is None or score < floor * 10:
        shown = "no score" if score is None else f"reading ease {score / 10:.1f}"
        return check.result(
            provision,
            Verdict.FAIL,
            f"the {st.name} notice has {shown}, under the floor of {floor}; write shorter "
            "sentences and plainer words in sai.yaml's texts, then `sai docs build`",
            [ctx.manifest_entry, *st.entries()],
        )
    return None


__all__ = ["BUILD", "READS", "published", "readable", "sources"]
