"""PyTorch files for ``make_real_models.py`` (needs torch; run in the ML venv only).

Benign: a training checkpoint as training scripts write it (model, AdamW and SGD state,
LR schedulers, GradScaler, argparse namespace, paths, UUID, dates, the RNG states of Python,
NumPy and torch, epoch and step counters, metric history), the same in the legacy (non-zip)
format, a whole ``nn.Sequential`` and a whole custom module (class by reference), dtypes,
devices and sizes, bfloat16, sparse and quantised tensors, TorchScript (scripted and traced),
``torch.export`` programs (``.pt2``), a safetensors file and a Lightning checkpoint.
Malicious: TorchScript that reads a file with ``torch.from_file``, a checkpoint with an
``os.system`` reduce (zip and legacy).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import shutil
import uuid
from pathlib import Path, PurePosixPath

import numpy as np
import torch
from torch import nn


class TinyNet(nn.Module):
    """A project's own module (saved whole, its class is pickled by reference)."""

    def __init__(self) -> None:
        super().__init__()
        self.body = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
        self.norm = nn.LayerNorm(2)
        self.register_buffer("scale", torch.ones(2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.norm(self.body(x)) * self.scale
        if out.sum() > 0:
            out = out.relu()
        return out


class ReadsFile(nn.Module):
    """TorchScript whose forward reads a file (malicious sample; never run)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        data = torch.from_file("/etc/hostname", shared=False, size=4, dtype=torch.uint8)
        return x + data.float().sum()


class Payload:
    """Pickles as a call of ``os.system`` (never loaded)."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo sai-corpus",))


def _trained() -> tuple[nn.Module, dict[str, object]]:
    torch.manual_seed(0)
    random.seed(0)
    np.random.seed(0)
    model = TinyNet()
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-3, total_steps=10)
    scaler = torch.amp.GradScaler("cpu")
    x, y = torch.randn(8, 4), torch.randn(8, 2)
    for _ in range(2):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        scheduler.step()
    sgd = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True)
    sgd.zero_grad()
    nn.functional.mse_loss(model(x), y).backward()
    sgd.step()
    cosine = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(sgd, T_0=5)
    args = argparse.Namespace(
        lr=3e-4, epochs=3, batch_size=8, out=Path("runs/exp1"), data=PurePosixPath("data/train")
    )
    checkpoint: dict[str, object] = {
        "epoch": 2,
        "global_step": 2,
        "model_state_dict": model.state_dict(),
        "optimizer_state_dict": optimizer.state_dict(),
        "sgd_state_dict": sgd.state_dict(),
        "scheduler_state_dict": scheduler.state_dict(),
        "cosine_state_dict": cosine.state_dict(),
        "scaler_state_dict": scaler.state_dict(),
        "args": args,
        "run_id": uuid.uuid4(),
        "output_dir": Path("runs/exp1"),
        "saved_at": datetime.datetime.now(datetime.UTC),
        "elapsed": datetime.timedelta(seconds=12.5),
        "rng": {
            "python": random.getstate(),
            "numpy": np.random.get_state(),
            "numpy_generator": np.random.default_rng(0).bit_generator.state,
            "torch": torch.get_rng_state(),
        },
        "metrics": {"loss": [float(loss)], "best": np.float64(0.5)},
        "torch_version": torch.__version__,
        "dtype": torch.float32,
        "device": torch.device("cpu"),
        "input_shape": torch.Size([8, 4]),
    }
    return model, checkpoint


def _tensors() -> dict[str, object]:
    dense = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    return {
        "bf16": dense.to(torch.bfloat16),
        "half": dense.half(),
        "int": torch.arange(4),
        "bool": dense > 2,
        "complex": torch.complex(dense, dense),
        "sparse_coo": dense.to_sparse(),
        "sparse_csr": dense.to_sparse_csr(),
        "quantized": torch.quantize_per_tensor(dense, 0.1, 0, torch.quint8),
        "param": nn.Parameter(dense.clone()),
        "view": dense[:, 1],
    }


def _benign(out: Path) -> None:
    model, checkpoint = _trained()
    torch.save(checkpoint, out / "training-checkpoint.pt")
    torch.save(
        checkpoint, out / "training-checkpoint-legacy.pt", _use_new_zipfile_serialization=False
    )
    torch.save(model.state_dict(), out / "state-dict.pth")
    torch.save(_tensors(), out / "tensor-kinds.pt")
    sequential = nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2), nn.ReLU(), nn.Flatten())
    torch.save(sequential, out / "whole-sequential.pt")
    torch.save(model, out / "whole-custom-module.pt")  # __main__.TinyNet: an unknown class
    quantized = torch.ao.quantization.quantize_dynamic(
        nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 2)), {nn.Linear}, torch.qint8
    )
    torch.save(quantized.state_dict(), out / "quantized-dynamic-state-dict.pt")
    model.eval()
    torch.jit.save(torch.jit.script(model), out / "torchscript-scripted.pt")
    torch.jit.save(torch.jit.trace(model, torch.randn(1, 4)), out / "torchscript-traced.pt")
    exported = torch.export.export(model.body, (torch.randn(1, 4),))
    torch.export.save(exported, out / "exported.pt2")
    from safetensors.torch import save_file

    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, out / "model.safetensors")


def _malicious(out: Path) -> None:
    torch.jit.save(torch.jit.script(ReadsFile()), out / "torchscript-from-file.pt")
    _, checkpoint = _trained()
    checkpoint["callback"] = Payload()
    torch.save(checkpoint, out / "checkpoint-os-system.pt")
    torch.save(
        {"w": torch.ones(2), "x": Payload()},
        out / "legacy-os-system.pt",
        _use_new_zipfile_serialization=False,
    )


def write(benign: Path, malicious: Path) -> None:
    """Write every benign and malicious torch file (Lightning's where it is installed)."""
    _benign(benign)
    _malicious(malicious)
    try:
        lightning_checkpoint(benign)
    except ImportError as error:
        print(f"no Lightning checkpoint: {error}")
    shutil.rmtree(benign / "lightning-tmp", ignore_errors=True)


def lightning_checkpoint(out: Path) -> None:
    """A Lightning checkpoint as ``Trainer.save_checkpoint`` writes it (hyper-parameters,
    loops, callbacks' state, optimizer and scheduler state)."""
    import lightning as L

    class Classifier(L.LightningModule):
        def __init__(self, lr: float = 1e-3, hidden: int = 8, out_dir: Path = Path("runs")) -> None:
            super().__init__()
            self.save_hyperparameters()
            self.net = nn.Sequential(nn.Linear(4, hidden), nn.ReLU(), nn.Linear(hidden, 2))

        def training_step(self, batch: list[torch.Tensor], _: int) -> torch.Tensor:
            x, y = batch
            return nn.functional.cross_entropy(self.net(x), y)

        def configure_optimizers(self) -> dict[str, object]:
            optimizer = torch.optim.Adam(self.parameters(), lr=self.hparams.lr)
            scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1)
            return {"optimizer": optimizer, "lr_scheduler": scheduler}

    data = torch.utils.data.TensorDataset(torch.randn(8, 4), torch.randint(0, 2, (8,)))
    trainer = L.Trainer(
        max_steps=2, logger=False, enable_progress_bar=False, enable_model_summary=False,
        default_root_dir=str(out / "lightning-tmp"), accelerator="cpu",
    )  # fmt: skip
    trainer.fit(Classifier(), torch.utils.data.DataLoader(data, batch_size=4))
    trainer.save_checkpoint(out / "lightning.ckpt")
