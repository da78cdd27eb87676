"""The best few of many scores, without sorting them all."""

from __future__ import annotations

import numpy as np


def best_of(scores: np.ndarray, count: int) -> list[int]:
    """The positions of the ``count`` highest positive scores, in no particular order."""
    positive = np.flatnonzero(scores > 0)
    if len(positive) > count:
        positive = positive[np.argpartition(scores[positive], -count)[-count:]]
    return positive.tolist()
