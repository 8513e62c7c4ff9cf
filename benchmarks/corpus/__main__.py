"""``python -m benchmarks.corpus OUT``: write the scanning corpus to a folder."""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.corpus import write_corpus

if __name__ == "__main__":
    for path, _ in write_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")):
        print(path)
