"""Untrusted CSV bytes: a result or a MonitoringError, never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sai.monitoring.drift import choose_tests
from sai.monitoring.errors import MonitoringError
from sai.monitoring.profile import Profile
from sai.monitoring.reference import build_profile
from sai.monitoring.windows import run_file

_REFERENCE: Profile | None = None


def _reference() -> Profile:
    global _REFERENCE  # noqa: PLW0603 - one profile for every example
    if _REFERENCE is None:
        path = Path(tempfile.mkdtemp()) / "ref.csv"
        path.write_text("x,c\n" + "".join(f"{i % 97 / 7},{'abc'[i % 3]}\n" for i in range(300)))
        _REFERENCE = build_profile(path)
    return _REFERENCE


cells = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(alphabet='abc,"\n\r;x 0123456789.-e', max_size=8),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(cells, cells), max_size=20), st.booleans())
def test_current_files_never_crash(rows: list[tuple[str, str]], header: bool) -> None:
    profile = _reference()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cur.csv"
        lines = (["x,c"] if header else []) + [f"{a},{b}" for a, b in rows]
        path.write_text("\n".join(lines) + "\n")
        message = ""
        try:
            run = run_file(profile, choose_tests(profile), path, window_rows=7)
        except MonitoringError as error:
            message = error.message
        else:
            assert run.rows >= 1
        assert message or run
