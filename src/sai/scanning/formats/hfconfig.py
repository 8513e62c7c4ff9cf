"""Hugging Face configuration files that map model classes to Python code.

``auto_map`` in ``config.json`` (and ``tokenizer_config.json``, ``processor_config.json``…)
names modules shipped beside the weights (``modeling_x.XModel``) or in another repository
(``org/repo--modeling_x.XModel``); ``custom_pipelines`` does the same for pipelines. Loading
with ``trust_remote_code=True`` imports and runs those files, so each is a finding naming the
code file, wherever it sits (composite models nest sub-configurations, each of which may carry
its own ``auto_map``; tokenizers may give it as a legacy ``[slow, fast]`` list), and a diffusers
``model_index.json`` whose ``_class_name`` is a ``[module, class]`` pair names the
repository's own pipeline file, as does a sentence-transformers ``modules.json`` entry whose
``type`` is not one of sentence-transformers' own. Configurations without them are ordinary.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import ClassVar

from sai.scanning.detect import Format
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.rules import finding

_MAX_DEPTH = 8


def code_file(reference: str) -> str:
    """The code file of a class reference: ``org/repo--pkg.mod.Cls`` -> ``org/repo: pkg/mod.py``."""
    repo, _, local = reference.rpartition("--")
    module = local.rpartition(".")[0] or local
    path = module.replace(".", "/") + ".py"
    return f"{repo}: {path}" if repo else path


def _nested(config: dict[str, object], depth: int = 0) -> Iterator[dict[str, object]]:
    """``config`` and every object inside it (composite models nest their sub-configs)."""
    yield config
    if depth >= _MAX_DEPTH:
        return
    for value in config.values():
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict):
                yield from _nested(child, depth + 1)


def _references(config: dict[str, object]) -> Iterator[tuple[str, str]]:
    for part in _nested(config):
        yield from _own_references(part)


def _own_references(config: dict[str, object]) -> Iterator[tuple[str, str]]:
    auto_map = config.get("auto_map")
    if isinstance(auto_map, list):  # the legacy tokenizer form: [slow, fast]
        auto_map = {"AutoTokenizer": auto_map}
    if isinstance(auto_map, dict):
        for key, value in auto_map.items():
            for ref in value if isinstance(value, list) else [value]:
                if isinstance(ref, str) and ref:
                    yield f"auto_map {key}", ref
    pipeline = config.get("_class_name")
    if (
        isinstance(pipeline, list)
        and len(pipeline) == 2
        and all(isinstance(part, str) and part for part in pipeline)
    ):  # diffusers: a [module, class] pipeline is the repository's own code
        yield "custom diffusers pipeline", ".".join(pipeline)
    module_type = config.get("type")
    if (
        isinstance(module_type, str)
        and "path" in config
        and not module_type.startswith("sentence_transformers.")
    ):  # a modules.json entry outside sentence-transformers: the repository's own code
        yield "sentence-transformers module", module_type
    pipelines = config.get("custom_pipelines")
    if isinstance(pipelines, dict):
        for task, spec in pipelines.items():
            impl = spec.get("impl") if isinstance(spec, dict) else None
            if isinstance(impl, str) and impl:
                yield f"custom pipeline {task}", impl


class HfConfigScanner(FormatScanner):
    """JSON configurations of Hugging Face repositories."""

    format: ClassVar[Format] = Format.hf_config

    def scan(self, item: Item, ctx: ScanContext) -> None:
        try:
            config = json.loads(bytes(item.data))
        except (ValueError, RecursionError) as error:
            ctx.report(finding("hf.malformed", f"not JSON: {error}", member=item.member))
            return
        if isinstance(config, list):  # sentence-transformers' modules.json
            config = {"modules": config}
        if not isinstance(config, dict):
            ctx.report(
                finding(
                    "hf.malformed", "not a JSON object (a configuration is one)", member=item.member
                )
            )
            return
        for where, ref in _references(config):
            ctx.report(
                finding(
                    "hf.remote-code",
                    f"{where} maps to {ref}: loading with trust_remote_code runs {code_file(ref)}",
                    member=item.member,
                    callable=ref,
                )
            )


__all__ = ["HfConfigScanner", "code_file"]
