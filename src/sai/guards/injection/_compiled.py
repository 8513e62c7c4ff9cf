"""The fast tier's compiled scorer (``_kernel.c``) where the install compiled it.

The build compiles ``_kernel.c`` when a C compiler is at hand (``hatch_build.py``); without
one, sai installs all the same and the fast tier scores with numpy alone. Both compute the
same logit: the integers (n-gram hashes, buckets, counts) are identical, and the kernel sums
the float32 products in double precision where numpy's BLAS sums them in float32, so the two
may differ in the last bits of a float32 logit.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from sai.guards.injection._spec import FeatureSpec

if TYPE_CHECKING:
    from sai.guards.injection._kernel import Scorer

#: ``SAI_GUARD_KERNEL=off`` scores with numpy only (to compare the two, or to rule one out).
SWITCH = "SAI_GUARD_KERNEL"


def _scorer_class() -> type[Scorer] | None:
    """The compiled kernel's scorer, None where it was not built."""
    try:
        from sai.guards.injection._kernel import Scorer
    except ImportError:
        return None
    return Scorer


def kernel_built() -> bool:
    """Whether the compiled kernel was built and imports."""
    return _scorer_class() is not None


def kernel_state() -> str:
    """``on``, ``off`` (built, switched off) or ``not built``."""
    if not kernel_built():
        return "not built"
    return "off" if _switched_off() else "on"


def _switched_off() -> bool:
    return os.environ.get(SWITCH, "").lower() in {"off", "0", "no", "false"}


def compiled_scorer(
    spec: FeatureSpec,
    weights: npt.NDArray[np.float32],
    idf: npt.NDArray[np.float32] | None,
    table: npt.NDArray[np.float32],
) -> Scorer | None:
    """A compiled scorer of ``spec``'s features, or None: not built, switched off, or a spec
    that drops punctuation (the kernel does not rewrite the text first)."""
    scorer = _scorer_class()
    if scorer is None or _switched_off() or not spec.punctuation:
        return None
    return scorer(
        weights,
        idf,
        table,
        spec.bits,
        spec.char_min,
        spec.char_max,
        spec.word_max,
        spec.punctuation == 1,
    )


__all__ = ["SWITCH", "compiled_scorer", "kernel_built", "kernel_state"]
