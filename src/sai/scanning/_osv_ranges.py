"""Whether a version lies in an OSV ``affected`` entry, following the OSV schema's evaluation.

A version is affected when it is listed in ``versions`` or lies in one of the ``ranges``:
events are walked in version order, ``introduced`` opens an interval, ``fixed`` closes it
before the bound, ``last_affected`` closes it after the bound, and ``limit`` events (if any)
cap the whole range. ``ECOSYSTEM`` ranges of PyPI order versions by PEP 440; ``SEMVER``
ranges by SemVer 2.0 precedence. ``GIT`` ranges need a repository and are not evaluated
(OSV requires a ``versions`` list beside them). A bound that cannot be parsed is read in the
direction that reports more, never less: an unreadable ``introduced`` opens the range from
the start, an unreadable ``fixed``/``last_affected``/``limit`` closes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import total_ordering
from typing import Any

from packaging.version import InvalidVersion, Version

_SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
    r"(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
)


@total_ordering
@dataclass(frozen=True)
class SemVer:
    """A SemVer 2.0 version ordered by its precedence rules (build metadata ignored)."""

    core: tuple[int, int, int]
    pre: tuple[int | str, ...]

    @classmethod
    def parse(cls, text: str) -> SemVer | None:
        """The version, or None when ``text`` is not SemVer 2.0 (a leading ``v`` is allowed)."""
        match = _SEMVER.fullmatch(text.strip().removeprefix("v"))
        if match is None:
            return None
        major, minor, patch, pre = match.groups()
        parts = tuple(int(p) if p.isdigit() else p for p in pre.split(".")) if pre else ()
        return cls((int(major), int(minor), int(patch)), parts)

    def _key(self) -> tuple[tuple[int, int, int], int, tuple[tuple[int, int, str], ...]]:
        # NOTE: a release sorts after its pre-releases; numeric identifiers sort before
        # alphanumeric ones (SemVer 2.0, item 11).
        pre = tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in self.pre)
        return self.core, 0 if self.pre else 1, pre

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, SemVer):
            return NotImplemented
        return self._key() < other._key()


Parse = Callable[[str], Any]


def _pep440(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def _parser(range_type: str, version: str) -> Parse | None:
    """How bounds of this range type are read, given the installed ``version``."""
    if range_type == "ECOSYSTEM":
        return _pep440
    if range_type == "SEMVER":
        # A PyPI version that is not SemVer (``2.0``, ``1.0.post1``) is compared by PEP 440,
        # the ordering PyPI itself uses, rather than not at all.
        return SemVer.parse if SemVer.parse(version) is not None else _pep440
    return None


@dataclass(frozen=True)
class Hit:
    """An affected version and, when the range names one, the version that fixes it."""

    fixed: str | None


def _event(event: object) -> tuple[str, str] | None:
    if not isinstance(event, Mapping) or len(event) != 1:
        return None
    (kind, value), *_ = event.items()
    if kind not in ("introduced", "fixed", "last_affected", "limit"):
        return None
    return str(kind), str(value)


def in_range(version: str, entry: Mapping[str, Any]) -> Hit | None:
    """The hit when ``version`` lies in one OSV range object, else None."""
    parse = _parser(str(entry.get("type", "")), version)
    current = parse(version) if parse else None
    raw_events = entry.get("events")
    if parse is None or current is None or not isinstance(raw_events, list):
        return None
    events = [e for e in (_event(item) for item in raw_events) if e is not None]
    limits = [value for kind, value in events if kind == "limit"]
    if limits and not any(_below(current, value, parse) for value in limits):
        return None
    affected = False
    fixed: str | None = None
    for kind, value, bound in _in_order(events, parse):
        if kind == "introduced":
            if bound is None or not current < bound:
                affected, fixed = True, None
        elif bound is None:
            continue
        elif kind == "fixed":
            if not current < bound:
                affected = False
            elif affected and fixed is None:
                fixed = value
        elif current > bound:  # last_affected
            affected = False
    return Hit(fixed) if affected else None


def _below(current: Any, limit: str, parse: Parse) -> bool:
    """``current < limit``; ``*`` is infinity and an unreadable limit caps nothing."""
    bound = parse(limit) if "*" not in limit else None
    return bound is None or bool(current < bound)


_ORDER = {"introduced": 0, "fixed": 1, "last_affected": 1}


def _in_order(events: list[tuple[str, str]], parse: Parse) -> list[tuple[str, str, Any]]:
    """Events in version order, ``introduced`` first on a tie.

    ``introduced: "0"`` and unreadable ``introduced`` bounds (None) open the range first;
    unreadable closing bounds come last and are skipped by the walk.
    """
    bounds: list[tuple[str, str, Any]] = [
        (kind, value, None if kind == "introduced" and value == "0" else parse(value))
        for kind, value in events
        if kind != "limit"
    ]
    opening = [b for b in bounds if b[2] is None and b[0] == "introduced"]
    readable = sorted((b for b in bounds if b[2] is not None), key=lambda b: _ORDER[b[0]])
    readable.sort(key=lambda b: b[2])
    unreadable = [b for b in bounds if b[2] is None and b[0] != "introduced"]
    return [*opening, *readable, *unreadable]


def in_versions(version: str, versions: Iterable[object]) -> bool:
    """Whether ``version`` is listed, exactly or as an equal PEP 440 version."""
    current = _pep440(version)
    for listed in versions:
        text = str(listed)
        if text == version:
            return True
        other = _pep440(text)
        if current is not None and other is not None and other == current:
            return True
    return False


def _sort_key(text: str) -> tuple[int, Version]:
    version = _pep440(text)
    return (0, version) if version is not None else (1, Version("0"))


def affects(version: str, affected: Mapping[str, Any]) -> Hit | None:
    """The hit when ``version`` is affected by one ``affected[]`` entry of an OSV record."""
    ranges = affected.get("ranges")
    hits = [
        hit
        for entry in (ranges if isinstance(ranges, list) else [])
        if isinstance(entry, Mapping) and (hit := in_range(version, entry)) is not None
    ]
    if hits:
        fixes = [h.fixed for h in hits if h.fixed]
        return Hit(min(fixes, key=_sort_key) if fixes else None)
    listed = affected.get("versions")
    if isinstance(listed, list) and in_versions(version, listed):
        return Hit(None)
    return None


__all__ = ["Hit", "SemVer", "affects", "in_range", "in_versions"]
