"""Threat model and risk register of an AI system, built from sai.yaml and the ledger.

    >>> from sai.threats import build_system, evaluate, load_rules  # doctest: +SKIP
    >>> system = build_system(loaded.manifest)  # doctest: +SKIP
    >>> [t.id for t in evaluate(system, load_rules().rules)]  # doctest: +SKIP
    ['SAI-T001:assistant', ...]

Rules are data (``data/rules.yaml``: conditions in a small predicate form, ATLAS and OWASP ids,
mitigating controls); the register counts a mitigation only when the ledger shows it running.
"""

from sai.threats.build import build_system
from sai.threats.errors import RulesFileError, ThreatsError
from sai.threats.evaluate import Threat, evaluate
from sai.threats.files import RuleSet, load_rules
from sai.threats.register import Risk, build_register
from sai.threats.system import Element, ElementKind, Flow, SystemModel

__all__ = [
    "Element",
    "ElementKind",
    "Flow",
    "Risk",
    "RuleSet",
    "RulesFileError",
    "SystemModel",
    "Threat",
    "ThreatsError",
    "build_register",
    "build_system",
    "evaluate",
    "load_rules",
]
