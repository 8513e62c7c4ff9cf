"""The human-readable rendering of scan results (JSON: `sai.scanning.json_report`).

The text is a list of lines of styled segments (`text_lines`). `render_text` prints them
through a rich console (colours on a terminal); `write_plain` writes the same characters to a
stream without importing rich, for output that rich would print without styles anyway (a pipe
or a file: `plain_stream`), as long as no line holds a character rich rewrites (a tab, a
carriage return and other control codes it strips): then rich prints them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from sai.scanning.result import ArtifactResult, Confidence, FailOn, Finding, ScanVerdict

if TYPE_CHECKING:  # NOTE: the audit's modules load only with an audit (`sai scan --deps`)
    from rich.console import Console

    from sai.scanning.deps import AuditResult

#: One line of text: (characters, rich style or "") segments.
Line = tuple[tuple[str, str], ...]

_STYLE = {
    ScanVerdict.safe: "green",
    ScanVerdict.review: "yellow",
    ScanVerdict.unsafe: "bold red",
    ScanVerdict.error: "red",
}
#: Each verdict's label, padded, and style (computed once: a line per artifact uses them).
_LABELS = {v: (f"{v.value.upper():6}", style) for v, style in _STYLE.items()}
#: Characters rich does not print as they are (it expands tabs, strips these control codes).
_REWRITTEN_BY_RICH = "\t\r\x07\x08\x0b\x0c"
#: Environment variables that make rich style output that is not a terminal.
_FORCING_STYLES = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS")


def allow_hint(item: Finding) -> str | None:
    """For an unknown callable: how to allow it in the policy file, in one line."""
    if item.confidence is not Confidence.unknown or not item.callable:
        return None
    module, _, name = item.callable.rpartition(".")
    if not module:
        return None
    return (
        f"if {item.callable} is yours, allow it in the policy file: "
        f"allow: [{{module: {module}, name: {name}, justification: ...}}]"
    )


def unknown_callables(results: Sequence[ArtifactResult]) -> list[Finding]:
    """One unknown finding per callable, in the order met."""
    seen: dict[str, Finding] = {}
    for result in results:
        for item in result.findings:
            if item.callable and allow_hint(item) and item.callable not in seen:
                seen[item.callable] = item
    return list(seen.values())


def result_lines(results: Sequence[ArtifactResult]) -> list[Line]:
    """One line per artifact, then its findings indented (two lines each)."""
    lines: list[Line] = []
    for result in results:
        inner = f" ({', '.join(result.inner_formats)})" if result.inner_formats else ""
        inner += f" part of {result.part_of}" if result.part_of else ""
        lines.append(
            (
                _LABELS[result.verdict],
                (f" {result.path}  ", ""),
                (f"{result.format}{inner}", "dim"),
            )
        )
        lines.extend(
            (
                (
                    f"    {item.severity.value:8} {item.confidence.value:9} {item.rule}  "
                    f"{item.message}\n"
                    f"             at {item.where(result.path)}",
                    "",
                ),
            )
            for item in result.findings
        )
    return lines


def audit_lines(audit: AuditResult) -> list[Line]:
    """The dependency audit: what was checked against which data, and what applies."""
    from sai.scanning.deps import SourceFormat

    newest = f", newest {audit.modified[:10]}" if audit.modified else ", undated"
    if audit.source_format is SourceFormat.pip_audit:
        head = (
            f"dependencies (pip-audit report{newest}): {len(audit.packages)} checked, "
            f"{len(audit.skipped)} skipped, {len(audit.vulnerabilities)} vulnerable"
        )
    else:
        head = (
            f"dependencies: {len(audit.packages)} packages, {audit.advisories} PyPI advisories "
            f"in the database ({audit.source_format.value}{newest}), "
            f"{len(audit.vulnerabilities)} apply"
        )
    texts = [head]
    for vuln in audit.vulnerabilities:
        fix = f" (fixed in {vuln.fixed})" if vuln.fixed else ""
        also = f" [{', '.join(vuln.aliases)}]" if vuln.aliases else ""
        texts.append(f"    {vuln.id}{also}  {vuln.package}=={vuln.version}{fix}  {vuln.summary}")
    texts.extend(f"    not checked: {skipped}" for skipped in audit.skipped)
    return [((text, ""),) for text in texts]


def summary_lines(
    results: Sequence[ArtifactResult], audit: AuditResult | None, fail_on: FailOn
) -> list[Line]:
    """The audit, a hint per unknown callable, and the count of scanned and failing files."""
    lines = audit_lines(audit) if audit is not None else []
    lines.extend(
        (("hint:", "yellow"), (f" {allow_hint(item) or ''}", ""))
        for item in unknown_callables(results)
    )
    # NOTE: counted by verdict (whether a result fails depends on its verdict alone)
    failing_verdicts = tuple(v for v in ScanVerdict if fail_on.fails(v))
    failing = sum(r.verdict in failing_verdicts for r in results)
    review = sum(r.verdict is ScanVerdict.review for r in results)
    lines.append(
        (
            (
                f"{len(results)} scanned, {failing} failing (--fail-on {fail_on.value}), "
                f"{review} with unknown callables to review",
                "",
            ),
        )
    )
    return lines


def text_lines(
    results: Sequence[ArtifactResult], audit: AuditResult | None, fail_on: FailOn
) -> list[Line]:
    """Every line of the text output."""
    return [*result_lines(results), *summary_lines(results, audit, fail_on)]


def render_text(
    results: Sequence[ArtifactResult],
    audit: AuditResult | None,
    console: Console,
    fail_on: FailOn = FailOn.dangerous,
) -> None:
    """Print the text output through a rich console."""
    from rich.text import Text

    lines = [Text.assemble(*line) for line in result_lines(results)]
    if lines:  # NOTE: one print: a thousand prints cost more than the scan of a small file
        console.print(Text("\n").join(lines))
    for line in summary_lines(results, audit, fail_on):
        console.print(Text.assemble(*line))


def render_audit(audit: AuditResult, console: Console) -> None:
    """Print the dependency audit through a rich console."""
    from rich.text import Text

    for line in audit_lines(audit):
        console.print(Text.assemble(*line))


def plain_stream(stream: TextIO) -> bool:
    """Whether rich would print to ``stream`` without any style (not a terminal, no variable
    forcing styles)."""
    if any(os.environ.get(name) for name in _FORCING_STYLES):
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return False


def write_plain(lines: Sequence[Line], stream: TextIO) -> bool:
    """Write ``lines`` unstyled, exactly as rich prints them to a plain stream; False (nothing
    written) when a line holds a character rich would rewrite."""
    text = "".join(["".join([part for part, _ in line]) + "\n" for line in lines])
    if any(char in text for char in _REWRITTEN_BY_RICH):
        return False
    stream.write(text)
    return True


__all__ = [
    "Line",
    "allow_hint",
    "audit_lines",
    "plain_stream",
    "render_audit",
    "render_text",
    "result_lines",
    "summary_lines",
    "text_lines",
    "unknown_callables",
    "write_plain",
]
