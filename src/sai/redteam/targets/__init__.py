"""Targets: what a red-team run sends its attempts to. The registry names every kind."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sai.redteam.errors import TargetError
from sai.redteam.targets.base import ChatTarget, ModelTarget, Reply
from sai.redteam.targets.http import HttpTemplateTarget, RequestTemplate
from sai.redteam.targets.local_model import LocalModelTarget
from sai.redteam.targets.onnx_model import OnnxModelTarget
from sai.redteam.targets.openai import OpenAITarget
from sai.redteam.targets.predict import PredictTarget

#: Chat target kinds, by the prefix of ``--target KIND:...``.
CHAT_TARGETS: Mapping[str, type[ChatTarget]] = MappingProxyType(
    {cls.kind: cls for cls in (OpenAITarget, HttpTemplateTarget)}
)

#: Model target kinds, for the classic attacks.
MODEL_TARGETS: Mapping[str, type[ModelTarget]] = MappingProxyType(
    {cls.kind: cls for cls in (LocalModelTarget, OnnxModelTarget, PredictTarget)}
)


def chat_target(
    spec: str,
    *,
    model: str,
    api_key_env: str | None = None,
    env: Mapping[str, str] | None = None,
    tools: Sequence[dict[str, Any]] = (),
) -> ChatTarget:
    """Build the target ``spec`` names: ``openai:BASE_URL`` or ``http:TEMPLATE.json``;
    ``tools`` (OpenAI function definitions) go with every request of an openai target."""
    kind, _, rest = spec.partition(":")
    if kind not in CHAT_TARGETS or not rest:
        raise TargetError(
            f"unknown target {spec!r}",
            hint="write openai:http://host:port/v1 or http:request-template.json",
        )
    api_key = None
    if api_key_env:
        api_key = (os.environ if env is None else env).get(api_key_env)
        if not api_key:
            raise TargetError(f"--api-key-env names {api_key_env}, which is not set or empty")
    if kind == "openai":
        return OpenAITarget(rest, model, api_key=api_key, tools=tools)
    if tools:
        raise TargetError(
            "--tools needs an openai target: a request template has no place for tool calls",
            hint="attack the agent through its OpenAI-compatible endpoint",
        )
    return HttpTemplateTarget(RequestTemplate.load(Path(rest)), env=env)


__all__ = [
    "CHAT_TARGETS",
    "MODEL_TARGETS",
    "ChatTarget",
    "HttpTemplateTarget",
    "LocalModelTarget",
    "ModelTarget",
    "OnnxModelTarget",
    "OpenAITarget",
    "PredictTarget",
    "Reply",
    "RequestTemplate",
    "chat_target",
]
