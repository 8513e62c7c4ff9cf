"""Ordinary long text for the benign class: windows of Python standard-library sources.

The corpus's benign side is mostly short questions, which teaches a linear model that any long
declarative text is suspicious. Windows of the standard library's docstrings, comments and code
(PSF licence, present on every machine with Python, read as text and never imported) are
ordinary documentation and code. The module list is fixed; the Python version is recorded.
"""

from __future__ import annotations

import hashlib
import random
import sys
import sysconfig
from pathlib import Path

from _data import Row

MODULES = (
    "argparse",
    "asyncio/base_events",
    "calendar",
    "collections/__init__",
    "configparser",
    "csv",
    "dataclasses",
    "datetime",
    "difflib",
    "email/message",
    "email/utils",
    "enum",
    "fractions",
    "ftplib",
    "functools",
    "getopt",
    "gettext",
    "http/client",
    "http/server",
    "imaplib",
    "inspect",
    "ipaddress",
    "json/decoder",
    "locale",
    "logging/__init__",
    "mailbox",
    "netrc",
    "optparse",
    "os",
    "pathlib",
    "pdb",
    "pickle",
    "platform",
    "poplib",
    "pprint",
    "shutil",
    "smtplib",
    "socket",
    "statistics",
    "string",
    "subprocess",
    "tarfile",
    "tempfile",
    "textwrap",
    "threading",
    "turtle",
    "typing",
    "unittest/case",
    "urllib/parse",
    "urllib/request",
    "uuid",
    "wave",
    "zipfile/__init__",
)
WINDOW = 400
PER_MODULE = 30


def stdlib_rows(seed: int) -> tuple[list[Row], dict[str, object]]:
    """Benign windows (label 0) and a record of where they came from."""
    root = Path(sysconfig.get_paths()["stdlib"])
    rng = random.Random(seed)  # noqa: S311 - sampling, not secrecy
    rows: list[Row] = []
    digest = hashlib.sha256()
    for module in MODULES:
        path = root / f"{module}.py"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        digest.update(text.encode("utf-8"))
        starts = sorted(rng.sample(range(max(1, len(text) - WINDOW)), k=PER_MODULE))
        for start in starts:
            begin = text.rfind("\n", 0, start) + 1
            size = rng.choice((120, 250, WINDOW, 2 * WINDOW))
            window = text[begin : begin + size].strip()
            if len(window) > 40:
                rows.append(Row(window, 0, "python-stdlib"))
    record = {
        "python": sys.version.split()[0],
        "modules": len(MODULES),
        "rows": len(rows),
        "sha256_of_sources": "sha256:" + digest.hexdigest(),
    }
    return rows, record
