"""The optimised detectors compute what the plain reference code computes (to 1e-9).

The reference (``tests/guards/reference``) is the detectors' code from before the speed work,
run over the same artefacts in the same process, so a retrained model changes both alike.
Texts: the hand-written prompts and documents of these tests, and a few hundred rows of the
shared test split with documents built from them (wrappers the part finder knows, planted
instructions, evasions).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

import pytest

from sai.guards import GuardContext
from sai.guards.injection import InjectionGuard, load_document_detector
from tests.conftest import shared_data
from tests.guards import reference
from tests.guards.reference.guard import InjectionGuard as ReferenceGuard

from ._prompts import BENIGN, CODE, EMAIL, HIDDEN_INSTRUCTION, INJECTIONS, evasions

TOLERANCE = 1e-9


@pytest.fixture(scope="module")
def guards(fast_detector) -> tuple[InjectionGuard, ReferenceGuard]:  # type: ignore[no-untyped-def]
    live = InjectionGuard(detector=fast_detector, documents=load_document_detector())
    return live, reference.guard(live)


def wrapped(rows: list[str], rng: random.Random) -> Iterator[str]:
    """Documents built from ``rows``: the wrappers of ``parts.py``, long plain text, a table."""
    question = "What does this say about the schedule?"
    body = " ".join(rows)
    yield body
    yield "\n".join(rows)
    yield f"Context: {body}\n\nQuestion: {question}"
    yield f"```\n{chr(10).join(rows)}\n```\n{question}"
    yield f"<document>{body}</document>\n{question}"
    yield "".join(f"> {row}\n" for row in rows) + question
    yield f"From: a@example.org\nTo: b@example.org\nSubject: notes\n\n{body}\n\n{question}"
    yield "| id | note |\n|---|---|\n" + "".join(f"| {i} | {r} |\n" for i, r in enumerate(rows))
    planted = list(rows)
    planted.insert(rng.randrange(len(planted) + 1), HIDDEN_INSTRUCTION)
    yield " ".join(planted)
    yield f'Summarise this:\n"""\n{chr(10).join(planted)}\n"""'


def hand_written() -> list[str]:
    texts = [*INJECTIONS, *BENIGN, EMAIL, CODE, HIDDEN_INSTRUCTION, "", "   ", "\u200b\u200b"]
    for text in (*INJECTIONS[:3], BENIGN[0]):
        texts.extend(evasions(text).values())
    texts.append(EMAIL.replace("Best wishes,", f"{HIDDEN_INSTRUCTION}\nBest wishes,"))
    texts.append(EMAIL * 4)
    texts.append("alice\nWhat is the capital of France?\nlookup_city\nLook up facts about a city.")
    texts.append("v1 c0d3 1337 h4x0r 0xdeadbeefcafebabe 12:34:56:78:9a:bc:de:f0 ok")
    texts.extend(wrapped([*BENIGN], random.Random(0)))
    return texts


def split_rows(count: int) -> list[str]:
    path = shared_data("data", "prompt_injection", "test.jsonl", env="SAI_DATA_DIR")
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line)["text"] for line in handle if line.strip()]
    return random.Random(20).sample(rows, count)


def assert_same(live: InjectionGuard, ref: ReferenceGuard, text: str) -> None:
    for name in ("detector", "documents"):
        got, want = getattr(live, name).score(text), getattr(ref, name).score(text)
        assert abs(got.probability - want.probability) <= TOLERANCE, (name, text[:80])
        assert (got.start, got.end, got.view, got.windows, got.span) == (
            want.start,
            want.end,
            want.view,
            want.windows,
            want.span,
        ), (name, text[:80])
    half = len(text) // 2
    for context in (
        GuardContext(),
        GuardContext(data=((0, len(text)),)),
        GuardContext(data=((half, len(text)),)),
    ):
        got_result, want_result = live.scan(text, context), ref.scan(text, context)
        assert abs(got_result.score - want_result.score) <= TOLERANCE, text[:80]
        assert (got_result.action, got_result.reason, got_result.spans) == (
            want_result.action,
            want_result.reason,
            want_result.spans,
        ), text[:80]


def test_hand_written_texts_score_as_the_reference(guards) -> None:  # type: ignore[no-untyped-def]
    for text in hand_written():
        assert_same(*guards, text)


def test_shared_test_split_scores_as_the_reference(guards) -> None:  # type: ignore[no-untyped-def]
    rows = split_rows(400)
    rng = random.Random(21)
    texts = list(rows[:300])
    for index in range(300, 400, 10):
        texts.extend(wrapped(rows[index : index + rng.randrange(3, 12)], rng))
    for row in rows[:15]:
        texts.extend(evasions(row).values())
    assert len(texts) >= 400
    for text in texts:
        assert_same(*guards, text)
