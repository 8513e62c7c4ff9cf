"""`sai dispose baseline-sample ID`: crypto-erase a monitoring baseline's own sealed sample."""

from __future__ import annotations

from typing import Annotated

import typer

from sai.cli._context import ManifestOption, WorkspaceOption, open_project
from sai.cli._dispose_common import ReasonOption
from sai.cli._output import stdout_console


def baseline_sample_command(
    baseline: Annotated[
        str,
        typer.Argument(
            metavar="BASELINE",
            help="The baseline's id (or its first 8+ characters), as `sai monitor baseline` "
            "printed it.",
        ),
    ],
    reason: ReasonOption,
    workspace: WorkspaceOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Crypto-erase the sealed row sample of a baseline frozen from an undeclared reference.

    Destroys every copy of the sample's own key (`baseline:...`), checks it no longer unwraps,
    and records `key.destroyed`. Later `sai monitor run`s still test each feature on the
    aggregates and say the domain classifier cannot be judged. A sample sealed under a
    dataset's key goes with the dataset: `sai dispose DATASET`.
    """
    from sai.cli._custody import custody_settings
    from sai.disposal.baseline_erase import erase_baseline_sample

    with open_project(workspace, manifest, allow_missing_files=True) as project:
        erased = erase_baseline_sample(
            project.ledger,
            project.workspace,
            baseline,
            reason,
            actor=project.workspace.actor(),
            settings=custody_settings(),
        )
    copies = f"{len(erased.destroyed)} key copies destroyed" if erased.destroyed else "no copy left"
    stdout_console().print(
        f"erased the row sample of baseline {erased.baseline} ({erased.key}): {copies}, "
        f"verified gone (entry {erased.entry})"
    )


__all__ = ["baseline_sample_command"]
