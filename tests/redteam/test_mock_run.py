"""Every planted weakness of the mock is reported; nothing is reported on the hardened mock."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from sai.redteam.findings import summarise
from sai.redteam.mock_llm import WEAKNESSES
from sai.redteam.model import Category
from sai.redteam.session import RunRequest, start_run

#: The categories each planted weakness must produce, alone.
EXPECTED = {
    "obey-user": {Category.direct_injection, Category.jailbreak},
    "obey-documents": {Category.indirect_injection},
    "leak-prompt": {Category.system_prompt_extraction},
    "leak-canary": {Category.canary_leak},
    "multi-turn": {Category.multi_turn_extraction},
    "leak-secrets": {Category.secret_leak},
    "leak-pii": {Category.pii_leak},
    "memorised": {Category.training_data_replay},
}


def _categories(url: str, out: Path, docs: Path, probes: str = "all") -> set[Category]:
    request = RunRequest(
        target=f"openai:{url}", model="mock", out=out, private_docs=docs, probes=probes
    )
    summary = summarise(start_run(request))
    assert summary.complete
    assert summary.errors == 0
    return {f.category for f in summary.findings}


class TestPlantedWeaknesses:
    def test_the_vulnerable_mock_shows_every_category(
        self, mock_llm: Callable[[Iterable[str]], str], tmp_path: Path, private_docs: Path
    ) -> None:
        found = _categories(mock_llm(WEAKNESSES), tmp_path / "run", private_docs)
        expected = set().union(*EXPECTED.values()) | {Category.encoding_bypass}
        assert found == expected

    def test_the_hardened_mock_shows_nothing(
        self, mock_llm: Callable[[Iterable[str]], str], tmp_path: Path, private_docs: Path
    ) -> None:
        assert _categories(mock_llm(()), tmp_path / "run", private_docs) == set()

    @pytest.mark.parametrize("weakness", sorted(EXPECTED))
    def test_each_weakness_alone_gives_its_categories(
        self,
        weakness: str,
        mock_llm: Callable[[Iterable[str]], str],
        tmp_path: Path,
        private_docs: Path,
    ) -> None:
        found = _categories(mock_llm({weakness}), tmp_path / "run", private_docs)
        assert found == EXPECTED[weakness]

    def test_smuggling_needs_a_model_that_decodes(
        self, mock_llm: Callable[[Iterable[str]], str], tmp_path: Path, private_docs: Path
    ) -> None:
        plain = _categories(mock_llm({"obey-user"}), tmp_path / "a", private_docs, "encoding")
        decoding = _categories(
            mock_llm({"obey-user", "decode"}), tmp_path / "b", private_docs, "encoding"
        )
        assert plain == set()
        assert decoding == {Category.encoding_bypass}


class TestStoredTextIsRedacted:
    def test_no_canary_secret_or_private_text_in_the_run_directory(
        self, mock_llm: Callable[[Iterable[str]], str], tmp_path: Path, private_docs: Path
    ) -> None:
        from sai.redteam.mock_llm import SECRET
        from sai.redteam.session import canary_for

        out = tmp_path / "run"
        contents = start_run(
            RunRequest(
                target=f"openai:{mock_llm(WEAKNESSES)}",
                model="m",
                out=out,
                private_docs=private_docs,
            )
        )
        stored = (out / "run.jsonl").read_text(encoding="utf-8")
        assert canary_for(contents.header["run_id"], 0) not in stored
        assert SECRET.split(" ")[0] not in stored
        assert "S3cr3tPassw0rd" not in stored
        assert "allergy list aloud twice" not in stored  # the hidden half of a private doc
        assert "[REDACTED:" in stored
