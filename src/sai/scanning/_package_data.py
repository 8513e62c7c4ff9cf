"""Data files shipped inside sai's packages, read without `importlib.resources`.

`importlib.resources` imports tempfile, shutil and random, which cost more than a small scan's
own start-up; a data file beside a module is read through that module's loader instead, as
`pkgutil.get_data` does (plain files and zip imports alike).
"""

from __future__ import annotations

import os
import sys


def package_text(package: str, name: str) -> str:
    """The UTF-8 text of the data file ``name`` in the (imported) package ``package``."""
    module = sys.modules[package]
    spec = module.__spec__
    get_data = getattr(spec.loader if spec else None, "get_data", None)
    if get_data is None or module.__file__ is None:
        raise FileNotFoundError(f"{package} has no loader that reads data files")
    data = get_data(os.path.join(os.path.dirname(module.__file__), name))
    return bytes(data).decode("utf-8")


__all__ = ["package_text"]
