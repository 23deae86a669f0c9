"""Fast random draws with the exact streams of ``random.Random``'s own methods.

Examples:
    >>> import random
    >>> from ioarchive.synthetic.draws import Draws
    >>> d = Draws(random.Random(1))
    >>> d.below(10) == random.Random(1).randrange(10)
    True
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

__all__ = [
    "Draws",
]


class Draws:
    """Draws from one generator, with the exact streams of ``random.Random``'s own methods.

    ``below(n)`` is ``randrange(n)`` (CPython's ``_randbelow`` on ``getrandbits``), ``choice``
    and ``sample`` are built on it the way the standard library builds them; calling them
    directly is several times faster than the public methods, which matters for millions of
    rows, and keeps the stream independent of changes to those methods.

    Args:
        rng: The generator drawn from.

    Examples:
        >>> d = Draws(random.Random(2))
        >>> d.sample("abcdef", 3) == random.Random(2).sample("abcdef", 3)
        True
    """

    def __init__(self, rng: random.Random) -> None:
        self.random = rng.random
        getrandbits = rng.getrandbits

        def below(n: int) -> int:
            k = n.bit_length()
            r = getrandbits(k)
            while r >= n:
                r = getrandbits(k)
            return r

        self.below: Callable[[int], int] = below

    def sample(self, population: Sequence[str], k: int) -> list[str]:
        """Return ``random.Random.sample`` for a population of at most 21 elements.

        Args:
            population: The elements drawn from.
            k: How many to draw, without replacement.

        Returns:
            The drawn elements, in draw order.
        """
        pool = list(population)
        n = len(pool)
        out = []
        for i in range(k):
            j = self.below(n - i)
            out.append(pool[j])
            pool[j] = pool[n - i - 1]
        return out
