"""A baseline of personal data keeps aggregates: no value fewer than ten rows share, in any
file it writes; public data keeps values. Old baselines still load; unknown formats are refused."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from sai.cli.app import app
from sai.ledger import open_ledger
from sai.ledger.kinds import Kind, MonitoringBaseline
from sai.monitoring.aggregate import MIN_GROUP, RARE
from sai.monitoring.baseline import current_baseline, freeze
from sai.monitoring.errors import MonitoringError
from sai.monitoring.profile import AGGREGATES, VALUES
from sai.monitoring.profile_files import load_profile, save_profile
from sai.monitoring.reference import build_profile
from sai.workspace import open_workspace
from tests.assessment.conftest import MANIFEST, write_project

#: Values held by exactly one row of the reference: a baseline of personal data must not keep
#: them anywhere, in any encoding.
INCOME, AGE, NAME = 91_234.567891, 117.0625, "Zebulon Quistgaard-4711"


def _people(tmp: Path, rows: int = 3_000) -> Path:
    rng = np.random.default_rng(11)
    frame = pd.DataFrame(
        {
            "income": rng.lognormal(10, 0.4, rows).round(2),
            "age": rng.integers(18, 90, rows).astype(float),
            "late": rng.poisson(0.5, rows),
            "city": rng.choice(["Lyon", "Graz", "Turku"], rows),
            "name": rng.choice([f"person-{i}" for i in range(40)], rows),
        }
    )
    frame.loc[17, ["income", "age", "name"]] = [INCOME, AGE, NAME]
    path = tmp / "people.csv"
    frame.to_csv(path, index=False)
    return path


def _blob(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file())


def _found(blob: bytes) -> set[str]:
    """Which planted values appear in ``blob`` (as text, float64, float32 or UTF-8/32)."""
    found = set()
    for label, value in (("income", INCOME), ("age", AGE)):
        encodings = [repr(value).encode(), struct.pack("<d", value), struct.pack(">d", value)]
        encodings.append(struct.pack("<f", value))
        if any(e in blob for e in encodings):
            found.add(label)
    if NAME.encode() in blob or NAME.encode("utf-32-le") in blob:
        found.add("name")
    return found


class TestPersonalBaseline:
    def test_no_planted_value_is_stored_anywhere(self, tmp_path: Path, workspace_dir: Path) -> None:
        people = _people(tmp_path)
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            payload, _ = freeze(people, tmp_path / "b", ledger, actor="t", sensitivity="personal")
            entry = ledger.latest(kind=Kind.MONITORING_BASELINE)
            assert entry is not None
            ledger_text = entry.evidence.leaf_bytes()
            _, profile = current_baseline(ledger)
        assert payload.form == AGGREGATES
        assert payload.sensitivity == "personal"
        assert payload.min_group == MIN_GROUP
        assert _found(_blob(Path(payload.directory)) + ledger_text) == set()
        assert profile.form == AGGREGATES

    def test_the_same_search_finds_them_in_a_public_baseline(
        self, tmp_path: Path, workspace_dir: Path
    ) -> None:
        # The search above can fail: a baseline that keeps values holds all three.
        people = _people(tmp_path)
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            payload, _ = freeze(people, tmp_path / "b", ledger, actor="t", sensitivity="public")
        assert payload.form == VALUES
        assert _found(_blob(Path(payload.directory))) >= {"income", "age", "name"}

    def test_every_kept_number_is_shared_by_ten_rows_or_held_by_none(self, tmp_path: Path) -> None:
        people = _people(tmp_path)
        frame = pd.read_csv(people)
        profile = build_profile(people, sensitivity="personal")
        for feature in profile.features:
            if feature.kind.value == "categorical":
                held = frame[feature.name].astype(str).value_counts()
                assert all(held.get(k, 0) >= MIN_GROUP for k in feature.categories if k != RARE)
                continue
            column = frame[feature.name].to_numpy(dtype=float)
            assert feature.weights.min() >= MIN_GROUP
            assert feature.weights.sum() == len(column)
            for point in feature.points:
                assert (column == point).sum() in (0, *range(MIN_GROUP, len(column) + 1))

    def test_sample_rows_are_bands_and_folded_categories(self, tmp_path: Path) -> None:
        profile = build_profile(_people(tmp_path), sensitivity="confidential")
        assert set(np.unique(profile.sample["income"])) <= set(range(22))
        assert NAME not in set(profile.sample["name"])
        assert RARE in set(profile.sample["name"]) | set(profile.feature("name").categories)  # type: ignore[union-attr]

    def test_unclassified_data_is_treated_as_sensitive(self, tmp_path: Path) -> None:
        assert build_profile(_people(tmp_path)).form == AGGREGATES

    def test_special_category_data_keeps_no_sample(
        self, tmp_path: Path, workspace_dir: Path
    ) -> None:
        people = _people(tmp_path)
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            payload, _ = freeze(
                people, tmp_path / "b", ledger, actor="t", sensitivity="special-category"
            )
        assert payload.sample_rows == 0
        assert not (Path(payload.directory) / "sample.npz").exists()


class TestFormats:
    def test_a_baseline_written_before_formats_loads_as_values(self, tmp_path: Path) -> None:
        # A values profile without a class writes exactly the metadata of earlier releases
        # (no "format" key), so their baselines and recorded digests stay valid.
        profile = build_profile(_people(tmp_path), sensitivity="public")
        old = type(profile)(profile.rows, profile.features, profile.sample)
        save_profile(old, tmp_path / "old")
        meta = json.loads((tmp_path / "old" / "profile.json").read_text())
        assert "format" not in meta
        assert "form" not in meta
        loaded = load_profile(tmp_path / "old")
        assert loaded.form == VALUES
        assert loaded.digest() == old.digest()

    def test_an_unknown_format_asks_for_a_rebuild(self, tmp_path: Path) -> None:
        profile = build_profile(_people(tmp_path), sensitivity="personal")
        save_profile(profile, tmp_path / "p")
        meta_path = tmp_path / "p" / "profile.json"
        meta = json.loads(meta_path.read_text())
        meta["format"] = 3
        meta_path.write_text(json.dumps(meta))
        with pytest.raises(MonitoringError, match="format 3") as caught:
            load_profile(tmp_path / "p")
        assert "freeze the reference again" in (caught.value.hint or "")

    def test_edited_weights_are_refused(self, tmp_path: Path) -> None:
        profile = build_profile(_people(tmp_path), sensitivity="personal")
        save_profile(profile, tmp_path / "p")
        arrays = dict(np.load(tmp_path / "p" / "points.npz"))
        arrays["w0"] = arrays["w0"] + 1
        np.savez(tmp_path / "p" / "points.npz", **arrays)
        with pytest.raises(MonitoringError, match="does not match its recorded digest"):
            load_profile(tmp_path / "p")


PERSONAL_MANIFEST = MANIFEST.replace(
    "    path: data.csv\n", "    path: data.csv\n    sensitivity: personal\n"
)


class TestCommand:
    def test_the_class_comes_from_sai_yaml(self, tmp_path: Path, workspace_dir: Path) -> None:
        write_project(workspace_dir, PERSONAL_MANIFEST)
        data = _people(tmp_path)
        (workspace_dir / "data.csv").write_bytes(data.read_bytes())
        ws = ["--workspace", str(workspace_dir)]
        result = CliRunner().invoke(
            app, ["monitor", "baseline", "--data", str(workspace_dir / "data.csv"), *ws]
        )
        assert result.exit_code == 0, result.output
        assert "keeps aggregates only (personal data)" in result.output
        with open_ledger(open_workspace(workspace_dir)) as ledger:
            entry = ledger.latest(kind=Kind.MONITORING_BASELINE)
            assert entry is not None
            assert MonitoringBaseline.from_evidence(entry.evidence).sensitivity == "personal"

    def test_the_option_classes_a_file_sai_yaml_does_not_list(
        self, tmp_path: Path, workspace_dir: Path
    ) -> None:
        write_project(workspace_dir, PERSONAL_MANIFEST)
        ws = ["--workspace", str(workspace_dir)]
        args = ["monitor", "baseline", "--data", str(_people(tmp_path)), "--format", "json"]
        public = CliRunner().invoke(app, [*args, "--sensitivity", "public", *ws])
        assert public.exit_code == 0, public.output
        assert json.loads(public.output)["form"] == VALUES
        unlisted = CliRunner().invoke(app, [*args, *ws])
        assert json.loads(unlisted.output)["form"] == AGGREGATES
        assert json.loads(unlisted.output)["sensitivity"] is None

    def test_the_command_knows_every_class_of_sai_yaml(self) -> None:
        from sai.cli.monitor import Sensitivity as Offered
        from sai.manifest.schema import Sensitivity

        assert [c.value for c in Offered] == [c.value for c in Sensitivity]


def test_a_baseline_entry_written_before_forms_reads_as_values() -> None:
    old = {
        "baseline_id": "sha256:" + "0" * 64,
        "source": "train.csv",
        "source_digest": "sha256:" + "1" * 64,
        "rows": 10,
        "features": [{"name": "x", "kind": "numeric", "test": "ks"}],
        "directory": "/nowhere",
    }
    payload = MonitoringBaseline.from_data(old)
    assert payload.form == VALUES
    assert payload.sensitivity is None
    assert payload.min_group is None


def test_a_run_on_an_old_baseline_of_values_says_to_freeze_again(
    tmp_path: Path, workspace_dir: Path
) -> None:
    from sai.manifest.monitoring_spec import MonitoringSpec
    from sai.monitoring.baseline import file_digest
    from sai.monitoring.profile import Profile
    from sai.monitoring.record import baseline_evidence
    from sai.monitoring.service import run_data

    people = _people(tmp_path)
    new = build_profile(people, sensitivity="public")
    old = Profile(new.rows, new.features, new.sample)  # as earlier releases wrote it
    save_profile(old, tmp_path / "old")
    payload = MonitoringBaseline(
        baseline_id=old.digest(),
        source=str(people),
        source_digest=file_digest(people),
        rows=old.rows,
        features=({"name": "income", "kind": "numeric", "test": "wasserstein"},),
        directory=str(tmp_path / "old"),
    )
    spec = MonitoringSpec()
    with open_ledger(open_workspace(workspace_dir)) as ledger:
        ledger.append(baseline_evidence(payload, actor="t"))
        stale = run_data(ledger, people, spec, actor="t", system="s")
        freeze(people, tmp_path / "b", ledger, actor="t", sensitivity="public")
        fresh = run_data(ledger, people, spec, actor="t", system="s")
    assert any("freeze it again" in w for w in stale.warnings)
    assert not any("freeze it again" in w for w in fresh.warnings)
