"""Probes: the attacks a red-team run makes. The registry names every one, in run order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

from sai.redteam.errors import ProbeError
from sai.redteam.probes.agency import ExcessiveAgency
from sai.redteam.probes.base import Probe, ProbeContext, load_data
from sai.redteam.probes.canary import CanaryLeak
from sai.redteam.probes.encoding import EncodingBypass
from sai.redteam.probes.extraction import PromptExtraction
from sai.redteam.probes.indirect import IndirectInjection
from sai.redteam.probes.injection import DirectInjection
from sai.redteam.probes.jailbreak import Jailbreak
from sai.redteam.probes.multi_turn import MultiTurnExtraction
from sai.redteam.probes.pii import PiiLeak
from sai.redteam.probes.replay import TrainingDataReplay
from sai.redteam.probes.secrets import SecretLeak

PROBES: Mapping[str, type[Probe]] = MappingProxyType(
    {
        cls.name: cls
        for cls in (
            DirectInjection,
            IndirectInjection,
            Jailbreak,
            PromptExtraction,
            CanaryLeak,
            SecretLeak,
            PiiLeak,
            TrainingDataReplay,
            EncodingBypass,
            MultiTurnExtraction,
            ExcessiveAgency,
        )
    }
)


def select_probes(spec: str | Sequence[str], *, tools: bool = False) -> tuple[str, ...]:
    """``all`` or a comma-separated list of probe names, checked against the registry.

    ``all`` takes the probes that need an agent's tools only when the target declares
    ``tools``; naming one without them is an error.
    """
    names = [n.strip() for n in spec.split(",")] if isinstance(spec, str) else list(spec)
    if names == ["all"]:
        return tuple(n for n, cls in PROBES.items() if tools or not cls.needs_tools)
    unknown = [n for n in names if n not in PROBES]
    if unknown or not names:
        raise ProbeError(
            f"unknown probe(s): {', '.join(unknown) or '(none given)'}",
            hint=f"use all, or some of: {', '.join(PROBES)}",
        )
    toolless = [n for n in names if PROBES[n].needs_tools and not tools]
    if toolless:
        raise ProbeError(
            f"probe {', '.join(toolless)} attacks an agent's tools, and the target declares none",
            hint="pass the agent's tool definitions with --tools FILE.json",
        )
    return tuple(dict.fromkeys(names))


__all__ = ["PROBES", "Probe", "ProbeContext", "load_data", "select_probes"]
