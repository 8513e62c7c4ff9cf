"""The allow-list of callables a model pickle may import, and how a policy extends it.

The reviewed data file ``allowlist.txt`` beside this module holds one ``module name`` pair per
line with the reason it is safe. Matching is exact: any import not listed is a finding.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: Module prefix of TorchScript classes; resolved by TorchScript's own compiler, not imported.
TORCHSCRIPT_PREFIX = "__torch__"


@dataclass(frozen=True)
class AllowList:
    """Exact (module, name) pairs that loading may import without a finding."""

    entries: frozenset[tuple[str, str]]

    def allows(self, module: str, name: str, *, torchscript: bool = False) -> bool:
        """Whether importing ``module.name`` is allowed (TorchScript classes in archives only)."""
        if (module, name) in self.entries:
            return True
        return torchscript and (
            module == TORCHSCRIPT_PREFIX or module.startswith(TORCHSCRIPT_PREFIX + ".")
        )

    def extended(self, pairs: Iterable[tuple[str, str]]) -> AllowList:
        """This allow-list plus ``pairs`` (from a policy file)."""
        return AllowList(self.entries | frozenset(pairs))


def parse_allowlist(text: str) -> frozenset[tuple[str, str]]:
    """Pairs from allow-list text: ``module name  # reason`` lines; ``#`` starts a comment."""
    pairs: set[tuple[str, str]] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        parts = body.split()
        if len(parts) != 2:
            raise ValueError(f"allow-list line {number}: expected `module name`, got {body!r}")
        pairs.add((parts[0], parts[1]))
    return frozenset(pairs)


@cache
def default_allowlist() -> AllowList:
    """sai's reviewed allow-list (read once from the package data)."""
    text = resources.files("sai.scanning.pickle").joinpath("allowlist.txt").read_text("utf-8")
    return AllowList(parse_allowlist(text))


__all__ = ["TORCHSCRIPT_PREFIX", "AllowList", "default_allowlist", "parse_allowlist"]
