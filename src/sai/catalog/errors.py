"""Errors of the catalog package: unknown ids asked for, and a broken catalog data file."""

from __future__ import annotations

from sai.errors import InputError


class CatalogError(InputError):
    """Root of the catalog's errors (exit 2: something named does not exist or is malformed)."""


class UnknownProvisionError(CatalogError):
    """A provision id that the catalog does not hold."""


class UnknownPrincipleError(CatalogError):
    """A principle number outside 1..13."""


class CatalogDataError(CatalogError):
    """The catalog data file is malformed; the message names the entry and the field."""


__all__ = ["CatalogDataError", "CatalogError", "UnknownPrincipleError", "UnknownProvisionError"]
