"""`sai ledger append`: a person's note in the ledger (checks never read notes; the evidence
they accept is written by sai's controls)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from sai.cli._context import WorkspaceOption, workspace_from
from sai.cli._output import stdout_console
from sai.errors import InputError


def _parse_data(text: str | None) -> dict[str, Any]:
    if text is None:
        return {}

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        for key in keys:
            if keys.count(key) > 1:
                raise InputError(f"--data: the key {key!r} appears twice in one object")
        return dict(pairs)

    try:
        value = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        offset = len(text[: exc.pos].encode("utf-8"))
        raise InputError(
            f"--data is not valid JSON: byte {offset}: {exc.msg}",
            hint='pass a JSON object, e.g. --data \'{"result": "pass"}\'',
        ) from exc
    if not isinstance(value, dict):
        raise InputError("--data must be a JSON object", hint="e.g. --data '{\"n\": 1}'")
    return value


def append(
    *,
    kind: Annotated[
        str,
        typer.Option(
            "--kind", "-k", help="note, or note.<word> (e.g. note.meeting): people write notes."
        ),
    ] = "note",
    subject: Annotated[str, typer.Option("--subject", "-s", help="What the evidence is about.")],
    provisions: Annotated[
        list[str] | None,
        typer.Option("--provision", "-p", help="Provision id it supports (repeatable)."),
    ] = None,
    data: Annotated[
        str | None, typer.Option("--data", "-d", help="JSON object (integers, no floats).")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Append a person's note to the ledger and print its index.

    Notes are stated by you (SAI_ACTOR or your login) and no automated check reads them: the
    evidence that checks accept is written by sai's controls. For a provision that only a
    person can vouch for, use `sai attest`. Example:

        sai ledger append --kind note.meeting --subject model-a -p 5.2.1-1 --data '{"n": 1}'
    """
    from sai.ledger import Evidence, Origin, open_ledger
    from sai.ledger.kinds import is_note

    if not is_note(kind):
        raise InputError(
            f"--kind {kind}: `sai ledger append` writes only notes (note or note.<word>)",
            hint="evidence of other kinds is written by the sai control that measures it; "
            "for a person's statement about a provision use `sai attest`",
        )
    ws = workspace_from(workspace)
    actor = ws.actor()
    evidence = Evidence.create(
        kind,
        subject,
        provisions=provisions or (),
        actor=actor,
        origin=Origin.person(actor),
        data=_parse_data(data),
    )
    with open_ledger(ws) as ledger:
        ref = ledger.append(evidence)
    stdout_console().print(str(ref.index))


__all__ = ["append"]
