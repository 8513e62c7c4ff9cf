"""``python -m sai.scanning PATH...``: the scanner alone, for CI pipelines and hooks.

Same detection and exit codes as `sai scan` (0 clean, 1 findings, 2 error), without the
workspace, ledger or policy; it starts in a fraction of the full CLI's time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sai.errors import SaiError
from sai.scanning.engine import ScanSettings, scan_paths
from sai.scanning.result import FailOn


def main(argv: list[str] | None = None) -> int:
    """Scan the named paths and print one line per artifact (or JSON / SARIF)."""
    parser = argparse.ArgumentParser(prog="python -m sai.scanning", description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    parser.add_argument("--digest", action="store_true", help="compute SHA-256 digests")
    parser.add_argument(
        "--fail-on",
        choices=[f.value for f in FailOn],
        default=FailOn.dangerous.value,
        help="exit 1 on dangerous findings only (default), or on unknown callables too",
    )
    args = parser.parse_args(argv)
    fail_on = FailOn(args.fail_on)
    try:
        results = scan_paths(args.paths, ScanSettings(digest=args.digest))
    except SaiError as error:
        print(f"error: {error.diagnostics()}", file=sys.stderr)
        return 2
    if args.format == "sarif":
        from sai.scanning.sarif import to_sarif

        print(json.dumps(to_sarif(results, fail_on), indent=2))
    elif args.format == "json":
        from sai.scanning.json_report import to_json

        print(json.dumps(to_json(results, None), indent=2))
    else:
        for result in results:
            print(f"{result.verdict.value:6} {result.path} ({result.format})")
            for item in result.findings:
                print(
                    f"    {item.severity.value} {item.confidence.value} {item.rule}: "
                    f"{item.message} [{item.where(result.path)}]"
                )
    return 1 if any(r.fails(fail_on) for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
