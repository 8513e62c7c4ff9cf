"""The rule guards' prefilters are proofs: a text they pass over has no match of the patterns
they stand for. Checked on random texts built to nearly match (runs of 31 to 33 token
characters, one digit short of the thresholds, marks cut short)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sai.guards import Direction, GuardContext
from sai.guards.pii import _IBAN, _IBAN_HEAD, _SEVEN_DIGITS, _TWO_DIGITS, PiiGuard
from sai.guards.secrets import _CANDIDATE, _LONG_RUN, _PATTERNS, _TOKEN, SecretsGuard
from tests.guards.reference import pii as reference_pii
from tests.guards.reference import secrets as reference_secrets

_RUN = re.compile(r"[A-Za-z0-9+/_\-]{32}")
_TOKENISH = "aZ9+/_-"
_SEPARATORS = " .=\n:é\u00a0"


@st.composite
def runs(draw: st.DrawFn) -> str:
    """Runs of token characters, many of them 31 to 33 long, between separators."""
    pieces = []
    for _ in range(draw(st.integers(0, 4))):
        size = draw(st.sampled_from([0, 1, 5, 30, 31, 32, 33, 40]))
        pieces.append(draw(st.text(alphabet=_TOKENISH, min_size=size, max_size=size)))
        pieces.append(draw(st.text(alphabet=_SEPARATORS, min_size=1, max_size=3)))
    return "".join(pieces[:-1]) + draw(st.text(max_size=4))


@settings(max_examples=500, deadline=None)
@given(runs() | st.text(alphabet=_TOKENISH + _SEPARATORS, max_size=80))
def test_long_run_is_a_run_of_32_token_characters(text: str) -> None:
    found = _LONG_RUN.match(text) is not None
    assert found == (_RUN.search(text) is not None)
    if _TOKEN.search(text):
        assert found


_MARK_PIECES = st.sampled_from(
    [
        "-----BEGIN ",
        "-----BEGIN",
        "AKIA",
        "AKI",
        "ASIA",
        "gh",
        "ghp_",
        "gh_",
        "github_pat_",
        "glpat-",
        "xoxb-",
        "xox-",
        "sk_live_",
        "rk_test_",
        "AIza",
        "sk-",
        "sk-ant-",
        "sk-proj-",
        "T3BlbkFJ",
        "hf_",
        "npm_",
        "SK",
        "SKa",
        "SG.",
        "eyJ",
        "ey",
        "https://hooks.slack.com/services/",
        "://",
        "u:p@h",
        "PRIVATE KEY-----",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_MARK_PIECES | st.text(alphabet="aZ09_-./:", max_size=45), max_size=8))
def test_no_pattern_matches_where_the_candidate_search_finds_nothing(pieces: list[str]) -> None:
    text = "".join(pieces)
    if _CANDIDATE.search(text) is None:
        assert not [label for label, pattern in _PATTERNS if pattern.search(text)]


#: A search for each pattern's mark as it is (the candidate search looks behind from the
#: rarer characters instead).
_PLAIN_CANDIDATE = re.compile(
    r"-----BEGIN |AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|_live_|"
    r"_test_|AIza|sk-|hf_|npm_|SK[0-9a-fA-F]|SG\.|eyJ|://"
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_MARK_PIECES | st.sampled_from(list("ghpxoskJeyAS_-:/ ")), max_size=8))
def test_the_candidate_search_finds_a_mark_where_a_plain_search_does(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert (_CANDIDATE.search(text) is None) == (_PLAIN_CANDIDATE.search(text) is None)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MARK_PIECES | runs() | st.text(max_size=10), max_size=6))
def test_secrets_finds_what_the_reference_finds(pieces: list[str]) -> None:
    text = " ".join(pieces)
    context = GuardContext(direction=Direction.output)
    assert SecretsGuard().scan(text, context) == reference_secrets.SecretsGuard().scan(
        text, context
    )


_DIGITISH = "0123456789\u0663\u09e7aB -"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_DIGITISH, max_size=20) | st.text(max_size=20))
def test_digit_counts(text: str) -> None:
    digits = len(re.findall(r"\d", text))
    assert (_TWO_DIGITS.match(text) is not None) == (digits >= 2)
    assert (_SEVEN_DIGITS.match(text) is not None) == (digits >= 7)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["DE", "GB", "de", "D", "89", "8", " ", "3704 0044 0532 0130 00", "X"])
        | st.text(alphabet="AZ09 ", max_size=6),
        max_size=8,
    )
)
def test_an_iban_match_has_its_head(pieces: list[str]) -> None:
    text = "".join(pieces)
    if _IBAN.search(text):
        assert _IBAN_HEAD.search(text)
    context = GuardContext(direction=Direction.output)
    assert PiiGuard().scan(text, context) == reference_pii.PiiGuard().scan(text, context)
