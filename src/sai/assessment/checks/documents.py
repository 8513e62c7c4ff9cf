"""Checks of the published documents: system card (5.2.4-1, 5.2.4-1.1), disclosure policy
and security.txt (5.2.2-4), end-user notices (5.3.1-1, 5.3.1-2, 5.3.1-2.1, 5.1.4-5) and the
justification of thinly documented components (5.2.3-2.2).

Each passes only on a document that is built, not stale and published in its newest version;
the rest of the rule is about what the document's recorded facts say.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from sai.assessment.checks._documents import READS, published, readable
from sai.assessment.checks.base import Check, CheckContext, listing
from sai.assessment.verdict import CheckResult, Verdict
from sai.catalog import Provision
from sai.documents.record import latest_published
from sai.ledger.kinds import Kind


class SystemCardPublished(Check):
    """The system card is published and current, with data sources and failure modes."""

    name = "documents.system_card"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.4-1", "5.2.4-1.1")
    reads: ClassVar[tuple[Kind, ...]] = (*READS, Kind.ASSET_RECORDED)
    sufficiency = (
        "the newest system card is published and not stale; for 5.2.4-1.1 it also names a "
        "source for every dataset, a digest for every model and at least one failure mode"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        st = published(self, provision, ctx, "system-card")
        if isinstance(st, CheckResult):
            return st
        assert st.built is not None
        used = [ctx.manifest_entry, *st.entries()]
        facts = st.built[1].facts
        version = st.built[1].version
        if provision.id == "5.2.4-1.1":
            bare = [d["name"] for d in facts["datasets"] if not d["sources"]]
            if bare:
                return self.result(
                    provision,
                    Verdict.FAIL,
                    f"the card names no source for {listing(bare)}; add datasets[].sources "
                    "to sai.yaml and rebuild",
                    used,
                )
            undigested = [m["name"] for m in facts["models"] if not m["digest"]]
            if undigested:
                return self.result(
                    provision,
                    Verdict.INCONCLUSIVE,
                    f"no digest is recorded for {listing(undigested)}; run `sai inventory "
                    "scan`, then `sai docs build` and `sai docs publish`",
                    used,
                )
            if not facts["failure_modes"]:
                return self.result(
                    provision,
                    Verdict.INCONCLUSIVE,
                    "the card lists no failure mode; add models[].card.limitations or run "
                    "`sai redteam`, then rebuild",
                    used,
                )
        return self.result(
            provision,
            Verdict.PASS,
            f"system card version {version} is published and current "
            f"({len(facts['models'])} models, {len(facts['datasets'])} datasets, "
            f"{len(facts['failure_modes'])} failure modes)",
            used,
        )


class DisclosurePublished(Check):
    """The disclosure policy is published and security.txt is served and unexpired."""

    name = "documents.disclosure"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.2-4",)
    reads: ClassVar[tuple[Kind, ...]] = READS
    sufficiency = (
        "the newest disclosure policy is published and not stale, and the last published "
        "security.txt has not expired"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        st = published(self, provision, ctx, "disclosure-policy")
        if isinstance(st, CheckResult):
            return st
        used = [ctx.manifest_entry, *st.entries()]
        found = latest_published(ctx.ledger, "security-txt")
        if found is None or found[1].expires is None:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "no security.txt has been published; run `sai docs publish`",
                used,
            )
        entry, txt = found
        used.append(entry.index)
        assert txt.expires is not None
        expires = dt.datetime.fromisoformat(txt.expires.replace("Z", "+00:00"))
        if expires <= ctx.now:
            return self.result(
                provision,
                Verdict.FAIL,
                f"security.txt expired on {txt.expires}; run `sai docs publish` to renew it",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"the disclosure policy and security.txt are published (expires {txt.expires})",
            used,
        )


class DataUseNoticePublished(Check):
    """End users are told how their data is used, in plain words."""

    name = "documents.data_use"
    provisions: ClassVar[tuple[str, ...]] = ("5.3.1-1",)
    reads: ClassVar[tuple[Kind, ...]] = READS
    sufficiency = (
        "the newest data-use notice is published, not stale, and at or above the "
        "documented reading-ease floor"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        st = published(self, provision, ctx, "data-use")
        if isinstance(st, CheckResult):
            return st
        hard = readable(self, provision, ctx, st)
        if hard is not None:
            return hard
        assert st.built is not None
        return self.result(
            provision,
            Verdict.PASS,
            f"data-use notice version {st.built[1].version} is published "
            f"(reading ease {(st.built[1].readability or 0) / 10:.1f})",
            [ctx.manifest_entry, *st.entries()],
        )


class UserGuidePublished(Check):
    """The user guide is published, readable, and states limits and prohibited uses."""

    name = "documents.user_guide"
    provisions: ClassVar[tuple[str, ...]] = ("5.3.1-2", "5.3.1-2.1", "5.1.4-5")
    reads: ClassVar[tuple[Kind, ...]] = READS
    sufficiency = (
        "the newest user guide is published, not stale and above the reading-ease floor; "
        "5.3.1-2.1 also needs a failure mode in it, 5.1.4-5 a prohibited use"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        st = published(self, provision, ctx, "user-guide")
        if isinstance(st, CheckResult):
            return st
        hard = readable(self, provision, ctx, st)
        if hard is not None:
            return hard
        assert st.built is not None
        facts, used = st.built[1].facts, [ctx.manifest_entry, *st.entries()]
        if provision.id == "5.3.1-2.1" and not facts["failure_modes"]:
            return self.result(
                provision,
                Verdict.INCONCLUSIVE,
                "the guide names no limitation or failure mode; add models[].card.limitations "
                "or run `sai redteam`, then rebuild",
                used,
            )
        if provision.id == "5.1.4-5" and not facts["prohibited_uses"]:
            return self.result(
                provision,
                Verdict.FAIL,
                "the guide lists no prohibited use; add prohibited_uses to sai.yaml and rebuild",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"user guide version {st.built[1].version} is published "
            f"({len(facts['failure_modes'])} failure modes, "
            f"{len(facts['prohibited_uses'])} prohibited uses)",
            used,
        )


class ComponentsJustified(Check):
    """Every thinly documented component has a published reason."""

    name = "documents.components"
    provisions: ClassVar[tuple[str, ...]] = ("5.2.3-2.2",)
    reads: ClassVar[tuple[Kind, ...]] = READS
    sufficiency = (
        "the newest components notice is published and not stale, and gives a reason for "
        "every model or dataset it lists as thinly documented"
    )

    def run(self, provision: Provision, ctx: CheckContext) -> CheckResult:
        st = published(self, provision, ctx, "components")
        if isinstance(st, CheckResult):
            return st
        assert st.built is not None
        listed = st.built[1].facts["components"]
        used = [ctx.manifest_entry, *st.entries()]
        unreasoned = [c["name"] for c in listed if not c["reason"]]
        if unreasoned:
            return self.result(
                provision,
                Verdict.FAIL,
                f"no reason is published for {listing(unreasoned)}; add "
                "documents.justifications to sai.yaml and rebuild",
                used,
            )
        return self.result(
            provision,
            Verdict.PASS,
            f"the components notice is published; {len(listed)} thinly documented "
            "components, each with its reason",
            used,
        )


__all__ = [
    "ComponentsJustified",
    "DataUseNoticePublished",
    "DisclosurePublished",
    "SystemCardPublished",
    "UserGuidePublished",
]
