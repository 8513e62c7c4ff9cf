"""Type stub of the compiled kernel (``_kernel.c``)."""

import numpy as np
import numpy.typing as npt

class Scorer:
    def __init__(
        self,
        weights: npt.NDArray[np.float32],
        idf: npt.NDArray[np.float32] | None,
        table: npt.NDArray[np.float32],
        bits: int,
        char_min: int,
        char_max: int,
        word_max: int,
        punctuation_tokens: bool,
    ) -> None: ...
    def logit(self, text: str) -> float | None:
        """``weights . tfidf(text)`` without the bias; None: score it with numpy instead."""
    def buckets(self, text: str) -> tuple[bytes, bytes, int] | None:
        """The distinct buckets (ascending) and their counts as uint32 bytes, and how many
        n-grams; None: count them with numpy instead."""
