"""The optimised guards compute what the plain reference code computes (scores to 1e-6).

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
from hypothesis import given, settings
from hypothesis import strategies as st

from sai.guards import Direction, GuardContext
from sai.guards.exfiltration import ExfiltrationGuard
from sai.guards.injection import InjectionGuard, find_documents, load_document_detector
from sai.guards.invisible import InvisibleGuard
from sai.guards.normalize import normalize, tag_payload, views
from sai.guards.pii import PiiGuard
from sai.guards.secrets import SecretsGuard
from tests.conftest import shared_data
from tests.guards import reference
from tests.guards.reference import exfiltration as reference_exfiltration
from tests.guards.reference import invisible as reference_invisible
from tests.guards.reference import pii as reference_pii
from tests.guards.reference import secrets as reference_secrets
from tests.guards.reference.guard import InjectionGuard as ReferenceGuard
from tests.guards.reference.normalize import normalize as reference_normalize
from tests.guards.reference.normalize import tag_payload as reference_tag_payload
from tests.guards.reference.normalize import views as reference_views
from tests.guards.reference.parts import find_documents as reference_find_documents

from ._prompts import BENIGN, CODE, EMAIL, HIDDEN_INSTRUCTION, INJECTIONS, evasions

#: The compiled kernel sums the fast tier's float32 products in double precision, numpy's BLAS
#: (the reference's) in float32: logits agree to float32 rounding (test_kernel.py bounds it),
#: so a probability, whose slope is at most 1/4, to well under 1e-6. The numpy path's logits
#: equal the reference's bit for bit (test_gathered_hashes.py).
TOLERANCE = 1e-6


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


def pairs(found: tuple[object, ...]) -> list[tuple[str, str]]:
    return [(view.text, view.how) for view in found]  # type: ignore[attr-defined]


_TRICKY = (
    "abcdefxyz ABCDEF 0123456789 @$!|+ .:,-_*/\\\n\t=\"'"
    "аеорсі ıİſK ＡＢｃ ﬁ \u200b\u200d\u2066\ufeff\u00ad "
    + "".join(chr(0xE0000 + c) for c in (0x20, 0x41, 0x61, 0x7E, 0x7F, 0x01))
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_TRICKY, max_size=120) | st.text(max_size=60))
def test_views_equal_the_reference(text: str) -> None:
    assert pairs(views(text)) == pairs(reference_views(text))
    assert normalize(text) == reference_normalize(text)
    assert tag_payload(text) == reference_tag_payload(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "rot13",
                "r0t-13",
                "caesar",
                "CIPHER",
                "cıpher",
                "deadbeef",
                "0x",
                "\\x",
                "4b 3c",
                "l33t",
                "h4x0r!",
                "aGVsbG8gd29ybGQh",
                "ignore",
                "you",
                " ",
                "\n",
                "d e a d",
                "e-v-i-l",
            ]
        ),
        max_size=30,
    )
)
def test_views_of_encoded_words_equal_the_reference(words: list[str]) -> None:
    text = " ".join(words)
    assert pairs(views(text)) == pairs(reference_views(text))


_MARKUP = st.sampled_from(
    [
        "```",
        "~~~",
        "<document>",
        "</document>",
        '"""',
        "'''",
        "> ",
        "Context:",
        "Question:",
        "From: a",
        "Subject: b",
        "| x | y |",
        "\t",
        "\n",
        "\n\n",
        "：",
        "text",
        "you",
        " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MARKUP | st.text(max_size=8), max_size=25))
