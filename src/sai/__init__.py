"""sai: meet ETSI EN 304 223 for an AI system, and prove that you do.

The flow, in the order the packages come into play:

1. ``sai.manifest`` reads ``sai.yaml``: the system's models, datasets, prompts, gateway and the
   roles the organisation holds.
2. Controls act and write evidence: ``sai.inventory`` (hashes, signatures, AI-BOM, snapshots),
   ``sai.scanning`` (model files, dependencies), ``sai.guards`` and ``sai.gateway`` (runtime),
   ``sai.monitoring`` (drift, attack signals and performance of the running system).
3. ``sai.ledger`` keeps that evidence in one tamper-evident log (RFC 9162, signed checkpoints);
   each entry is a typed payload (``sai.ledger.kinds``) with its origin.
4. ``sai.assessment`` decides a verdict per provision from control-produced evidence and
   writes a report that ``sai verify`` re-checks offline.

From Python, for a project made with ``sai init``::

    from sai.assessment import run_assessment
    from sai.assessment.report import verify_report, write_reports
    from sai.catalog import load_catalog
    from sai.inventory.record import record_scan
    from sai.inventory.discovery import build_inventory
    from sai.ledger import NoteSigner, NoteVerifier, open_ledger
    from sai.manifest import load_manifest
    from sai.workspace import find_workspace

    workspace = find_workspace()
    loaded = load_manifest(workspace.manifest_path)
    signer = NoteSigner(workspace.settings.key_name, workspace.signing_key())
    with open_ledger(workspace) as ledger:
        record_scan(ledger, build_inventory(loaded), actor=workspace.actor())  # a control
        outcome = run_assessment(
            ledger, loaded, load_catalog(), actor=workspace.actor(),
            verifier_key=signer.verifier_key(),
        )
    files = write_reports(outcome.report, workspace.root / "report", pdf=False)
    pinned = NoteVerifier.from_vkey(signer.verifier_key())
    print(verify_report(files.json.read_bytes(), verifier_keys=[pinned]).ok)

The same from the shell: ``sai inventory scan``, ``sai assess --out report/``,
``sai verify report/report.json --key .sai/keys/signing.pub``. Start with ``sai demo``.
"""

# NOTE: the single source of the version (pyproject reads it); a literal keeps start-up fast.
__version__ = "0.1.0"

__all__ = ["__version__"]
