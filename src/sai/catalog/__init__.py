"""ETSI EN 304 223 as data: its 13 principles and their provisions, as frozen values.

Each provision carries its id as the standard writes it, its principle and lifecycle phase,
the stakeholder roles its own sentences bind, its force (shall / should), a one-line summary
in our own words and hints of the evidence that would show it is met. The assessment, the
documents and the README's coverage table all read the standard through this package.

    >>> from sai.catalog import Force, Role, load_catalog
    >>> catalog = load_catalog()
    >>> catalog.get("5.2.4-1.2").is_mandatory
    True
    >>> len(catalog.select(roles=[Role.end_user], force=Force.shall)) >= 1
    True

Exports: `to_oscal` (an OSCAL catalog) and `to_ciso_assistant` (a CISO Assistant library).
"""

from sai.catalog.ciso import ciso_assistant_yaml, to_ciso_assistant
from sai.catalog.errors import (
    CatalogDataError,
    CatalogError,
    UnknownPrincipleError,
    UnknownProvisionError,
)
from sai.catalog.loader import load_catalog, load_catalog_file, parse_catalog
from sai.catalog.model import Catalog, Force, Phase, Principle, Provision, ProvisionId, Role
from sai.catalog.oscal import oscal_json, to_oscal

__all__ = [
    "Catalog",
    "CatalogDataError",
    "CatalogError",
    "Force",
    "Phase",
    "Principle",
    "Provision",
    "ProvisionId",
    "Role",
    "UnknownPrincipleError",
    "UnknownProvisionError",
    "ciso_assistant_yaml",
    "load_catalog",
    "load_catalog_file",
    "oscal_json",
    "parse_catalog",
    "to_ciso_assistant",
    "to_oscal",
]
