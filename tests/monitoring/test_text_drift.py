"""Text drift: MMD with a permutation test on MiniLM embeddings of prompts."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from sai.cli.app import app
from sai.gateway.audit import CallRecord
from sai.guards.injection import semantic_available
from sai.inventory.subject_keys import SubjectKeys
from sai.ledger import Evidence, Origin, open_ledger
from sai.ledger.kinds import Kind
from sai.monitoring.errors import MonitoringError
from sai.monitoring.text import TextSettings, mmd_test
from sai.monitoring.text_moments import TextMoments, mean_shift_test
from sai.workspace import open_workspace

runner = CliRunner()
LOANS = (
    "What rate would I pay on a {a} euro loan over {y} years?",
    "Can I repay my {a} euro loan early without a fee?",
    "Why was my application for {a} euros turned down?",
    "How does a late payment change my score if I borrow {a}?",
    "Is {y} years too long for a {a} euro car loan?",
)
CODE = (
    "How do I reverse a list in Python with {y} elements?",
    "Write a SQL query that sums {a} rows by month.",
    "Why does my JavaScript loop run {y} times?",
    "Explain recursion with an example of depth {y}.",
    "What does a segfault at address {a} mean in C?",
)


def prompts(rng: np.random.Generator, templates: tuple[str, ...], n: int) -> list[str]:
    amounts = (500, 1000, 2500, 5000, 12000, 20000)
    return [
        str(rng.choice(templates)).format(a=rng.choice(amounts), y=int(rng.integers(1, 10)))
        for _ in range(n)
    ]


class TestMmd:
    """On plain vectors (no encoder): under no drift the permutation p-value is uniform, so at
    alpha 0.01 three or more alarms in 40 trials have probability under 1 %."""

    def test_false_alarms_and_power(self) -> None:
        rng = np.random.default_rng(4)
        settings = TextSettings(permutations=300)
        same = [
            mmd_test(rng.normal(size=(60, 16)), rng.normal(size=(60, 16)), settings)[1] < 0.01
            for _ in range(40)
        ]
        moved = [
            mmd_test(rng.normal(size=(60, 16)), rng.normal(0.4, 1, (60, 16)), settings)[1] < 0.01
            for _ in range(10)
        ]
        assert sum(same) <= 2
        assert all(moved)


class TestMeanShift:
    """The moments of a sensitive reference, on plain vectors: same false-alarm bound and the
    same power against a mean shift as the kernel test above."""

    def test_false_alarms_and_power(self) -> None:
        rng = np.random.default_rng(4)

        def p_value(reference: np.ndarray, current: np.ndarray) -> float:
            return mean_shift_test(TextMoments.of(reference), current, draws=4_000)[1]

        same = [
            p_value(rng.normal(size=(60, 16)), rng.normal(size=(60, 16))) < 0.01 for _ in range(40)
        ]
        moved = [
            p_value(rng.normal(size=(60, 16)), rng.normal(0.4, 1, (60, 16))) < 0.01
            for _ in range(10)
        ]
        assert sum(same) <= 2
        assert all(moved)

    def test_moments_are_kept_not_vectors_and_need_ten_texts(self, tmp_path: Path) -> None:
        vectors = np.random.default_rng(1).normal(size=(12, 8))
        moments = TextMoments.of(vectors)
        moments.save(tmp_path)
        stored = np.load(tmp_path / "moments.npz")
        assert sorted(stored.files) == ["count", "covariance", "mean"]
        assert all(row.tobytes() not in (tmp_path / "moments.npz").read_bytes() for row in vectors)
        assert TextMoments.load(tmp_path).digest() == moments.digest()
        with pytest.raises(MonitoringError, match="at least 10 texts"):
            TextMoments.of(vectors[:9])


@pytest.mark.skipif(not semantic_available(), reason="needs sai[ml] and the MiniLM weights")
@pytest.mark.parametrize(
    ("options", "test"), [((), "mean_shift"), (("--sensitivity", "public"), "mmd")]
)
def test_text_baseline_file_runs_and_audited_prompts(
    tmp_path: Path, workspace_dir: Path, options: tuple[str, ...], test: str
) -> None:
    rng = np.random.default_rng(5)
    pd.DataFrame({"prompt": prompts(rng, LOANS, 120)}).to_csv(tmp_path / "ref.csv", index=False)
    pd.DataFrame({"prompt": prompts(rng, LOANS, 50)}).to_parquet(tmp_path / "same.parquet")
    mixed = prompts(rng, LOANS, 25) + prompts(rng, CODE, 25)
    pd.DataFrame({"prompt": mixed}).to_csv(tmp_path / "mixed.csv", index=False)
    ws = ["--workspace", str(workspace_dir)]
    base = runner.invoke(
        app,
        [
            "monitor",
            "baseline",
            "--text",
            str(tmp_path / "ref.csv"),
            "--column",
            "prompt",
            *options,
            *ws,
        ],
    )
    assert base.exit_code == 0, base.output
    stored = {p.name for p in (workspace_dir / ".sai" / "monitoring" / "baselines").rglob("*.np*")}
    assert stored == ({"embeddings.npy"} if test == "mmd" else {"moments.npz"})
    results = {}
    for name in ("same.parquet", "mixed.csv"):
        done = runner.invoke(
            app,
            [
                "monitor",
                "run",
                "--text",
                str(tmp_path / name),
                "--column",
                "prompt",
                "--format",
                "json",
                *ws,
            ],
        )
        results[name] = (done.exit_code, json.loads(done.output))
    code, same = results["same.parquet"]
    assert code == 0
    assert same["features"][0]["test"] == test
    assert same["features"][0]["drift"] is False
    code, drifted = results["mixed.csv"]
    assert code == 1
    assert drifted["features"][0]["drift"] is True
    assert drifted["alerts"][0]["kind"] == "text_drift"
    # The gateway's audited prompts (audit_text on) are judged against the same baseline.
    workspace = open_workspace(workspace_dir)
    keys = SubjectKeys(workspace)
    with open_ledger(workspace) as ledger:
        for i, text in enumerate(prompts(rng, CODE, 30)):
            record = CallRecord(f"r{i}", "POST", "/v1/chat/completions", route="chat")
            record.prompt_text, record.status, record.key_id = text, 200, f"key{i % 3}"
            ledger.append(
                Evidence.create(
                    Kind.GATEWAY_REQUEST,
                    "chat",
                    provisions=("5.4.2-1",),
                    actor="sai-gateway",
                    origin=Origin.control("gateway.request"),
                    data=record.data(with_text=True, keys=keys),
                )
            )
    gateway = runner.invoke(app, ["monitor", "run", "--gateway", "--format", "json", *ws])
    out = json.loads(gateway.output)
    by_name = {f["name"]: f for f in out["features"]}
    assert by_name["text:prompts"]["drift"] is True


def test_text_options_are_exclusive(workspace_dir: Path, tmp_path: Path) -> None:
    ws = ["--workspace", str(workspace_dir)]
    both = runner.invoke(
        app, ["monitor", "run", "--text", str(tmp_path / "a.csv"), "--gateway", *ws]
    )
    assert both.exit_code == 2
    assert "one of --data FILE, --text FILE or --gateway" in both.output


class TestBadTextInput:
    def test_missing_column_empty_column_and_too_few_texts(self, tmp_path: Path) -> None:
        from sai.monitoring.errors import MonitoringError
        from sai.monitoring.text import read_texts, text_drift

        path = tmp_path / "t.csv"
        pd.DataFrame({"text": ["", None, ""], "other": ["a", "b", "c"]}).to_csv(path, index=False)
        with pytest.raises(MonitoringError, match="cannot read text column 'prompt'"):
            read_texts(path, "prompt", 10)
        with pytest.raises(MonitoringError, match="holds no text"):
            read_texts(path, "text", 10)
        assert sorted(read_texts(path, "other", 10)) == ["a", "b", "c"]
        with pytest.raises(MonitoringError, match="needs at least 20"):
            text_drift("text:x", np.zeros((5, 4)), ["a"] * 3, TextSettings())


def test_audited_prompts_open_with_the_callers_key_and_not_after_shredding(
    workspace_dir: Path,
) -> None:
    from sai.monitoring.text import audited_prompts

    workspace = open_workspace(workspace_dir)
    keys = SubjectKeys(workspace)
    with open_ledger(workspace) as ledger:
        for i in range(6):
            record = CallRecord(f"r{i}", "POST", "/v1/chat/completions", route="chat")
            record.prompt_text, record.status = f"secret question {i}", 200
            record.key_id = "alice" if i % 2 else "bob"
            ledger.append(
                Evidence.create(
                    Kind.GATEWAY_REQUEST,
                    "chat",
                    provisions=("5.4.2-1",),
                    actor="sai-gateway",
                    origin=Origin.control("gateway.request"),
                    data=record.data(with_text=True, keys=keys),
                )
            )
        stored = [e.evidence.data for e in ledger.query(kind=Kind.GATEWAY_REQUEST)]
        assert not any("secret question" in repr(d) for d in stored)  # sealed, not in clear
        assert audited_prompts(ledger, None) == []  # no keys, nothing opens
        opened = audited_prompts(ledger, None, SubjectKeys(workspace).key_if_any)
        assert sorted(opened) == [f"secret question {i}" for i in range(6)]
        keys.shred("alice")
        left = audited_prompts(ledger, None, SubjectKeys(workspace).key_if_any)
        assert sorted(left) == [f"secret question {i}" for i in (0, 2, 4)]


@pytest.mark.skipif(not semantic_available(), reason="needs sai[ml] and the MiniLM weights")
def test_a_small_batch_is_embedded_by_the_numpy_encoder_as_onnx_would() -> None:
    from sai.guards.injection import embed_texts
    from sai.monitoring.text import SMALL_BATCH, embed

    texts = [f"Why was application {i} declined?" for i in range(5)]
    assert len(texts) <= SMALL_BATCH
    vectors = embed(texts)
    assert np.array_equal(vectors, np.asarray(embed_texts(texts, backend="numpy"), np.float32))
    assert np.abs(vectors - np.asarray(embed_texts(texts), np.float32)).max() < 1e-3
