"""Model scans: the file at the recorded digest, scanned again with the same scanner."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from sai.errors import SaiError
from sai.ledger.entry import Evidence
from sai.ledger.kinds import Kind
from sai.reperform.base import Files, Finding, Outcome, Reperformer, data_of
from sai.scanning.engine import ScanSettings, scan_file


class ModelScans(Reperformer):
    """Re-scan the file a ``scan.result`` names: same digest, same verdict.

    A scan under a policy (an extended allow-list) is compared by digest only unless the
    policy file is among the files given, with the digest recorded.
    """

    kinds: ClassVar[frozenset[str]] = frozenset({Kind.SCAN_RESULT})

    def check(self, index: int, evidence: Evidence, files: Files) -> list[Finding]:
        return [self.finding(index, evidence, *self._judge(data_of(evidence), files))]

    def _judge(self, data: Mapping[str, Any], files: Files) -> tuple[Outcome, str]:
        relative, digest, verdict = data.get("path"), data.get("digest"), data.get("verdict")
        if not (isinstance(relative, str) and isinstance(digest, str)):
            return Outcome.UNSETTLED, "no path or digest"
        path = files.inside(relative)
        if path is None or not path.is_file():
            return Outcome.UNSETTLED, f"{relative} was not given"
        settings, policy_note = self._settings(data.get("policy"), files)
        try:
            # NOTE: a companion file of a model folder is judged as part of its model.
            part_of = data.get("part_of")
            part_of = part_of if isinstance(part_of, str) else ""
            result = scan_file(path, settings or ScanSettings(), part_of)
        except SaiError as exc:
            return Outcome.UNSETTLED, exc.message
        if result.digest != digest:
            return Outcome.CONTRADICTED, (
                f"{relative}: recorded digest {digest}, the file given is {result.digest}"
            )
        if settings is None:
            return Outcome.UNSETTLED, f"{relative} at {digest}: {policy_note}"
        same = result.verdict.value == verdict
        return (
            (Outcome.CONFIRMED, f"{relative} at {digest}: scanned {verdict} again")
            if same
            else (
                Outcome.CONTRADICTED,
                f"{relative}: recorded {verdict}, scanning the file given says {result.verdict}",
            )
        )

    @staticmethod
    def _settings(policy: object, files: Files) -> tuple[ScanSettings | None, str | None]:
        """The scan settings of the recorded run, or (None, why) when they cannot be rebuilt."""
        if policy is None:
            return ScanSettings(), None
        from sai.scanning.policy import load_policy
        from sai.scanning.service import settings_for

        if not isinstance(policy, Mapping) or not isinstance(policy.get("path"), str):
            return None, "digest confirmed; the recorded policy is malformed"
        recorded = Path(policy["path"])
        given = next(
            (
                path
                for path in (files.inside(str(recorded)), files.inside(recorded.name))
                if path is not None and path.is_file()
            ),
            None,
        )
        if given is None:
            return None, "digest confirmed; the verdict depends on a policy that was not given"
        loaded = load_policy(given)
        if loaded.digest != policy.get("digest"):
            return None, "digest confirmed; the policy given is not the one recorded"
        return settings_for(loaded), None


__all__ = ["ModelScans"]
