"""transformers folders for ``make_real_models.py`` (needs transformers and torch).

Benign, each a model folder as ``save_pretrained`` leaves it: a tiny BERT classifier with
its WordPiece tokenizer and weights sharded into several safetensors files with their index,
the same with a pickled ``pytorch_model.bin`` (the ``torch.save`` of the state_dict that
transformers 4 wrote; transformers 5 writes safetensors only), a
tiny GPT-2 with its byte-level BPE tokenizer and generation config, and the ``checkpoint-N``
folder a ``Trainer`` writes (optimizer, scheduler, RNG state, ``training_args.bin``,
``trainer_state.json``). Nothing is downloaded: configurations and vocabularies are made here.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch
import transformers as tr

_WORDS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "good", "bad", "model", "data", "##s"]


def _bert(folder: Path) -> tr.PreTrainedModel:
    vocab = folder.parent / "vocab.txt"
    vocab.write_text("\n".join(_WORDS) + "\n")
    tokenizer = tr.BertTokenizerFast(vocab_file=str(vocab))
    vocab.unlink()
    config = tr.BertConfig(
        vocab_size=len(_WORDS), hidden_size=8, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=16, max_position_embeddings=16, num_labels=2,
    )  # fmt: skip
    torch.manual_seed(0)
    model = tr.BertForSequenceClassification(config)
    model.save_pretrained(folder, max_shard_size="2KB")
    tokenizer.save_pretrained(folder)
    return model


def _gpt2(folder: Path) -> None:
    vocab = {"<|endoftext|>": 0, "a": 1, "b": 2, "Ġ": 3, "ab": 4, "Ġa": 5}
    (folder.parent / "vocab.json").write_text(json.dumps(vocab))
    (folder.parent / "merges.txt").write_text("#version: 0.2\na b\nĠ a\n")
    tokenizer = tr.GPT2TokenizerFast(
        vocab_file=str(folder.parent / "vocab.json"), merges_file=str(folder.parent / "merges.txt")
    )
    for name in ("vocab.json", "merges.txt"):
        (folder.parent / name).unlink()
    config = tr.GPT2Config(vocab_size=len(vocab), n_positions=16, n_embd=8, n_layer=1, n_head=2)
    torch.manual_seed(0)
    model = tr.GPT2LMHeadModel(config)
    model.generation_config = tr.GenerationConfig(max_new_tokens=4, do_sample=False)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)


def _trainer(folder: Path, model: tr.PreTrainedModel) -> None:
    class Rows(torch.utils.data.Dataset):  # type: ignore[type-arg]
        def __len__(self) -> int:
            return 4

        def __getitem__(self, index: int) -> dict[str, torch.Tensor]:
            ids = torch.tensor([2, 5 + index % 4, 3])
            return {"input_ids": ids, "labels": torch.tensor(index % 2)}

    args = tr.TrainingArguments(
        output_dir=str(folder), max_steps=1, save_steps=1, per_device_train_batch_size=2,
        report_to=[], use_cpu=True, logging_steps=1,
    )  # fmt: skip
    tr.Trainer(model=model, args=args, train_dataset=Rows()).train()


def write(benign: Path, malicious: Path) -> None:
    """Write the benign transformers folders (no malicious ones here)."""
    del malicious
    model = _bert(benign / "bert-sharded-safetensors")
    # transformers 5 writes safetensors only; repositories made by transformers 4 ship the
    # torch.save of the state_dict it wrote as pytorch_model.bin, beside the same config.
    legacy = benign / "bert-pytorch-bin"
    model.config.save_pretrained(legacy)
    torch.save(model.state_dict(), legacy / "pytorch_model.bin")
    _gpt2(benign / "gpt2-bpe")
    _trainer(benign / "trainer-run", model)
