"""`sai env check`: non-public training data inside folders, wheels, sdists and OCI images."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from sai.cli.app import app
from sai.provenance._artefact import walk
from sai.provenance.errors import ProvenanceError

ROWS = [(str(i), f"customer {i}", str(i % 2)) for i in range(40)]
TRAINING = "id,name,label\n" + "".join(",".join(r) + "\n" for r in ROWS)


def _run(root: Path, *args: str):
    result = CliRunner().invoke(app, [*args, "--workspace", str(root)])
    assert "Traceback" not in result.output
    return result


def _tar_bytes(files: dict[str, bytes], compress: bool = False) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz" if compress else "w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _parquet_subset() -> bytes:
    buffer = io.BytesIO()
    subset = ROWS[5:30]
    table = pa.table(
        {
            "id": [r[0] for r in subset],
            "name": [r[1] for r in subset],
            "label": [r[2] for r in subset],
        }
    )
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _oci_image(layer_files: dict[str, bytes]) -> bytes:
    layer = _tar_bytes(layer_files, compress=True)
    digest = hashlib.sha256(layer).hexdigest()
    index = {"schemaVersion": 2, "manifests": []}
    return _tar_bytes(
        {
            "oci-layout": b'{"imageLayoutVersion": "1.0.0"}',
            "index.json": json.dumps(index).encode(),
            f"blobs/sha256/{digest}": layer,
        }
    )


@pytest.fixture
def root(project: Path) -> Path:
    (project / "data" / "loans.csv").write_text(TRAINING, encoding="utf-8")  # confidential
    return project


class TestEnvCheck:
    def test_folder_with_the_training_csv(self, root: Path, tmp_path: Path) -> None:
        deploy = tmp_path / "deploy"
        (deploy / "app").mkdir(parents=True)
        (deploy / "app" / "main.py").write_text("print('hi')\n")
        (deploy / "app" / "train.csv").write_text(TRAINING)
        (deploy / "app" / "public.csv").write_bytes((root / "data" / "public.csv").read_bytes())
        result = _run(root, "env", "check", str(deploy))
        assert result.exit_code == 1, result.output
        assert "app/train.csv: non-public training data loans (same bytes)" in result.stdout
        assert "public.csv" not in result.stdout  # public data may ship
        # three files searched, one finding
        assert "deploy: 3 files searched; it holds non-public training data in 1 place(s)" in (
            " ".join(result.stdout.split())
        )

    def test_clean_folder_passes_and_is_recorded(self, root: Path, tmp_path: Path) -> None:
        deploy = tmp_path / "deploy"
        deploy.mkdir()
        (deploy / "main.py").write_text("print('hi')\n")
        result = _run(root, "env", "check", str(deploy), "--format", "json")
        assert result.exit_code == 0, result.output
        report = json.loads(result.stdout)
        assert report["findings"] == []
        assert report["datasets"] == ["loans"]
        text = _run(root, "env", "check", str(deploy), "--no-record")
        assert "deploy: 1 file searched; it holds none of loans" in " ".join(text.stdout.split())

    def test_wheel_with_a_reordered_copy(self, root: Path, tmp_path: Path) -> None:
        wheel = tmp_path / "app-1.0-py3-none-any.whl"
        shuffled = "id,name,label\n" + "".join(",".join(r) + "\n" for r in reversed(ROWS))
        with zipfile.ZipFile(wheel, "w") as archive:
            archive.writestr("app/__init__.py", "")
            archive.writestr("app/data/rows.csv", shuffled)
        result = _run(root, "env", "check", str(wheel), "--format", "json")
        assert result.exit_code == 1
        (finding,) = json.loads(result.stdout)["findings"]
        assert finding == {
            "file": "app/data/rows.csv",
            "dataset": "loans",
            "match": "rows",
            "rows": 40,
        }

    def test_sdist(self, root: Path, tmp_path: Path) -> None:
        sdist = tmp_path / "app-1.0.tar.gz"
        sdist.write_bytes(
            _tar_bytes(
                {"app-1.0/PKG-INFO": b"x", "app-1.0/tests/fixture.csv": TRAINING.encode()},
                compress=True,
            )
        )
        result = _run(root, "env", "check", str(sdist))
        assert result.exit_code == 1
        assert "app-1.0/tests/fixture.csv" in result.stdout

    def test_oci_image_layer_with_parquet_subset(self, root: Path, tmp_path: Path) -> None:
        image = tmp_path / "image.tar"
        image.write_bytes(
            _oci_image({"srv/app.py": b"print()", "srv/cache.parquet": _parquet_subset()})
        )
        result = _run(root, "env", "check", str(image), "--format", "json")
        assert result.exit_code == 1, result.output
        (finding,) = json.loads(result.stdout)["findings"]
        assert finding["file"].startswith("blobs/sha256/")
        assert finding["file"].endswith("!/srv/cache.parquet")
        assert (finding["match"], finding["rows"]) == ("rows", 25)

    def test_without_workspace_names_the_data(self, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        monkeypatch.delenv("SAI_WORKSPACE", raising=False)
        data = tmp_path / "train.csv"
        data.write_text(TRAINING)
        deploy = tmp_path / "out"
        deploy.mkdir()
        (deploy / "copy.csv").write_text(TRAINING)
        result = CliRunner().invoke(
            app, ["env", "check", str(deploy), "--training-data", str(data)]
        )
        assert result.exit_code == 1
        assert "copy.csv" in result.stdout
        bare = CliRunner().invoke(app, ["env", "check", str(deploy)])
        assert bare.exit_code == 2
        assert "nothing to look for" in bare.output

    def test_damaged_archive(self, root: Path, tmp_path: Path) -> None:
        broken = tmp_path / "broken.tar.gz"
        whole = _tar_bytes(
            {"a.txt": os.urandom(100_000), "b.csv": TRAINING.encode()}, compress=True
        )
        broken.write_bytes(whole[: len(whole) // 2])
        result = _run(root, "env", "check", str(broken))
        assert result.exit_code == 2
        assert "the archive is damaged" in result.output


class TestWalk:
    def test_links_are_not_followed(self, tmp_path: Path) -> None:
        (tmp_path / "real.txt").write_text("x")
        (tmp_path / "link.txt").symlink_to("/etc/hostname")
        assert [m.name for m in walk(tmp_path)] == ["real.txt"]

    def test_missing(self, tmp_path: Path) -> None:
        with pytest.raises(ProvenanceError, match="no such file"):
            list(walk(tmp_path / "nope"))

    def test_gzip_bomb_is_bounded(self, tmp_path: Path, monkeypatch) -> None:
        from sai.provenance import _artefact

        monkeypatch.setattr(_artefact, "MAX_MEMBER", 1000)
        inner = _tar_bytes({"big.bin": b"\0" * 50_000})
        (tmp_path / "outer.tar").write_bytes(_tar_bytes({"layer.tar": inner}))
        (member,) = list(walk(tmp_path / "outer.tar"))
        assert member.name == "layer.tar"  # too big to open in memory: hashed as a stream
        assert member.content is None
        assert member.size == len(inner)
