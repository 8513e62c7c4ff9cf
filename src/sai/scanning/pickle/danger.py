"""How a callable outside the allow-list is reported: ``dangerous`` or merely ``unknown``.

A callable is dangerous when it is known to reach code, files, processes, the network or the
interpreter (the reviewed data file ``dangerous.txt`` beside this module), when it belongs to
the Python standard library (whose benign types are all on the allow-list, so whatever else
a model names there is a gadget), or when its name is dotted (attribute traversal). Anything
else (a project's own classes, a library type sai has not reviewed) is unknown: reported,
with a hint to allow it in the policy file, but failing a scan only with ``--fail-on unknown``.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import NamedTuple

from sai.scanning._package_data import package_text
from sai.scanning.result import Confidence

#: Standard-library modules of other Python versions: removed in 3.12/3.13 (a scan on a newer
#: interpreter must still know them) and Python 2's (pickles of protocols 0-2 name them).
_OTHER_STDLIB = frozenset({
    "aifc", "asynchat", "asyncore", "audioop", "cgi", "cgitb", "chunk", "crypt", "distutils",
    "imghdr", "imp", "lib2to3", "mailcap", "msilib", "nis", "nntplib", "ossaudiodev", "pipes",
    "smtpd", "sndhdr", "spwd", "sunau", "telnetlib", "uu", "xdrlib", "__builtin__",
    "__builtins__", "copy_reg", "commands", "popen2", "new", "cPickle", "urllib2", "httplib",
    "SocketServer", "SimpleHTTPServer", "CGIHTTPServer", "cookielib", "thread", "dummy_thread",
})  # fmt: skip
_STDLIB = frozenset(sys.stdlib_module_names) | _OTHER_STDLIB


# NOTE: NamedTuple, not a dataclass: a frozen dataclass compiles six methods at import,
# which `sai scan` pays on every start.
class DangerList(NamedTuple):
    """Modules (with everything under them), exact names and name prefixes known dangerous."""

    modules: frozenset[str]
    names: frozenset[tuple[str, str]]
    prefixes: frozenset[tuple[str, str]]

    def matches(self, module: str, name: str) -> bool:
        """Whether ``module.name`` is on the list (``*`` entries match any module)."""
        parts = module.split(".")
        if any(".".join(parts[:n]) in self.modules for n in range(1, len(parts) + 1)):
            return True
        if (module, name) in self.names or ("*", name) in self.names:
            return True
        return any(
            scope in ("*", module) and name.startswith(prefix) for scope, prefix in self.prefixes
        )

    def dangerous_name(self, name: str) -> bool:
        """Whether ``name`` is dangerous in any module (the ``* name`` entries)."""
        if ("*", name) in self.names:
            return True
        return any(scope == "*" and name.startswith(prefix) for scope, prefix in self.prefixes)

    def classify(self, module: str, name: str) -> Confidence:
        """``dangerous`` or ``unknown`` for a callable that is not on the allow-list."""
        if "." in name or not name or module.split(".", maxsplit=1)[0] in _STDLIB:
            return Confidence.dangerous
        return Confidence.dangerous if self.matches(module, name) else Confidence.unknown


def parse_dangerous(text: str) -> DangerList:
    """A DangerList from ``module *`` / ``module name[,name]`` / ``* name`` lines."""
    modules: set[str] = set()
    names: set[tuple[str, str]] = set()
    prefixes: set[tuple[str, str]] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        parts = body.split()
        if len(parts) != 2:
            raise ValueError(f"dangerous-list line {number}: expected `module name`, got {body!r}")
        module, listed = parts
        if listed == "*":
            modules.add(module)
            continue
        for name in listed.split(","):
            if name.endswith("*"):
                prefixes.add((module, name[:-1]))
            else:
                names.add((module, name))
    return DangerList(frozenset(modules), frozenset(names), frozenset(prefixes))


@cache
def default_dangerous() -> DangerList:
    """sai's reviewed list of dangerous callables (read once from the package data)."""
    text = package_text("sai.scanning.pickle", "dangerous.txt")
    return parse_dangerous(text)


def classify(module: str, name: str) -> Confidence:
    """How an import outside the allow-list is reported (see the module docstring)."""
    return default_dangerous().classify(module, name)


__all__ = ["DangerList", "classify", "default_dangerous", "parse_dangerous"]
