"""End-user notices: how their data is used (5.3.1-1), how to use the system well and what
it must not be used for (5.3.1-2, 5.3.1-2.1, 5.1.4-5, 5.3.1-2.2, 5.3.1-3, 5.4.1-1.1), and why
components with thin documentation are used anyway (5.2.3-2.2)."""

from __future__ import annotations

from typing import Any

from sai.documents.base import Audience, DocumentType, system_facts
from sai.documents.cards import failure_modes, guardrails
from sai.documents.disclosure import POLICY_PATH, public_base
from sai.documents.sources import Sources, Used
from sai.manifest.schema import ModelSpec

_PERSONAL = ("personal", "special-category")


class DataUseNotice(DocumentType):
    """What happens to what end users send: stored, read by staff, kept, used to retrain."""

    name = "data-use"
    title = "How your data is used"
    audience = Audience.public
    provisions = ("5.3.1-1",)
    path = "/notices/data-use"
    notice = True

    def collect(self, sources: Sources, used: Used) -> dict[str, Any]:
        manifest = sources.manifest
        gateway = manifest.gateway
        return {
            "system": system_facts(sources),
            "text_stored": gateway.audit_text,
            "staff_review": [g.value for g in gateway.policies.review_on],
            "retention_days": manifest.documents.retention_days,
            "retrains": manifest.documents.retrains_on_user_data,
            "feature_log": any(m.path for m in manifest.models)
            and manifest.monitoring.extraction.sample_rate > 0,
            "personal_training_data": [
                d.name
                for d in manifest.datasets
                if (s := d.effective_sensitivity) is not None and s.value in _PERSONAL
            ],
        }


class UserGuide(DocumentType):
    """Proper use, limits, failure behaviour, prohibited uses, updates and incident help."""

    name = "user-guide"
    title = "Using the system safely"
    audience = Audience.public
    provisions = ("5.3.1-2", "5.3.1-2.1", "5.1.4-5", "5.3.1-2.2", "5.3.1-3", "5.4.1-1.1")
    path = "/notices/user-guide"
    notice = True

    def collect(self, sources: Sources, used: Used) -> dict[str, Any]:
        manifest = sources.manifest
        rails = guardrails(sources)
        base = public_base(sources)
        return {
            "system": system_facts(sources),
            "prohibited_uses": list(manifest.prohibited_uses),
            "failure_modes": failure_modes(sources, used),
            "blocked": sorted({*rails["input"], *rails["output"]}),
            "held_for_review": rails["review_on"],
            "versions": [{"name": r.name, "preview": r.preview} for r in manifest.gateway.models],
            "notice_days": manifest.documents.notice_days,
            "feed": base + "/updates.atom",
            "policy": base + POLICY_PATH,
        }


def _thin(model: ModelSpec) -> list[str]:
    """What a model's documentation lacks (empty: well documented)."""
    card = model.card
    missing = []
    if card is None or not card.description:
        missing.append("no description")
    if not model.in_house and (card is None or not card.licence):
        missing.append("no licence")
    if not model.in_house and not model.trained_on:
        missing.append("no training data named")
    return missing


class ComponentsNotice(DocumentType):
    """Components that are not well documented, what is missing and why they are used."""

    name = "components"
    title = "Parts we know less about"
    audience = Audience.public
    provisions = ("5.2.3-2.2",)
    path = "/notices/components"
    notice = True

    def collect(self, sources: Sources, used: Used) -> dict[str, Any]:
        manifest = sources.manifest
        reasons = {j.component: j.reason for j in manifest.documents.justifications}
        thin: list[dict[str, Any]] = [
            {"name": m.name, "missing": gaps, "reason": reasons.get(m.name)}
            for m in manifest.models
            if (gaps := _thin(m))
        ]
        thin += [
            {"name": d.name, "missing": ["no recorded source"], "reason": reasons.get(d.name)}
            for d in manifest.datasets
            if not d.sources
        ]
        return {"system": system_facts(sources), "components": thin}


__all__ = ["ComponentsNotice", "DataUseNotice", "UserGuide"]
