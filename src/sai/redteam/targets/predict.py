"""The gateway's ``/v1/predict`` route: a classic model behind sai's gateway, with a key."""

from __future__ import annotations

import json
from typing import Any, ClassVar

import httpx

from sai.redteam.errors import TargetError
from sai.redteam.targets.base import ModelTarget

#: Rows per request (the gateway accepts up to 1,000).
BATCH = 1_000


class PredictTarget(ModelTarget):
    """POSTs ``{"model": NAME, "inputs": rows}`` to ``BASE_URL/predict`` in batches."""

    kind: ClassVar[str] = "predict"

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str | None = None,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__()
        self.url = base_url.rstrip("/") + "/predict"
        self.model_name = model
        headers = {"authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(timeout=timeout, headers=headers, transport=transport)
        self.digest: str | None = None

    def predict_proba(self, rows: Any) -> Any:
        import numpy as np

        out = []
        matrix = np.asarray(rows, dtype=float)
        for start in range(0, len(matrix), BATCH):
            chunk = matrix[start : start + BATCH]
            body = {"model": self.model_name, "inputs": chunk.tolist()}
            try:
                response = self._client.post(self.url, json=body)
            except httpx.HTTPError as error:
                raise TargetError(f"cannot reach {self.url}: {error}") from None
            if response.status_code != 200:
                raise TargetError(
                    f"{self.url} answered HTTP {response.status_code}: {response.text[:120]}"
                )
            try:
                answer = response.json()
                out.append(np.asarray(answer["probabilities"], dtype=float))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError):
                raise TargetError(
                    f"{self.url} answered without probabilities",
                    hint="the classic attacks need a classifier with predict_proba",
                ) from None
            self.digest = answer.get("model_digest", self.digest)
            self.queries += len(chunk)
        return np.vstack(out)

    def describe(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "endpoint": self.url,
            "model": self.model_name,
            "digest": self.digest,
        }

    def close(self) -> None:
        self._client.close()


__all__ = ["BATCH", "PredictTarget"]
