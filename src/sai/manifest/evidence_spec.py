"""The `evidence:` section of sai.yaml: how much evidence the automated checks ask for.

The defaults are sai's sufficiency rules (docs/assessment.md); a project may ask for more, and
for less only down to a floor below which a measurement says nothing.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, Strict

from sai.manifest._types import STRICT_MODEL

MIN_GUARD_EXAMPLES_FLOOR = 100
"""No guard evaluation on fewer labelled examples than this counts, whatever sai.yaml says."""


class EvidenceRules(BaseModel):
    """Sufficiency settings of the automated checks."""

    model_config = STRICT_MODEL

    min_guard_examples: Annotated[int, Strict(), Field(ge=MIN_GUARD_EXAMPLES_FLOOR)] = 200
    """Labelled examples a guard evaluation needs (each class needs a quarter of it)."""
    advisory_max_age_days: Annotated[int, Strict(), Field(ge=1, le=365)] = 30
    """How old the newest advisory of a dependency-audit database may be, in days."""

    @property
    def min_guard_examples_per_class(self) -> int:
        """Examples of each class (attack, benign) a guard evaluation needs."""
        return self.min_guard_examples // 4


__all__ = ["MIN_GUARD_EXAMPLES_FLOOR", "EvidenceRules"]
