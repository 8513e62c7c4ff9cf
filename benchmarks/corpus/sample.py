"""One corpus sample: a file (or a folder of files) that is benign or malicious."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The command every malicious sample would run (never run: nothing here is loaded).
ECHO = "echo sai-corpus"


@dataclass(frozen=True)
class Sample:
    """A file (``data``) or a model folder (``files``: relative path -> bytes)."""

    name: str
    data: bytes
    malicious: bool
    technique: str
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def is_folder(self) -> bool:
        """Whether the sample is a folder scanned as one unit."""
        return bool(self.files)


__all__ = ["ECHO", "Sample"]
