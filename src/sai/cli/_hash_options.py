"""The hashing options of `sai inventory scan` and `sai inventory sign`: digest algorithm,
shards, and whether symlinks may leave a model folder."""

from __future__ import annotations

from typing import Annotated

import typer

from sai.inventory.hashing import DEFAULT_SHARD_SIZE, HashAlgorithm

AlgorithmOption = Annotated[
    HashAlgorithm, typer.Option("--algorithm", "-a", help="Digest: sha256, blake2b or blake3.")
]
ShardOption = Annotated[
    bool,
    typer.Option(
        "--shards",
        help=f"Hash files in {DEFAULT_SHARD_SIZE} byte shards "
        "(model-signing `shards` method: faster for a few huge files).",
    ),
]
UnsafeLinks = Annotated[
    bool,
    typer.Option(
        "--unsafe-follow-external-symlinks",
        help="Follow symlinks that leave the model folder (the digest then covers "
        "files outside it).",
    ),
]


__all__ = ["AlgorithmOption", "ShardOption", "UnsafeLinks"]
