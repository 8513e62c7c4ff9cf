"""JUnit XML: a test suite per category, a test case per probe, a failure per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sai.redteam.findings import RunSummary


def render(summary: RunSummary) -> str:
    failing = {(f.category.value, f.probe): f for f in summary.findings}
    probes: dict[str, set[str]] = {}
    for probe, (category, _, _) in summary.probes.items():
        probes.setdefault(category, set()).add(probe)
    for category, probe in failing:
        probes.setdefault(category, set()).add(probe)
    root = ET.Element("testsuites", name="sai-redteam")
    total_tests = total_failures = 0
    for category in sorted(probes):
        names = sorted(probes[category]) or [category]
        suite = ET.SubElement(root, "testsuite", name=category)
        failures = 0
        for probe in names:
            case = ET.SubElement(suite, "testcase", classname=f"redteam.{category}", name=probe)
            finding = failing.get((category, probe))
            if finding is not None:
                failures += 1
                failure = ET.SubElement(
                    case, "failure", message=finding.title, type=finding.severity.value
                )
                failure.text = f"{finding.atlas} {finding.owasp}: {finding.evidence}"
        suite.set("tests", str(len(names)))
        suite.set("failures", str(failures))
        total_tests += len(names)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


__all__ = ["render"]
