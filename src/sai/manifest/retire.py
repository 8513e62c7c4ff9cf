"""Retire a disposed asset from `sai.yaml`, editing the text so that comments and layout stay.

The asset's entry leaves its section (``models``, ``datasets``, ``prompts`` or ``configs``),
its name leaves every model's ``trained_on``, and a `DisposedAsset` record is appended under
``disposed:``. The edited text must load as a manifest before it replaces the file (written
to a temporary file, then renamed over it), so a retirement never leaves a manifest that
does not load. Flow-style sections (``datasets: [{...}]``) are not edited: `RetireError`.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from sai.errors import InputError
from sai.manifest.disposed_spec import DisposedAsset

SECTION = {"model": "models", "dataset": "datasets", "prompt": "prompts", "config": "configs"}


class RetireError(InputError):
    """sai.yaml could not be edited to retire a disposed asset (it is left as it was)."""


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


def _get(mapping: yaml.Node, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(mapping, yaml.MappingNode):
        for k, v in mapping.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
    return None


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _after_line(text: str, index: int) -> int:
    """The index just past the line holding ``index - 1`` (the end of a node's last line)."""
    end = text.find("\n", max(index - 1, 0))
    return len(text) if end < 0 else end + 1


def _last_index(node: yaml.Node) -> int:
    """Where ``node``'s last content ends (a block collection's own end mark lies past the
    comments that follow it, which belong to what comes next)."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _last_index(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _last_index(node.value[-1])
    return int(node.end_mark.index)


def _drop_item(text: str, key: yaml.Node, seq: yaml.SequenceNode, item: yaml.Node) -> list[_Edit]:
    """Remove one item of a block sequence (the key becomes ``[]`` when it was the last; a
    comment on the key's line stays)."""
    if seq.flow_style:
        raise RetireError(
            f"sai.yaml writes `{key.value}:` in flow style ([...]); it is edited only in block "
            "style",
            hint=f"remove the disposed asset from `{key.value}:` by hand",
        )
    start = _line_start(text, item.start_mark.index)
    end = _after_line(text, _last_index(item))
    if len(seq.value) > 1:
        return [_Edit(start, end, "")]
    colon = text.find(":", key.end_mark.index)
    return [_Edit(colon, colon + 1, ": []"), _Edit(start, end, "")]


def _drop_from_flow(seq: yaml.SequenceNode, name: str) -> _Edit:
    kept = [n.value for n in seq.value if not (isinstance(n, yaml.ScalarNode) and n.value == name)]
    listed = yaml.safe_dump(kept, default_flow_style=True, width=1 << 30).strip()
    return _Edit(seq.start_mark.index, seq.end_mark.index, listed)


def _training_edits(text: str, root: yaml.Node, name: str) -> list[_Edit]:
    found = _get(root, "models")
    edits: list[_Edit] = []
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        return edits
    for model in found[1].value:
        pair = _get(model, "trained_on")
        if pair is None or not isinstance(pair[1], yaml.SequenceNode):
            continue
        key, seq = pair[0], pair[1]
        assert isinstance(seq, yaml.SequenceNode)
        hits = [n for n in seq.value if isinstance(n, yaml.ScalarNode) and n.value == name]
        if hits and seq.flow_style:
            edits.append(_drop_from_flow(seq, name))
        elif hits:
            edits += _drop_item(text, key, seq, hits[0])
    return edits


def _record_text(record: DisposedAsset, indent: str) -> str:
    data = record.model_dump(mode="json", exclude_defaults=True)
    block = yaml.safe_dump([data], sort_keys=False, allow_unicode=True, width=100)
    return "".join(indent + line + "\n" for line in block.splitlines())


def _record_edit(text: str, root: yaml.Node, record: DisposedAsset) -> _Edit:
    found = _get(root, "disposed")
    if found is None:
        gap = "" if text.endswith("\n") else "\n"
        return _Edit(len(text), len(text), f"{gap}disposed:\n{_record_text(record, '  ')}")
    key, seq = found
    if isinstance(seq, yaml.SequenceNode) and seq.value and not seq.flow_style:
        column = _dash_column(text, seq.value[0])
        end = _after_line(text, _last_index(seq.value[-1]))
        return _Edit(end, end, _record_text(record, " " * column))
    end = _after_line(text, seq.end_mark.index)
    return _Edit(key.end_mark.index, end, ":\n" + _record_text(record, "  "))


def _dash_column(text: str, item: yaml.Node) -> int:
    """The column of the ``-`` that opens a block sequence item."""
    start = _line_start(text, item.start_mark.index)
    return text.rfind("-", start, item.start_mark.index) - start


def retired_text(text: str, record: DisposedAsset) -> str:
    """``text`` (sai.yaml) with ``record``'s asset moved from its section to ``disposed:``."""
    root = yaml.compose(text)
    if root is None:
        raise RetireError("sai.yaml is empty")
    section = SECTION[record.kind.value]
    found = _get(root, section)
    items = found[1].value if found and isinstance(found[1], yaml.SequenceNode) else []
    entry = next((i for i in items if (n := _get(i, "name")) and n[1].value == record.name), None)
    if found is None or entry is None:
        raise RetireError(f"sai.yaml declares no {record.kind.value} called {record.name!r}")
    assert isinstance(found[1], yaml.SequenceNode)
    edits = [*_drop_item(text, found[0], found[1], entry), _record_edit(text, root, record)]
    edits += _training_edits(text, root, record.name)
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def _already(text: str, record: DisposedAsset) -> bool:
    """Whether ``disposed:`` already holds the record of this disposal."""
    root = yaml.compose(text)
    found = _get(root, "disposed") if root is not None else None
    items = found[1].value if found and isinstance(found[1], yaml.SequenceNode) else []
    return any((n := _get(i, "disposal")) and n[1].value == record.disposal for i in items)


def retire_asset(path: Path, record: DisposedAsset) -> bool:
    """Move ``record``'s asset from its section of the manifest at ``path`` to ``disposed:``;
    the file is replaced only when the edited manifest loads (else `RetireError`). False when
    the file already holds this disposal's record (a disposal run again)."""
    from sai.manifest.loader import load_manifest_bytes
    from sai.manifest.problems import ManifestError

    text = path.read_text(encoding="utf-8")
    if _already(text, record):
        return False
    edited = retired_text(text, record)
    try:
        load_manifest_bytes(edited.encode("utf-8"), path=path, missing_files="warning")
    except ManifestError as exc:
        first = next((p for p in exc.problems if p.severity == "error"), None)
        raise RetireError(
            f"sai.yaml without {record.name!r} does not load: "
            + (first.format() if first is not None else exc.message),
            hint=f"move {record.name!r} to `disposed:` by hand",
        ) from exc
    mode = path.stat().st_mode & 0o777
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".sai.yaml.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(edited)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


__all__ = ["SECTION", "RetireError", "retire_asset", "retired_text"]
