"""Tokenizer models that are pure data: SentencePiece protobufs and tiktoken rank files.

``tokenizer.model`` / ``spiece.model`` (SentencePiece) is a protobuf message read by the
sentencepiece library; tiktoken's ``*.tiktoken`` (and Llama 3's ``tokenizer.model``) is text,
one base64 token and its rank per line. Neither format can name code, a file or a class, and
no pickle loader gets past their first byte (0x0A and a base64 letter are not opcodes that
start a load), so a file that really is one is clean. A file detected as one but failing the
full check is reported as malformed.
"""

from __future__ import annotations

from typing import ClassVar

from sai.scanning.detect import Format
from sai.scanning.formats.base import FormatScanner, Item, ScanContext
from sai.scanning.probes import looks_like_sentencepiece, looks_like_tiktoken
from sai.scanning.rules import finding


class TokenizerScanner(FormatScanner):
    """SentencePiece and tiktoken tokenizer files."""

    format: ClassVar[Format] = Format.tokenizer

    def scan(self, item: Item, ctx: ScanContext) -> None:
        if looks_like_sentencepiece(item.data) or looks_like_tiktoken(item.data):
            return
        ctx.report(
            finding(
                "tokenizer.malformed",
                "neither a SentencePiece model nor a tiktoken rank file",
                member=item.member,
                offset=0,
            )
        )


__all__ = ["TokenizerScanner"]
