"""The prompt-injection / jailbreak scanner over a calibrated detector tier."""

from __future__ import annotations

import dataclasses
import os
from typing import ClassVar

from sai.guards.base import (
    Action,
    Direction,
    Guard,
    GuardContext,
    GuardId,
    GuardResult,
    GuardSettings,
    OnMatch,
    SharedResources,
    Span,
)
from sai.guards.errors import GuardConfigError
from sai.guards.injection._detector import Detector, logit, sigmoid
from sai.guards.injection._scored import (
    SCORED_BYTES,
    Bounds,
    Scored,
    by_score,
    clip,
    marks,
    shift,
)
from sai.guards.injection.document import DocumentDetector
from sai.guards.injection.loader import TierName, load_detector, load_document_detector
from sai.guards.injection.parts import (
    DOCUMENT_MIN,
    DOCUMENT_UNITS,
    complement,
    document_like,
    find_documents,
    merge,
)


class InjectionGuard(Guard):
    """Flags prompt injections and jailbreaks, and instructions planted in documents.

    Options: ``tier`` (fast, semantic or combined) for the user's own instructions;
    ``documents`` (on, off) for the document detector, which scores the stretches that are data
    (the gateway's tool results and marked data, and documents pasted into a message: see
    :mod:`.parts`). The score is a calibrated probability; a document finding is put on the
    instruction detector's scale, so one threshold serves both (the default is the validated one).
    ``documents_action`` (block, review; unset: the guard's action) is what a finding of the
    document detector does, so that planted instructions can go to a reviewer while direct
    injections are blocked.
    """

    name: ClassVar[GuardId] = GuardId("injection")
    directions: ClassVar[frozenset[Direction]] = frozenset({Direction.input})
    can_redact: ClassVar[bool] = False
    default_action: ClassVar[OnMatch] = OnMatch.block
    uses_memo: ClassVar[bool] = True

    def __init__(
        self,
        settings: GuardSettings | None = None,
        *,
        detector: Detector | None = None,
        documents: DocumentDetector | None = None,
    ) -> None:
        super().__init__(settings)
        if detector is None:
            detector = load_detector(self._tier())
        self.detector = detector
        wanted = self.settings.option("documents", "on")
        if wanted not in ("on", "off"):
            raise GuardConfigError(
                f"guards.injection.documents: {wanted!r} is not on or off", hint="use on or off"
            )
        if wanted == "on" and documents is None:
            documents = load_document_detector()
        self.documents = documents if wanted == "on" else None
        #: The action of a document finding, when it differs from the guard's.
        self.documents_action = _documents_action(self.settings)
        #: Who this guard is for the field cache: one per instance (settings and models).
        self._identity = os.urandom(16)

    def _tier(self) -> TierName:
        raw = self.settings.option("tier", TierName.fast.value)
        try:
            return TierName(raw)
        except ValueError:
            choices = ", ".join(t.value for t in TierName)
            raise GuardConfigError(
                f"guards.injection.tier: {raw!r} is not a tier", hint=f"use one of {choices}"
            ) from None

    @classmethod
    def build(cls, settings: GuardSettings | None, shared: SharedResources) -> Guard:
        """Guards of one tier share its loaded detectors (~0.5 s and their memory each)."""
        tier = (settings or GuardSettings()).option("tier", TierName.fast.value)
        key, doc_key = ("injection-detector", tier), ("injection-documents",)
        found, docs = shared.get(key), shared.get(doc_key)
        guard = cls(
            settings,
            detector=found if isinstance(found, Detector) else None,
            documents=docs if isinstance(docs, DocumentDetector) else None,
        )
        shared[key] = guard.detector
        if guard.documents is not None:
            shared[doc_key] = guard.documents
        return guard

    @property
    def light(self) -> bool:
        """The fast tier and the document detector are regular expressions and numpy on small
        arrays; the semantic tiers run a neural encoder that releases the GIL."""
        return self.detector.name == TierName.fast.value

    @property
    def threshold(self) -> float:
        """The configured threshold, else the detector's validated default."""
        if self.settings.threshold is not None:
            return self.settings.threshold
        return self.detector.threshold

    def _document(self, text: str, start: int, end: int) -> Scored:
        assert self.documents is not None
        finding = self.documents.score(text[start:end])
        shift = logit(self.detector.threshold) - logit(self.documents.threshold)
        score = sigmoid(logit(finding.probability) + shift)
        return Scored(score, finding, start, "document")

    def _instruction(self, text: str, start: int, end: int, *, long: bool = False) -> Scored:
        """The instruction detector's finding; on an unmarked long text (``long``) its
        probability is put on the usual scale from the threshold that kept its false positives
        on benign documents at 1% (fast tier only: the others keep their own)."""
        finding = self.detector.score(text[start:end])
        score = finding.probability
        limit = self.documents.long_threshold if self.documents is not None else None
        if long and limit is not None and self.detector.name == TierName.fast.value:
            score = sigmoid(logit(score) - logit(limit) + logit(self.detector.threshold))
        return Scored(score, finding, start, self.detector.name)

    def _unit(self, text: str, data: Bounds, fields: Bounds) -> list[Scored]:
        """Every detector's finding on one text read on its own (offsets into ``text``)."""
        if self.documents is None:
            return [self._instruction(text, 0, len(text))]
        pasted = find_documents(text)
        if pasted:
            pasted = [(pasted[0][0], pasted[-1][1])]
        marked = merge([*data, *pasted]) if data or pasted else []
        scored = [self._document(text, start, end) for start, end in marked]
        if not marked:
            scored.append(self._instruction(text, 0, len(text), long=len(text) >= DOCUMENT_MIN))
            for start, end in fields or ((0, len(text)),):
                if document_like(text[start:end]):
                    scored.append(self._document(text, start, end))
        for start, end in complement(marked, len(text)) if marked else []:
            if text[start:end].strip():
                scored.append(self._instruction(text, start, end))
        return scored

    def findings(self, text: str, context: GuardContext) -> list[Scored]:
        """Every detector's finding on its part of ``text``.

        Data: the stretches the context marks, and the stretch from the first to the last
        pasted document found in the text (a planted line that broke a table or an e-mail in
        two stays inside it). The instruction detector reads the rest; an unmarked text of
        ``DOCUMENT_MIN`` characters or more, or of ``DOCUMENT_UNITS`` sentences or lines, is
        read by both. When the context lists ``fields``, that rule applies to each field on
        its own (the newlines that joined them are not lines of a document). When it lists
        ``units``, each unit is read on its own as if it were the whole text (characters
        outside every unit are not read): a unit's findings depend on nothing but its text
        and the fields and data marks inside it.
        """
        if not context.units:
            return self._unit(text, context.data, context.fields)
        return [
            shift(found, start)
            for start, end in context.units
            for found in self._unit(text[start:end], *_inside(context, start, end))
        ]

    def _best(self, text: str, start: int, end: int, context: GuardContext) -> Scored:
        """The strongest finding of one unit (the first of equals; offsets into the unit),
        from the context's memo when the same text with the same fields and data marks was
        read before."""
        if context.units:
            part, (data, fields) = text[start:end], _inside(context, start, end)
        else:
            part, data, fields = text, context.data, context.fields
        memo = context.memo
        if memo is None:
            return max(self._unit(part, data, fields), key=by_score)
        key = memo.key(self._identity, marks(data, fields), part)
        found = memo.get(key)
        if not isinstance(found, Scored):
            found = max(self._unit(part, data, fields), key=by_score)
            memo.put(key, found, SCORED_BYTES)
        return found

    def scan(self, text: str, context: GuardContext) -> GuardResult:
        """Score the instructions and the data of ``text``; report the strongest finding."""
        best: Scored | None = None
        offset = 0
        for start, end in context.units or ((0, len(text)),):
            found = self._best(text, start, end, context)
            if best is None or found.score > best.score:
                best, offset = found, start
        assert best is not None
        best = shift(best, offset)  # only the strongest unit's finding is moved into the text
        finding = best.finding
        how = "" if finding.view == "plain" else f" after undoing {finding.view}"
        (start, end), (w_start, w_end) = best.span, best.window
        what = "instruction planted in data" if best.detector == "document" else "injection"
        where = f"characters {start}-{end} (window {w_start}-{w_end})"
        whole = finding.windows <= 1 and best.offset == 0 and len(context.units) <= 1
        if best.detector != "document" and whole:
            where = "the text"
        threshold = self.threshold
        reason = (
            f"{best.detector} detector: {what} p={best.score:.3f} "
            f"(threshold {threshold:.3f}) in {where}{how}"
        )
        if best.score < threshold:  # a probability: allowed, and an allowed result has no spans
            return self.verdict(text, best.score, (), reason)
        spans = [Span(start, end, "injection"), Span(w_start, w_end, "window")]
        result = self.verdict(text, best.score, spans, reason)
        if best.detector == "document" and self.documents_action is not None:
            return dataclasses.replace(result, action=self.documents_action, redacted=None)
        return result


def _documents_action(settings: GuardSettings) -> Action | None:
    raw = settings.option("documents_action", "")
    if raw not in ("", Action.block.value, Action.review.value):
        raise GuardConfigError(
            f"guards.injection.documents_action: {raw!r} is not block or review",
            hint="use block or review, or leave it out for the guard's own action",
        )
    return Action(raw) if raw else None


def _inside(context: GuardContext, start: int, end: int) -> tuple[Bounds, Bounds]:
    """The context's data marks and fields inside the unit ``[start, end)``, relative to it."""
    return clip(context.data, start, end), clip(context.fields, start, end)


__all__ = ["DOCUMENT_MIN", "DOCUMENT_UNITS", "InjectionGuard"]
