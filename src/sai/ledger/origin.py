"""Who produced a piece of evidence: a sai control that measured it, or a person who stated it.

Controls set their origin in the library (``Origin.control("inventory.scan")``, with sai's
version filled in); nothing on the command line can choose it. Attestations and notes carry
``Origin.person(name)``. Automated checks accept only control-produced evidence, so a line
written by hand cannot stand in for a measurement. This stops casual fixing, not a determined
operator with the library: re-performable evidence (``sai verify --reperform``) covers that.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Any

from sai import __version__
from sai.ledger.errors import EvidenceError

_CONTROL_NAME = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)*", re.ASCII)
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+!_-]{0,63}", re.ASCII)
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class OriginType(enum.StrEnum):
    """The two kinds of producer."""

    CONTROL = "control"
    PERSON = "person"


@dataclass(frozen=True)
class Origin:
    """The producer of an entry: ``type`` control (``name`` and ``version`` of sai) or person."""

    type: OriginType
    name: str
    version: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.type, OriginType):
            raise EvidenceError("origin", f"unknown origin type {self.type!r}")
        if not isinstance(self.name, str) or not 1 <= len(self.name) <= 256:
            raise EvidenceError("origin", "the producer's name must be 1 to 256 characters")
        if _CONTROL_CHARS.search(self.name):
            raise EvidenceError("origin", "the producer's name must not contain control characters")
        if self.type is OriginType.CONTROL:
            if len(self.name) > 64 or not _CONTROL_NAME.fullmatch(self.name):
                raise EvidenceError(
                    "origin", f"{self.name!r} is not a control name like 'inventory.scan'"
                )
            if not isinstance(self.version, str) or not _VERSION.fullmatch(self.version):
                raise EvidenceError("origin", f"{self.version!r} is not a version")
        elif self.version != "":
            raise EvidenceError("origin", "a person's statement carries no version")

    @classmethod
    def control(cls, name: str) -> Origin:
        """Evidence measured by the sai control ``name`` (this sai's version)."""
        return cls(OriginType.CONTROL, name, __version__)

    @classmethod
    def person(cls, name: str) -> Origin:
        """Evidence stated by the person ``name`` (attestations, notes)."""
        return cls(OriginType.PERSON, name)

    @property
    def is_control(self) -> bool:
        """Whether a sai control produced the entry."""
        return self.type is OriginType.CONTROL

    def describe(self) -> str:
        """``measured by sai 0.2.0 (inventory.scan)`` or ``stated by Ana``."""
        if self.is_control:
            return f"measured by sai {self.version} ({self.name})"
        return f"stated by {self.name}"

    def to_json(self) -> dict[str, Any]:
        """The origin as the JSON object inside a leaf."""
        if self.is_control:
            return {"control": self.name, "sai": self.version}
        return {"person": self.name}

    @classmethod
    def _control(cls, name: str, version: str) -> Origin:
        """``cls(OriginType.CONTROL, name, version)``, made once per name and version (a
        ledger's entries repeat a few; forgotten all at once beyond `_KNOWN`)."""
        known = _CONTROLS.get((cls, name, version))
        if known is None:
            known = cls(OriginType.CONTROL, name, version)  # raises for a bad one, each time
            if len(_CONTROLS) >= _KNOWN:
                _CONTROLS.clear()
            _CONTROLS[cls, name, version] = known
        return known

    @classmethod
    def from_json(cls, value: object) -> Origin:
        """Inverse of :meth:`to_json`; refuses any other shape."""
        if isinstance(value, dict):
            if set(value) == {"control", "sai"}:
                name, version = value["control"], value["sai"]
                if type(name) is str and type(version) is str:
                    return cls._control(name, version)
                if isinstance(name, str) and isinstance(version, str):
                    return cls(OriginType.CONTROL, name, version)
            elif set(value) == {"person"} and isinstance(value["person"], str):
                return cls(OriginType.PERSON, value["person"])
        raise EvidenceError(
            "origin", 'must be {"control": NAME, "sai": VERSION} or {"person": NAME}'
        )


#: `Origin._control`'s origins by class, name and version.
_KNOWN = 256
_CONTROLS: dict[tuple[type[Origin], str, str], Origin] = {}

__all__ = ["Origin", "OriginType"]
