"""`sai verify`: re-check a report.json offline (signature, inclusion proofs, report digest)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from sai.cli._output import (
    EXIT_FINDINGS,
    EXIT_OK,
    OutputFormat,
    print_json,
    stderr_console,
    stdout_console,
)
from sai.errors import InputError

if TYPE_CHECKING:
    from sai.ledger.cosignature import CosignatureVerifier
    from sai.reperform import ReperformOutcome


def verify(
    report: Annotated[
        Path, typer.Argument(help="The report.json written by `sai assess`.", show_default=False)
    ],
    key: Annotated[
        str | None,
        typer.Option(
            "--key",
            "-k",
            help="The signer's public key to pin: the workspace's .sai/keys/signing.pub (PEM) "
            "or a verifier key string name+keyid+base64. Without it (or --key-id) nothing is "
            "verified.",
        ),
    ] = None,
    key_id: Annotated[
        str | None,
        typer.Option(
            "--key-id",
            help="Pin the signer's key by its fingerprint, sha256:<64 hex> (printed by "
            "`sai ledger checkpoint`), instead of the key file.",
        ),
    ] = None,
    unsafe_trust_embedded_key: Annotated[
        bool,
        typer.Option(
            "--unsafe-trust-embedded-key",
            help="Trust the key the report carries: proves integrity, not who signed.",
        ),
    ] = False,
    witnesses: Annotated[
        list[str] | None,
        typer.Option(
            "--witness",
            help="NAME=KEYFILE: require a valid cosignature by this witness (its witness.vkey "
            "or PEM public key) on the report's checkpoint. Repeatable.",
        ),
    ] = None,
    key_name: Annotated[
        str | None,
        typer.Option(
            "--key-name",
            help="The signed-note key name for a PEM --key (default: the name of the report's "
            "embedded verifier key).",
        ),
    ] = None,
    reperform_dir: Annotated[
        Path | None,
        typer.Option(
            "--reperform",
            help="A folder with the project's files: re-run the digests, signatures, model "
            "scans and AI-BOM hashes that cited entries claim, and report contradictions.",
        ),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.text,
) -> None:
    """Verify a report offline: no workspace and no database are needed.

    Checks the checkpoint's signature against the pinned key (--key or --key-id; without
    either nothing is verified unless --unsafe-trust-embedded-key), the cosignature of every
    --witness, every evidence item's inclusion proof against the checkpoint root, that every
    cited entry is present, and that the report body's digest equals the one in the
    `assessment.completed` entry, so no verdict, reason or ICS row was changed afterwards.

    Exit 0 when everything verifies, 1 when anything does not (each problem is printed),
    2 when the file cannot be read or is not a sai report.
    """
    from sai.assessment.report import Trust, load_verifier_key, verify_report
    from sai.assessment.report._trust import parse_fingerprint

    try:
        data = report.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read {report}: {exc.strerror}", hint="pass the path of a report.json"
        ) from exc
    if key is not None and key_id is not None:
        raise InputError("give --key or --key-id, not both")
    trust = Trust(
        keys=(load_verifier_key(key, data, key_name=key_name),) if key is not None else (),
        fingerprint=parse_fingerprint(key_id) if key_id is not None else None,
        unsafe_trust_embedded_key=unsafe_trust_embedded_key,
        witnesses=tuple(_witness(spec) for spec in witnesses or ()),
    )
    outcome = verify_report(data, trust=trust)
    redo = _reperform(data, reperform_dir) if reperform_dir is not None and outcome.ok else None
    if output is OutputFormat.json:
        print_json({**outcome.to_json(), "reperform": redo.to_json() if redo else None})
    else:
        console = stdout_console()
        for line in outcome.passed:
            console.print(f"[green]ok[/]      {escape(line)}", markup=True, highlight=False)
        for line in outcome.problems:
            console.print(f"[red]FAILED[/]  {escape(line)}", markup=True, highlight=False)
        if redo is not None:
            _print_reperformed(redo)
        verdict = "verified" if outcome.ok else f"NOT verified ({len(outcome.problems)} problems)"
        if redo is not None and not redo.ok:
            verdict = f"verified, but the files contradict {len(redo.contradicted)} claims"
        console.print(f"{report}: {verdict}", markup=False)
    errors = stderr_console()
    for warning in outcome.warnings:
        errors.print(f"[yellow]warning:[/] {escape(warning)}", markup=True, highlight=False)
    if reperform_dir is not None and not outcome.ok:
        errors.print("not re-performed: the report itself does not verify", markup=False)
    good = outcome.ok and (redo is None or redo.ok)
    raise typer.Exit(EXIT_OK if good else EXIT_FINDINGS)


def _reperform(data: bytes, folder: Path) -> ReperformOutcome:
    from sai.assessment.report.verify import cited_entries
    from sai.reperform import reperform

    if not folder.is_dir():
        raise InputError(f"--reperform {folder}: not a folder", hint="pass the project's folder")
    return reperform(cited_entries(data), folder)


def _print_reperformed(redo: ReperformOutcome) -> None:
    console = stdout_console()
    labels = {"confirmed": "[green]re-done[/]", "contradicted": "[red]CONTRADICTED[/]"}
    for finding in redo.findings:
        label = labels.get(finding.outcome.value, "[yellow]unsettled[/]")
        console.print(f"{label}  {escape(finding.line())}", markup=True, highlight=False)
    if redo.manifest_note:
        console.print(f"re-perform: {redo.manifest_note}", markup=False)
    if redo.not_reperformable:
        shown = ", ".join(f"#{index}" for index in redo.not_reperformable)
        console.print(f"not re-performable from files: {shown}", markup=False)


def _witness(spec: str) -> CosignatureVerifier:
    from sai.ledger.keyfiles import cosignature_verifier_from

    name, sep, keyfile = spec.partition("=")
    if not sep or not name or not keyfile:
        raise InputError(
            f"--witness {spec!r} is not NAME=KEYFILE",
            hint="e.g. --witness auditor.example/w1=witness.vkey",
        )
    return cosignature_verifier_from(keyfile, name=name)


def register(app: typer.Typer) -> None:
    """Add `sai verify`."""
    app.command("verify", short_help="Re-check a report.json offline: signature, proofs, digest.")(
        verify
    )
