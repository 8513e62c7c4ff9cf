"""The OpenAPI 3.0 description of the gateway's routes, served at ``/openapi.json``.

Hand-written and deliberately loose where the OpenAI API is (bodies allow extra fields, which
are forwarded); strict about what the gateway itself checks. schemathesis tests the running
gateway against it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sai.gateway.public import PublicFile

_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["message", "type", "code"],
            "properties": {
                "message": {"type": "string"},
                "type": {"type": "string"},
                "param": {"type": "string", "nullable": True},
                "code": {"type": "string"},
            },
        }
    },
}
_REVIEW = {
    "type": "object",
    "required": ["object", "id", "status"],
    "properties": {
        "object": {"type": "string", "enum": ["sai.review"]},
        "id": {"type": "string"},
        "status": {"type": "string"},
    },
}
_OBJECT = {"type": "object"}
_MESSAGE = {
    "type": "object",
    "required": ["role", "content"],
    "properties": {"role": {"type": "string"}, "content": {"type": "string"}},
}
_MODEL = {"type": "string", "minLength": 1, "maxLength": 256}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _responses(ok: dict[str, Any], *, review: bool = False, stream: bool = False) -> dict[str, Any]:
    content = _json(ok)
    if stream:
        content["text/event-stream"] = {
            "schema": {"type": "object", "properties": {"data": {"type": "string"}}}
        }
    out: dict[str, Any] = {
        "200": {"description": "the answer", "content": content},
        "default": {"description": "an OpenAI-style error", "content": _json(_ERROR)},
    }
    if review:
        out["202"] = {"description": "held for human review", "content": _json(_REVIEW)}
    return out


def _post(summary: str, body: dict[str, Any], ok: dict[str, Any], **kw: bool) -> dict[str, Any]:
    return {
        "post": {
            "summary": summary,
            "security": [{"bearer": []}],
            "requestBody": {"required": True, "content": _json(body)},
            "responses": _responses(ok, **kw),
        }
    }


def openapi_schema() -> dict[str, Any]:
    """The schema as a JSON-ready dict."""
    chat = {
        "type": "object",
        "required": ["model", "messages"],
        "properties": {
            "model": _MODEL,
            "messages": {"type": "array", "minItems": 1, "maxItems": 8, "items": _MESSAGE},
            "stream": {"type": "boolean"},
            "max_tokens": {"type": "integer", "minimum": 1},
        },
    }
    completion = {
        "type": "object",
        "required": ["model", "prompt"],
        "properties": {
            "model": _MODEL,
            "prompt": {"type": "string"},
            "max_tokens": {"type": "integer", "minimum": 1},
        },
    }
    embedding = {
        "type": "object",
        "required": ["model", "input"],
        "properties": {"model": _MODEL, "input": {"type": "string"}},
    }
    predict = {
        "type": "object",
        "required": ["model", "inputs"],
        "properties": {
            "model": _MODEL,
            "inputs": {"type": "array", "items": {"type": "array", "items": {"type": "number"}}},
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "sai gateway", "version": "1"},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "paths": {
            "/v1/chat/completions": _post(
                "chat completion", chat, _OBJECT, review=True, stream=True
            ),
            "/v1/completions": _post(
                "text completion", completion, _OBJECT, review=True, stream=True
            ),
            "/v1/embeddings": _post("embeddings", embedding, _OBJECT),
            "/v1/predict": _post("local scikit-learn model", predict, _OBJECT),
            "/v1/models": {
                "get": {
                    "summary": "models this key may use",
                    "security": [{"bearer": []}],
                    "responses": _responses(
                        {
                            "type": "object",
                            "required": ["data"],
                            "properties": {"data": {"type": "array"}},
                        }
                    ),
                }
            },
            "/v1/sai/reviews/{review_id}": {
                "get": {
                    "summary": "poll a held response",
                    "security": [{"bearer": []}],
                    "parameters": [
                        {
                            "name": "review_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": "^[a-z0-9_]{1,40}$"},
                        }
                    ],
                    "responses": _responses(_OBJECT, review=True),
                }
            },
        },
    }


def _public(file: PublicFile) -> dict[str, Any]:
    media = file.content_type.split(";")[0]
    tags = ["notices"] if file.notice or file.path == "/notices/" else ["documents"]
    return {
        "get": {
            "summary": file.summary or f"published document {file.path}",
            "tags": tags,
            "security": [],
            "responses": {
                "200": {
                    "description": file.summary,
                    "content": {media: {"schema": {"type": "string"}}},
                }
            },
        }
    }


def with_public_paths(schema: dict[str, Any], files: Sequence[PublicFile]) -> dict[str, Any]:
    """``schema`` plus one key-less GET per published document (``sai docs publish``)."""
    if not files:
        return schema
    paths = {**schema["paths"], **{f.path: _public(f) for f in files}}
    return {**schema, "paths": paths}


__all__ = ["openapi_schema", "with_public_paths"]
