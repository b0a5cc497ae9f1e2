"""Which pairs of indicator keys may name one indicator, found without comparing every key with every other.

``transform.families.same_indicator`` accepts two canonical keys only when
they hold the same characters (equal, or in another order), or when the
shorter is the longer with characters left out: one run of at most the
shorter's length (员额 法官人均结案数), or a few characters here and there. So
every pair it can accept is

* in one group of keys with the same characters (the caller's groups); or
* a key and a shorter key cut out of it by leaving out one run: a key of
  n characters has fewer than n²/2 such cuts, each looked up; or
* a key and a shorter key that is it with a few characters left out here
  and there: found by walking the subsequences of the key character by
  character and going on only while some key begins with what was kept
  (a set of every beginning of every key), so a walk ends after a few
  steps off the key itself unless other keys really are that close.

The work grows with the keys times their length (keys are short), plus the
pairs found; how similar the pairs are is for ``same_indicator`` to judge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from itertools import combinations


def candidate_pairs(forms: Sequence[str], groups: Iterable[Sequence[int]], *, min_chars: int,
                    scattered: Callable[[int], int]) -> set[tuple[int, int]]:
    """Every pair (i, j), i < j, of positions in ``forms`` that ``same_indicator`` might accept.

    ``groups`` are positions of forms with the same characters (ascending); ``min_chars`` is the shortest form
    that can be the shorter of a pair, ``scattered(n)`` how many characters a form of n may have added here and
    there.
    """
    at: dict[str, list[int]] = {}
    for i, form in enumerate(forms):
        at.setdefault(form, []).append(i)
    beginnings = {form[:size] for form in at for size in range(1, len(form) + 1)}
    pairs: set[tuple[int, int]] = set()
    for group in groups:
        pairs.update(combinations(group, 2))
    for longer in at:
        for shorter in _cut(longer, at, min_chars) | _thinned(longer, beginnings, at, min_chars, scattered):
            pairs.update((min(i, j), max(i, j)) for i in at[shorter] for j in at[longer])
    return pairs


def _cut(longer: str, at: Mapping[str, object], min_chars: int) -> set[str]:
    """The forms that are ``longer`` with one run left out, the run no longer than what is left."""
    n = len(longer)
    cuts = {longer[:start] + longer[start + size:] for size in range(1, n // 2 + 1) if n - size >= min_chars
            for start in range(n - size + 1)}
    return {cut for cut in cuts if cut in at}


def _thinned(longer: str, beginnings: Set[str], at: Mapping[str, object], min_chars: int,
             scattered: Callable[[int], int]) -> set[str]:
    """The forms that are ``longer`` with a few characters left out anywhere (``scattered`` of the shorter)."""
    n = len(longer)
    most = max((k for k in range(1, n - min_chars + 1) if k <= scattered(n - k)), default=0)
    found: set[str] = set()
    stack = [("", 0)]  # (the characters kept, how many of longer were passed)
    while stack:
        kept, pos = stack.pop()
        if kept in at and len(kept) >= min_chars and 0 < n - len(kept) <= scattered(len(kept)):
            found.add(kept)
        if pos < n:
            if pos - len(kept) < most:  # one more character may be left out
                stack.append((kept, pos + 1))
            if (grown := kept + longer[pos]) in beginnings:
                stack.append((grown, pos + 1))
    return found

