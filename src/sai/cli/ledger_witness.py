"""`sai ledger witness`: cosign a checkpoint as a witness the log operator does not control."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sai.cli._context import WorkspaceOption, workspace_from
from sai.cli._output import stderr_console, stdout_console
from sai.errors import InputError


def witness(
    state: Annotated[
        Path,
        typer.Option("--state", help="The witness's own state directory (key, logs seen)."),
    ],
    name: Annotated[
        str | None,
        typer.Option("--name", help="Create the witness key with this name (first use)."),
    ] = None,
    log_key: Annotated[
        str | None,
        typer.Option(
            "--log-key",
            help="The log operator's public key (signing.pub or verifier key); needed the "
            "first time a log is seen, then pinned.",
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Cosign this report.json's checkpoint, in place."),
    ] = None,
    checkpoint_file: Annotated[
        Path | None, typer.Option("--checkpoint", help="Cosign this checkpoint note file.")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Cosign a checkpoint as a witness, after checking it extends the last one you saw.

    The checkpoint is the workspace's latest, or --report's, or --checkpoint's. Consistency
    proofs come from the workspace's ledger (a read-only copy is enough). Prints the cosigned
    note (or writes it into --report); exit 1 when the log was rewritten or shrank.
    """
    import time

    from sai.ledger import open_ledger
    from sai.ledger.keyfiles import note_verifier_from
    from sai.ledger.note import SignedNote
    from sai.ledger.witness import WitnessState
    from sai.ledger.witness import witness as cosign

    keeper = WitnessState(state)
    errors = stderr_console()
    if not keeper.exists():
        if name is None:
            raise InputError(f"{state} holds no witness key", hint="create one with --name NAME")
        vkey = keeper.create(name).verifier().verifier_key()
        errors.print(f"created the witness key {name}; its verifier key:\n{vkey}", markup=False)
    note = _note_to_witness(report, checkpoint_file, workspace)
    pinned = None
    if log_key is not None:
        signer_name = SignedNote.from_bytes(note).signatures[0].key_name
        pinned = note_verifier_from(log_key, name=signer_name)

    def proofs(old: int, new: int) -> tuple[bytes, ...]:
        with open_ledger(workspace_from(workspace), read_only=True) as ledger:
            return ledger.prove_consistency(old, new)

    done = cosign(keeper, note, timestamp=int(time.time()), log_key=pinned, proofs=proofs)
    head = done.signed.checkpoint
    seen = (
        "first checkpoint seen"
        if done.previous_size is None
        else (f"consistent with size {done.previous_size} seen before")
    )
    errors.print(f"cosigned {head.origin} size {head.size}: {seen}", markup=False)
    if report is not None:
        from sai.assessment.report.cosign import with_checkpoint

        report.write_bytes(with_checkpoint(report.read_bytes(), done.signed.to_bytes()))
        return
    stdout_console().print(done.signed.to_bytes().decode("utf-8"), end="", markup=False)


def _note_to_witness(report: Path | None, file: Path | None, workspace: Path | None) -> bytes:
    """The checkpoint note to cosign: the report's, the file's, or the workspace's latest."""
    if report is not None and file is not None:
        raise InputError("give --report or --checkpoint, not both")
    try:
        if report is not None:
            from sai.assessment.report.cosign import report_checkpoint

            return report_checkpoint(report.read_bytes())
        if file is not None:
            return file.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {exc.filename}: {exc.strerror}") from exc
    from sai.ledger import open_ledger

    with open_ledger(workspace_from(workspace), read_only=True) as ledger:
        latest = ledger.latest_checkpoint()
    if latest is None:
        raise InputError("the ledger has no checkpoint yet", hint="run `sai ledger checkpoint`")
    return latest.to_bytes()
