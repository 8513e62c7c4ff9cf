"""What a scan allows and how far it goes (`ScanSettings`, also exported by ``engine``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sai._record import FrozenRecord
from sai.scanning.formats import ScanLimits
from sai.scanning.pickle import AllowList, PickleLimits, default_allowlist

if TYPE_CHECKING:
    from sai.scanning.digests import DigestCache


# NOTE: a `sai._record` class, not a dataclass: a dataclass compiles its methods at import,
# which `sai scan` pays on every start.
class ScanSettings(FrozenRecord):
    """What a scan allows and how far it goes."""

    __slots__ = ("allow", "digest", "digest_cache", "limits", "pickle_limits")
    _uncompared = ("digest_cache",)
    allow: AllowList
    limits: ScanLimits
    pickle_limits: PickleLimits
    digest: bool
    #: Digests of unchanged files from earlier scans (``sai scan`` in a workspace).
    digest_cache: DigestCache | None

    def __init__(
        self,
        allow: AllowList | None = None,
        limits: ScanLimits | None = None,
        pickle_limits: PickleLimits | None = None,
        digest: bool = True,
        digest_cache: DigestCache | None = None,
    ) -> None:
        self._assign(
            default_allowlist() if allow is None else allow,
            ScanLimits() if limits is None else limits,
            PickleLimits() if pickle_limits is None else pickle_limits,
            digest,
            digest_cache,
        )


__all__ = ["ScanSettings"]
