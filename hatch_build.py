"""Build hook: compile the injection guard's C kernel in place (``_kernel.c``).

Hatchling runs this for wheels and editable installs. The kernel scores the fast tier's
n-grams in one pass (``sai.guards.injection._compiled``); without a C compiler or Python's
headers the build goes on, says so, and sai scores with numpy alone. ``SAI_BUILD_KERNEL=0``
skips the compile; ``SAI_BUILD_KERNEL=1`` makes a failed compile fail the build. Edited
``_kernel.c``? Install again (``pip install -e .``) to rebuild it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODULE = "sai.guards.injection._kernel"
SOURCE = Path("src", "sai", "guards", "injection", "_kernel.c")


class KernelHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles the kernel beside its source and ships it in the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        wanted = os.environ.get("SAI_BUILD_KERNEL", "auto")
        if wanted == "0":
            return
        root = Path(self.root)
        try:
            built = compile_kernel(root)
        except Exception as error:
            if wanted == "1":
                raise
            self.app.display_warning(
                f"sai: the injection guard's C kernel was not compiled ({error}); "
                "the guards score with numpy (same results, slower)"
            )
            return
        build_data["artifacts"].append("/" + built.relative_to(root).as_posix())
        if version == "standard":  # a wheel with a compiled module is for this platform only
            build_data["pure_python"] = False
            build_data["infer_tag"] = True


def compile_kernel(root: Path) -> Path:
    """Compile ``SOURCE`` with setuptools' compiler driver into a scratch folder under
    ``root/build``, then move it beside its source; the module's path. The move replaces the
    file (a process that has the old one loaded keeps it) rather than writing over it."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    scratch = root / "build"
    scratch.mkdir(exist_ok=True)
    extension = Extension(MODULE, [str(root / SOURCE)])
    command = build_ext(Distribution({"name": "sai-kernel", "ext_modules": [extension]}))
    with tempfile.TemporaryDirectory(dir=scratch) as temp:
        command.build_lib = command.build_temp = temp
        command.ensure_finalized()
        command.run()
        built = Path(command.get_ext_fullpath(MODULE))
        target = root / "src" / built.relative_to(temp)
        os.replace(built, target)
    return target
