"""sai: meet ETSI EN 304 223 for an AI system, and prove that you do.

The flow: ``sai.yaml`` describes the AI system (models, datasets, prompts, endpoints, the roles
the organisation holds). Controls -- inventory and signing, scanning, the gateway, red-team
probes, monitoring, disposal, attestations -- each append evidence to one tamper-evident
ledger (an RFC 9162 Merkle log with signed checkpoints). The assessment reads only that ledger
and the catalog of provisions, decides a verdict per provision, and writes a report that an
auditor can verify offline.

    $ sai init my-system && cd my-system
    $ sai validate
    $ sai ledger checkpoint
    $ sai ledger verify

From Python::

    from sai.catalog import load_catalog
    catalog = load_catalog()
    print(len(catalog.provisions), "provisions in", len(catalog.principles), "principles")
"""

# NOTE: the single source of the version (pyproject reads it); a literal keeps start-up fast.
__version__ = "0.1.0"

__all__ = ["__version__"]
