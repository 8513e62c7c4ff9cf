"""Console output without Typer: exit codes, the consoles, JSON printing, error reports.

Split from `_output` so that the lean `sai scan` path (`sai.cli._scan_argv`) prints exactly
as the Typer commands do without importing Typer; rich loads when a console is first made.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from sai.errors import SaiError

#: Exit codes, documented in `sai --help`.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def stdout_console() -> Console:
    """A console for normal output (no colour when piped).

    Markup and emoji codes are off: messages carry user text (a path such as
    ``models/[v2]/model.pkl``, a subject, a reason), which must print as it is. Styles come
    from `rich.text.Text` (`styled`), or an explicit ``markup=True`` with every user part
    passed through `rich.markup.escape`.
    """
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, markup=False, emoji=False)


def stderr_console() -> Console:
    """A console for progress, warnings and errors (markup and emoji codes off)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def styled(text: str, style: str) -> Text:
    """``text`` in ``style``, with no markup interpreted in it."""
    from rich.text import Text

    return Text(text, style=style)


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON on stdout (stable key order as given)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def report_error(error: SaiError) -> None:
    """Print an error's diagnostics on stderr, without a traceback."""
    from rich.text import Text

    console = stderr_console()
    first, *rest = error.diagnostics().splitlines() or [""]
    console.print(Text.assemble(("error:", "bold red"), " ", first))
    for line in rest:
        console.print(line)
