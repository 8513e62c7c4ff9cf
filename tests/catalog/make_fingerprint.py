"""Read the standard's text and write tests/catalog/standard_fingerprint.json.

The fingerprint lets the catalog tests run where the standard is not available (a clean clone
elsewhere, CI): it holds each provision's id, the verbal forms (shall/should) its text uses,
the stakeholder roles its text names, and SHA-256 hashes (hex, first 16 characters) of every
6-word shingle of its text -- hashes only, no text. The no-copy test hashes the shingles of our
summaries and evidence hints the same way and requires that none matches.

Words are runs of ``[a-z0-9]`` after lower-casing, so punctuation and hyphens separate words
("End-users" -> "end users"). Run from the repository root:

    .venv/bin/python tests/catalog/make_fingerprint.py            # write the fingerprint
    .venv/bin/python tests/catalog/make_fingerprint.py --check    # exit 1 if it is stale

The standard is looked up in $SAI_STANDARD_DIR, else <repo>/../shared/standard/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
STANDARD_FILE = "ETSI-EN-304-223-V2.1.1.md"
FINGERPRINT_PATH = Path(__file__).with_name("standard_fingerprint.json")
SHINGLE_WORDS = 6

#: A provision paragraph: the bold label, then its text up to the next blank line.
PROVISION_RE = re.compile(
    r"^\*\*Provision (?P<id>5\.\d\.\d-\d+(?:\.\d+)?)\*\*[ \t]*(?P<text>.*(?:\n(?!\s*\n).*)*)",
    re.MULTILINE,
)
#: Any mention of a provision label, however marked up (bold or not), to catch odd markup.
LOOSE_ID_RE = re.compile(r"Provision\W{0,4}(5\.\d\.\d-\d+(?:\.\d+)?)")
PRINCIPLE_RE = re.compile(r"^#+ (5\.\d\.\d) Principle (\d+): (.+?)\s*$", re.MULTILINE)
FORCE_RES = {"shall": re.compile(r"\bshall\b", re.I), "should": re.compile(r"\bshould\b", re.I)}
ROLE_RES = {
    "developer": re.compile(r"\bdevelopers?\b", re.I),
    "system_operator": re.compile(r"\bsystem operators?\b", re.I),
    "data_custodian": re.compile(r"\bdata custodians?\b", re.I),
    "end_user": re.compile(r"\bend-users?\b", re.I),
}


def standard_path() -> Path | None:
    """The standard's markdown file, if reachable from here."""
    base = os.environ.get("SAI_STANDARD_DIR")
    folder = Path(base) if base else REPO.parent / "shared" / "standard"
    path = folder / STANDARD_FILE
    return path if path.is_file() else None


def provisions(text: str) -> dict[str, str]:
    """Provision id -> its paragraph text, in document order; duplicate ids are an error."""
    found: dict[str, str] = {}
    for match in PROVISION_RE.finditer(text):
        pid = match.group("id")
        if pid in found:
            raise ValueError(f"provision {pid} appears twice in the standard")
        found[pid] = " ".join(match.group("text").split())
    return found


def loose_ids(text: str) -> set[str]:
    """Every provision id mentioned after the word "Provision", whatever the markup."""
    return set(LOOSE_ID_RE.findall(text))


def principles(text: str) -> list[tuple[str, int, str]]:
    """(clause, number, heading title) of each principle heading of clause 5."""
    return [(m.group(1), int(m.group(2)), m.group(3)) for m in PRINCIPLE_RE.finditer(text)]


def words(text: str) -> list[str]:
    """Lower-cased words with punctuation stripped (punctuation separates words)."""
    return re.findall(r"[a-z0-9]+", text.lower())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Every run of ``size`` consecutive words, joined by single spaces."""
    tokens = words(text)
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def shingle_hash(shingle: str) -> str:
    """The truncated SHA-256 of one shingle, as stored in the fingerprint."""
    return hashlib.sha256(shingle.encode("utf-8")).hexdigest()[:16]


def forces(text: str) -> list[str]:
    """The verbal forms (shall, should) a provision's text uses."""
    return [name for name, pattern in FORCE_RES.items() if pattern.search(text)]


def role_mentions(text: str) -> list[str]:
    """The stakeholder roles a provision's text names (bound or merely mentioned)."""
    return [name for name, pattern in ROLE_RES.items() if pattern.search(text)]


def build_fingerprint(text: str) -> dict[str, Any]:
    """The fingerprint document for the standard's text."""
    found = provisions(text)
    return {
        "standard": "ETSI EN 304 223",
        "version": "V2.1.1",
        "shingle_words": SHINGLE_WORDS,
        "hash": "sha256, hex, first 16 characters",
        "principles": [{"clause": c, "number": n} for c, n, _ in principles(text)],
        "provisions": [
            {
                "id": pid,
                "forces": forces(body),
                "role_mentions": role_mentions(body),
                "shingles": sorted({shingle_hash(s) for s in shingles(body)}),
            }
            for pid, body in found.items()
        ],
    }


def render(fingerprint: dict[str, Any]) -> str:
    """The fingerprint as stored: indented JSON with a trailing newline."""
    return json.dumps(fingerprint, indent=1) + "\n"


def load_fingerprint() -> dict[str, Any]:
    """The committed fingerprint."""
    data: dict[str, Any] = json.loads(FINGERPRINT_PATH.read_text(encoding="utf-8"))
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that it is current")
    args = parser.parse_args(argv)
    path = standard_path()
    if path is None:
        print("standard not found; set SAI_STANDARD_DIR", file=sys.stderr)
        return 2
    content = render(build_fingerprint(path.read_text(encoding="utf-8")))
    if args.check:
        current = FINGERPRINT_PATH.is_file() and FINGERPRINT_PATH.read_text() == content
        print("fingerprint is current" if current else "fingerprint is stale", file=sys.stderr)
        return 0 if current else 1
    FINGERPRINT_PATH.write_text(content, encoding="utf-8")
    print(f"wrote {FINGERPRINT_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
