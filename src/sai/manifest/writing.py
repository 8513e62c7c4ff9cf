"""Write manifests: the commented starter of `sai init`, and a `Manifest` back to YAML."""

from __future__ import annotations

import enum
import string
from importlib import resources
from pathlib import Path

import pydantic
import yaml

from sai.errors import InputError
from sai.manifest.schema import Manifest


class _Dumper(yaml.SafeDumper):
    """The safe dumper, taught to write enum members as their values."""


def _represent_enum(dumper: yaml.SafeDumper, value: enum.Enum) -> yaml.Node:
    return dumper.represent_str(str(value.value))


_Dumper.add_multi_representer(enum.Enum, _represent_enum)


def starter_template() -> str:
    """The text of the commented starter manifest, with ``${name}`` where the name goes."""
    return resources.files("sai.manifest").joinpath("templates/sai.yaml").read_text("utf-8")


def render_starter(name: str) -> str:
    """The starter manifest for a system called ``name``; it validates as written.

    Raises `InputError` when ``name`` is not a valid system name (empty, several lines).
    """
    quoted = yaml.safe_dump(name, default_style='"', width=1 << 30, allow_unicode=True).strip()
    text = string.Template(starter_template()).safe_substitute(name=quoted)
    try:
        Manifest.model_validate(yaml.safe_load(text))
    except pydantic.ValidationError as error:
        raise InputError(
            f"cannot use {name!r} as the system's name: {error.errors()[0]['msg']}",
            hint="give a single line of text with --name",
        ) from error
    return text


def write_starter(path: Path, *, name: str, overwrite: bool = False) -> None:
    """Write the starter manifest for ``name`` to ``path``; refuse to replace a file unless
    ``overwrite``."""
    text = render_starter(name)
    try:
        with path.open("w" if overwrite else "x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError as error:
        raise InputError(
            f"{path} already exists", hint="pass --force-manifest to replace it with the starter"
        ) from error
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror or error}") from error


def dump_manifest(manifest: Manifest) -> str:
    """``manifest`` as YAML that loads back to an equal manifest (defaults left out)."""
    data = manifest.model_dump(mode="python", exclude_defaults=True)
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


__all__ = ["dump_manifest", "render_starter", "starter_template", "write_starter"]