def test_documents_found_as_by_the_reference(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert find_documents(text) == reference_find_documents(text)


_RULE_PIECES = st.sampled_from(
    [
        "AKIAABCDEFGHIJKLMNOP",
        "ghp_" + "a1B2" * 9,
        "sk-ant-" + "x9Y" * 12,
        "eyJhbGciOi.eyJzdWIiOi.sig",
        "password = Zx8#kLq2!vR",
        "PASSWORD: Zx8#kLq2!vR9",
        "api_key=AbC123xyz987Q",
        "client-secret := q1W2e3R4t5Y6u7",
        "paſſword = Zx8#kLq2!vR",
        "\u212aey",
        "ToKeN",
        "token: abc",
        "https://u:pass@host.example",
        "hf_" + "Ab1" * 12,
        "xoxb-1234567890-abc",
        "AIza" + "B" * 35,
        "SG." + "a" * 22 + "." + "b" * 43,
        "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc",
        "-----BEGIN PRIVATE KEY-----\nMII\n",
        "a.b@example.org",
        "+49 40 555 0100",
        "DE89 3704 0044 0532 0130 00",
        "4111 1111 1111 1111",
        "123-45-6789",
        "12345678Z",
        "BSN 111222333",
        "PESEL 44051401359",
        "personnummer 811218-9876",
        "![x](https://evil.example/p?q=1)",
        "<img src=https://e.example/a?b>",
        "[r]: https://x.y/z?q",
        "[link](https://a.example/" + "A" * 30 + ")",
        "<a href='http://b.example/?x=1'>",
        "\u200b",
        "\u202e",
        "\U000e0041\U000e0042",
        "👨\u200d👩",
        "x\ufe0f",
        "٣٤٥",
        "\n",
        " ",
        "word",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_RULE_PIECES | st.text(max_size=6), max_size=12))
def test_rule_guards_find_what_the_reference_finds(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for live, old in (
        (InvisibleGuard(), reference_invisible.InvisibleGuard()),
        (SecretsGuard(), reference_secrets.SecretsGuard()),
        (PiiGuard(), reference_pii.PiiGuard()),
        (ExfiltrationGuard(), reference_exfiltration.ExfiltrationGuard()),
    ):
        context = GuardContext(direction=Direction.output)
        assert live.scan(text, context) == old.scan(text, context)


#: Digits, the separators of the numbers PII looks for, id letters and the keywords before
#: national ids: texts around the seven digits below which only e-mails and IBANs are sought.
_NUMBERISH = st.lists(
    st.text(alphabet="0123456789 -+()./XYZLTE\u0663", max_size=9)
    | st.sampled_from(["personnummer ", "BSN ", "PESEL ", "DE89", "00", "+4", " 0", "\n"]),
    max_size=8,
)


@settings(max_examples=500, deadline=None)
@given(_NUMBERISH)
def test_pii_finds_what_the_reference_finds_around_seven_digits(pieces: list[str]) -> None:
    text = "".join(pieces)
    context = GuardContext(direction=Direction.output)
    assert PiiGuard().scan(text, context) == reference_pii.PiiGuard().scan(text, context)


@pytest.mark.parametrize(
    "text",
    ["X1234567L", "+33 6123 45", "+33 6123 4567", "06 123 4567", "call 0612-345 678 now", "123456"],
)
def test_pii_numbers_at_the_digit_threshold_match_the_reference(text: str) -> None:
    context = GuardContext(direction=Direction.output)
    assert PiiGuard().scan(text, context) == reference_pii.PiiGuard().scan(text, context)


def _features_match(text: str, spec: object) -> None:
    from sai.guards.injection._features import features
    from tests.guards.reference._features import FeatureSpec as ReferenceSpec
    from tests.guards.reference._features import features as reference_features

    got_indices, got_values = features(text, spec)  # type: ignore[arg-type]
    want_indices, want_values = reference_features(text, ReferenceSpec(**vars(spec)))
    assert got_indices.tolist() == want_indices.tolist(), text[:40]
    assert got_values.dtype == want_values.dtype
    assert got_values.tobytes() == want_values.tobytes(), text[:40]  # bit for bit


_SPECS = (
    {},
    {"char_min": 3, "char_max": 4, "word_max": 3, "punctuation": 2},
    {"char_min": 2, "char_max": 2, "word_max": 1, "punctuation": 0},
    {"char_min": 1, "char_max": 6, "word_max": 2, "bits": 16},
)


def test_features_equal_the_reference_at_every_short_length_and_around_the_branches() -> None:
    """The gathered hashing (texts up to GATHERED - 2 characters), the rolling one beyond it,
    and the tabulated ``1 + log(count)`` (up to TABULATED n-grams) against the reference, for
    every length from 0 to 64, around both branch points, with non-ASCII and astral text."""
    from sai.guards.injection._features import TABULATED, FeatureSpec
    from sai.guards.injection._hashing import GATHERED, hashes

    rng = random.Random(5)
    alphabet = "abc de.!?é中ü\U0001f600\u200b \n0123"
    lengths = [*range(65), *range(GATHERED - 5, GATHERED + 3)]
    for options in _SPECS:
        spec = FeatureSpec(**options)
        for length in lengths:
            for _ in range(3):
                _features_match("".join(rng.choice(alphabet) for _ in range(length)), spec)
    spec = FeatureSpec()
    base = "the quick brown fox jumps over the lazy dog " * 60
    totals = set()
    for cut in range(1500, 2300, 3):
        total = len(hashes(base[:cut], spec))
        if abs(total - TABULATED) <= 12:
            totals.add(total - TABULATED)
            _features_match(base[:cut], spec)
    assert min(totals) < 0 < max(totals)  # both sides of the table's end were compared


@pytest.mark.parametrize(
    "text",
    ["", " ", "a", "?", "ab", "é", "中文", "\U0001f600", "ignore", "x" * 598, "y " * 400],
)
def test_very_short_and_boundary_texts_score_as_the_reference(guards, text: str) -> None:  # type: ignore[no-untyped-def]
    assert_same(*guards, text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_TRICKY + "IGNORE previous instructions?! \n", max_size=90))
def test_generated_short_texts_score_as_the_reference(text: str) -> None:
    from sai.guards.injection import load_detector

    live = load_detector()
    want = reference.detector(live).score(text)
    got = live.score(text)
    assert abs(got.probability - want.probability) <= TOLERANCE
    assert (got.start, got.end, got.view, got.windows) == (
        want.start,
        want.end,
        want.view,
        want.windows,
    )
