"""The fine-tuned MiniLM window classifier of the ninth candidate (``_doc_finetune.py``).

Development only: needs ``torch`` and ``transformers`` (``pip install torch==2.13.0
transformers``), which no extra of sai installs.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from _doc_finetune import doc_windows
from transformers import AutoTokenizer, BertModel, get_linear_schedule_with_warmup

from sai.guards.injection._minilm import model_dir

MAX_TOKENS = 128


class WindowClassifier(torch.nn.Module):
    """MiniLM, mean pooling, one linear output (a logit)."""

    def __init__(self) -> None:
        super().__init__()
        self.encoder = BertModel.from_pretrained(str(model_dir()), add_pooling_layer=False)
        self.out = torch.nn.Linear(self.encoder.config.hidden_size, 1)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
        return self.out(pooled).squeeze(-1)


class FineTuned:
    """Train once, then score windows (a cache by text: the banks repeat sentences)."""

    def __init__(self, seed: int = 0) -> None:
        torch.manual_seed(seed)
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_dir()))
        self.model = WindowClassifier()
        self.cache: dict[str, float] = {}

    def _batch(self, texts: Sequence[str]) -> tuple[torch.Tensor, torch.Tensor]:
        found = self.tokenizer(
            list(texts), truncation=True, max_length=MAX_TOKENS, padding=True,
            return_tensors="pt",
        )  # fmt: skip
        return found["input_ids"], found["attention_mask"]

    def train(
        self, texts: list[str], labels: list[int], *, epochs: float = 1.0, lr: float = 4e-5,
        batch: int = 32, balance: bool = False,
    ) -> None:  # fmt: skip
        """AdamW with a linear warm-up and decay; with ``balance``, classes weighted to
        balance (without, the sample's own share of plants)."""
        y = torch.tensor(labels, dtype=torch.float32)
        positive = float(y.mean())
        weight = torch.tensor((1 - positive) / positive if balance else 1.0)
        loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=weight)
        steps = math.ceil(epochs * len(texts) / batch)
        optimiser = torch.optim.AdamW(self.model.parameters(), lr=lr, weight_decay=0.01)
        schedule = get_linear_schedule_with_warmup(optimiser, int(0.06 * steps), steps)
        self.model.train()
        order: list[int] = []
        began = time.monotonic()
        for step in range(steps):
            if len(order) < batch:
                order += self._buckets(texts, batch, step)
            picked, order = order[:batch], order[batch:]
            ids, mask = self._batch([texts[i] for i in picked])
            loss = loss_fn(self.model(ids, mask), y[picked])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            if step % 50 == 0 or step == steps - 1:
                spent = time.monotonic() - began
                print(f"  step {step + 1}/{steps} loss {loss.item():.4f} {spent:.0f} s", flush=True)
        self.model.eval()
        self.cache.clear()

    @staticmethod
    def _buckets(texts: list[str], batch: int, seed: int) -> list[int]:
        """A shuffled order in which each batch holds texts of similar length (less padding)."""
        rng = random.Random(seed)  # noqa: S311 - shuffling, not security
        fresh = list(range(len(texts)))
        rng.shuffle(fresh)
        chunk = batch * 32
        grouped = []
        for at in range(0, len(fresh), chunk):
            part = sorted(fresh[at : at + chunk], key=lambda i: len(texts[i]))
            grouped += [part[k : k + batch] for k in range(0, len(part), batch)]
        rng.shuffle(grouped)
        return [i for group in grouped for i in group]

    @torch.no_grad()
    def logits(self, texts: Sequence[str], batch: int = 64) -> np.ndarray:
        """One logit per text; texts seen before come from the cache."""
        todo = sorted({t for t in texts if t not in self.cache}, key=len)
        for at in range(0, len(todo), batch):
            chunk = todo[at : at + batch]
            ids, mask = self._batch(chunk)
            for text, value in zip(chunk, self.model(ids, mask).tolist(), strict=True):
                self.cache[text] = float(value)
        return np.array([self.cache[t] for t in texts], dtype=np.float32)

    def doc_logits(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Every window's logit of every document, in the detector's window order."""
        found = [doc_windows(t) for t in texts]
        flat = self.logits([w for ws in found for w in ws])
        out, at = [], 0
        for ws in found:
            out.append(flat[at : at + len(ws)])
            at += len(ws)
        return out

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        torch.save(self.model.state_dict(), path)

    def load(self, path: Path) -> None:
        self.model.load_state_dict(torch.load(path, weights_only=True))
        self.model.eval()
        self.cache.clear()
