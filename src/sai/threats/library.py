"""The reference data shipped with sai.threats: the ATLAS subset and the OWASP LLM 2025 list.

Both are read once per process (they never change at run time) and checked when rules load:
a rule citing a technique id ATLAS does not have is refused.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Technique:
    """An ATLAS technique or sub-technique."""

    id: str
    name: str
    tactics: tuple[str, ...]
    parent: str | None


@dataclass(frozen=True)
class Library:
    """ATLAS techniques and OWASP LLM 2025 ids with their titles, and where they came from."""

    atlas_version: str
    atlas_release: str
    atlas_yaml_sha256: str
    atlas_json_sha256: str
    techniques: dict[str, Technique]
    tactics: dict[str, str]
    owasp: dict[str, str]

    def technique_name(self, technique: str) -> str:
        """``Parent: Name`` for a sub-technique, the name otherwise."""
        item = self.techniques[technique]
        if item.parent is None:
            return item.name
        return f"{self.techniques[item.parent].name}: {item.name}"


def _data(name: str) -> bytes:
    return resources.files("sai.threats").joinpath("data").joinpath(name).read_bytes()


@functools.cache
def load_library() -> Library:
    """The shipped reference data."""
    raw = _data("atlas.json")
    atlas: dict[str, Any] = json.loads(raw)
    owasp = yaml.safe_load(_data("owasp_llm_2025.yaml"))
    return Library(
        atlas_version=atlas["atlas_version"],
        atlas_release=atlas["release"],
        atlas_yaml_sha256=atlas["atlas_yaml_sha256"],
        atlas_json_sha256=hashlib.sha256(raw).hexdigest(),
        techniques={
            key: Technique(key, t["name"], tuple(t["tactics"]), t["parent"])
            for key, t in atlas["techniques"].items()
        },
        tactics=dict(atlas["tactics"]),
        owasp={str(k): str(v) for k, v in owasp.items()},
    )


__all__ = ["Library", "Technique", "load_library"]
