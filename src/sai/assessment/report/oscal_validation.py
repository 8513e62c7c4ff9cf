"""Validation of the OSCAL assessment-results document against compliance-trestle's models,
when trestle is installed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from sai.errors import SaiError


class OscalValidationError(SaiError):
    """The generated document does not validate against compliance-trestle's OSCAL models."""


def validate_assessment_results(document: Mapping[str, Any]) -> bool:
    """Validate with compliance-trestle when it is installed; False when it is not.

    Raises OscalValidationError when trestle is present and the document does not validate.
    """
    try:
        from trestle.oscal.assessment_results import AssessmentResults
    except ImportError:
        return False
    try:
        AssessmentResults.model_validate(document["assessment-results"])
    except ValidationError as exc:
        raise OscalValidationError(
            f"the OSCAL assessment-results document does not validate: {exc}",
            hint="this is a bug in sai; please report it with the report.json",
        ) from exc
    return True


__all__ = ["OscalValidationError", "validate_assessment_results"]
