"""`sai data` (fetch, record, verify, screen, approve, export) and `sai env check`.

The commands live by group: capture and integrity in ``data_capture``, screens, sign-off and
export in ``data_review``, what they share in ``_data_common``; this module attaches them.
"""

from __future__ import annotations

import typer

from sai.cli import data_capture, data_review

data_app = typer.Typer(
    no_args_is_help=True,
    help="Training data: provenance, integrity, screens, sign-off, Croissant export.",
)
for _command in (
    data_capture.fetch,
    data_capture.record,
    data_capture.verify,
    data_review.screen,
    data_review.approve,
    data_review.export,
):
    data_app.command(_command.__name__)(_command)


def register(app: typer.Typer) -> None:
    """Attach `sai data` and `sai env`."""
    from sai.cli import env

    app.add_typer(data_app, name="data", help="Training data: provenance, integrity, screens.")
    env.register(app)


__all__ = ["data_app", "register"]
