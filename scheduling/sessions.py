"""Repeat sessions: K meeting times so that as many members as possible attend one.

This is maximum coverage: given the sets of members free for each candidate
time, pick K sets with the largest union. It is NP-hard in general, but the
instances here are small where it matters (a group of up to a few hundred
members over a few weeks), and their structure helps:

1. **Distinct sets.** Slots are first merged into gaps, and gaps with the same
   set of free members into one *class*: over two weeks a group of 200 has a
   few hundred distinct sets at most, whatever the number of slots.
2. **Dominance.** A class whose set is a subset of another's can always be
   swapped for that one without losing anyone, so it is dropped: what is left
   are the sets no other set contains.
3. **Exact search for K <= 3.** K = 1 is the largest set. K = 2 scores every
   pair at once from the intersection matrix (``|A ∪ B| = |A| + |B| - |A ∩ B|``).
   K = 3 is branch and bound over pairs, from the largest union down, with a
   target: the ``top``-th best union found so far (first from the greedy
   search below), so that the best ``top`` combinations come back, not only
   the optimum. Three bounds prune:

   - a triple's union is at most 3/2 of its best pair's union (the three pair
     unions add up to at least twice the triple's), so once a pair's union
     falls below 2/3 of the target, no later pair can lead to it: stop;
   - a third set C adds to A ∪ B at most what it adds to A alone or to B
     alone, ``min(|A ∪ C| - |A|, |B ∪ C| - |B|)``, and ``|A ∪ B ∪ C|`` is at
     most ``|A ∪ C| + |B ∪ C| - |C|``: both read off the pair matrix, so a
     pair whose best such bound misses the target is skipped;
   - once ``top`` combinations reach everyone who is ever free, nothing can
     do better: stop;
   - for the pairs left, one matrix product gives every third set's exact
     gain, and only triples reaching the target are kept.

4. **Beyond K = 3** (or when the instance is too large for the exact search):
   greedy maximum coverage, adding each time the set with the largest gain.
   Its union is at least ``1 - (1 - 1/K)^K > 1 - 1/e ≈ 63%`` of the optimum
   (Nemhauser, Wolsey and Fisher, 1978). Different first picks give the
   alternatives.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EXACT_UP_TO = 3
# Above this many cell operations (classes x classes x members) the exact
# search would take seconds: the greedy search answers instead.
EXACT_BUDGET = 4_000_000_000
PAIR_BATCH = 512
# Combinations kept with the best unions, so that ties can be ranked by what
# a secretary prefers beyond the count.
KEEP = 200


@dataclass(frozen=True)
class Covers:
    """The best combinations of classes, best union first."""

    combinations: tuple[tuple[int, ...], ...]
    exact: bool


def best_covers(sets: np.ndarray, k: int, top: int) -> Covers:
    """Combinations of ``k`` rows of ``sets`` (classes by members) with the largest unions.

    Rows are assumed distinct and ordered by preference: among equal unions,
    combinations of earlier rows come first. Fewer than ``k`` rows are
    returned whole when fewer are worth having.
    """
    classes, members = sets.shape
    if classes == 0:
        return Covers((), True)
    k = min(k, classes)
    exact = k <= EXACT_UP_TO and classes * classes * max(members, 1) <= EXACT_BUDGET
    if not exact:
        return Covers(tuple(_greedy(sets, k, top)), False)
    kept = _undominated(sets)
    k = min(k, len(kept))
    found = {1: _singles, 2: _pairs, 3: _triples}[k](sets[kept], top)
    return Covers(tuple(tuple(int(kept[i]) for i in combo) for combo in found), True)


def union_size(sets: np.ndarray, combo: tuple[int, ...]) -> int:
    return int(sets[list(combo)].any(axis=0).sum())


def _undominated(sets: np.ndarray) -> np.ndarray:
    """Rows whose set no other row's set contains (rows are distinct)."""
    as_float = sets.astype(np.float32)
    sizes = sets.sum(axis=1)
    common = as_float @ as_float.T
    # Row i is inside row j when they share all of i's members and j has more.
    inside = (common == sizes[:, None]) & (sizes[None, :] > sizes[:, None])
    return np.flatnonzero(~inside.any(axis=1))


def _singles(sets: np.ndarray, top: int) -> list[tuple[int, ...]]:
    sizes = sets.sum(axis=1)
    order = np.lexsort((np.arange(len(sizes)), -sizes))
    return [(int(i),) for i in order[: max(top, KEEP)]]


def _pairs(sets: np.ndarray, top: int) -> list[tuple[int, ...]]:
    as_float = sets.astype(np.float32)
    sizes = sets.sum(axis=1)
    unions = sizes[:, None] + sizes[None, :] - (as_float @ as_float.T).astype(np.int64)
    first, second = np.triu_indices(len(sets), k=1)
    values = unions[first, second]
    order = np.lexsort((second, first, -values))[:KEEP]
    return [(int(first[i]), int(second[i])) for i in order]


def _triples(sets: np.ndarray, top: int) -> list[tuple[int, ...]]:
    """Exact best triples by branch and bound over pairs (see the module docstring)."""
    classes = len(sets)
    as_float = sets.astype(np.float32)
    sizes = sets.sum(axis=1).astype(np.int64)
    unions = sizes[:, None] + sizes[None, :] - (as_float @ as_float.T).astype(np.int64)
    first, second = np.triu_indices(classes, k=1)
    pair_unions = unions[first, second]
    order = np.lexsort((second, first, -pair_unions))
    first, second, pair_unions = first[order], second[order], pair_unions[order]
    packed = np.packbits(sets, axis=1)
    found: dict[tuple[int, ...], int] = {}
    target = _remember(found, _greedy(sets, 3, top), packed, top)
    reachable = int(sets.any(axis=0).sum())  # no union is larger than everyone ever free
    for begin in range(0, len(first), PAIR_BATCH):
        batch = slice(begin, begin + PAIR_BATCH)
        i, j, union = first[batch], second[batch], pair_unions[batch]
        if 3 * int(union[0]) < 2 * target or target >= reachable:
            break
        # A third set adds at most what it adds to either one of the pair, and
        # the three sets cover at most what two of them cover plus the third's
        # pair with the other, less their overlap: |A ∪ B ∪ C| <= |A ∪ C| + |B ∪ C| - |C|.
        bound = np.minimum(
            union[:, None]
            + np.minimum(unions[i] - sizes[i][:, None], unions[j] - sizes[j][:, None]),
            unions[i] + unions[j] - sizes[None, :],
        )
        bound[np.arange(len(i)), i] = -1
        bound[np.arange(len(i)), j] = -1
        hopeful = bound.max(axis=1) >= max(target, 1)
        i, j, union = i[hopeful], j[hopeful], union[hopeful]
        if len(i) == 0:
            continue
        # The exact union with every third set at once, for the pairs still hopeful.
        uncovered = (~(sets[i] | sets[j])).astype(np.float32)
        values = union[:, None] + (uncovered @ as_float.T).astype(np.int64)
        values[np.arange(len(i)), i] = -1
        values[np.arange(len(i)), j] = -1
        rows, thirds = np.nonzero(values >= max(target, 1))
        if len(rows) > 4 * KEEP:
            best = np.argpartition(-values[rows, thirds], 4 * KEEP)[: 4 * KEEP]
            rows, thirds = rows[best], thirds[best]
        triples = np.sort(np.stack([i[rows], j[rows], thirds], axis=1), axis=1)
        target = _remember(found, [tuple(t) for t in triples.tolist()], packed, top)
    return [triple for triple, _ in sorted(found.items(), key=lambda item: (-item[1], item[0]))]


def _remember(
    found: dict[tuple[int, ...], int], combos: list[tuple[int, ...]], packed: np.ndarray, top: int
) -> int:
    """Add ``combos`` with their unions to the best kept; the ``top``-th best union now."""
    if combos:
        chosen = np.array(combos)
        union = np.bitwise_or.reduce(packed[chosen], axis=1)
        values = _BITS[union].sum(axis=1, dtype=np.int64)
        keep = np.argsort(-values, kind="stable")[: 4 * KEEP]
        for index in keep.tolist():
            found[combos[index]] = int(values[index])
    ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))[:KEEP]
    found.clear()
    found.update(ranked)
    return ranked[top - 1][1] if len(ranked) >= top else 0


_BITS = np.array([bin(byte).count("1") for byte in range(256)], dtype=np.int64)


def _greedy(sets: np.ndarray, k: int, top: int) -> list[tuple[int, ...]]:
    """Greedy maximum coverage from each of the ``top`` largest sets as first pick."""
    as_float = sets.astype(np.float32)
    sizes = sets.sum(axis=1)
    starts = np.lexsort((np.arange(len(sizes)), -sizes))[:top]
    found: list[tuple[int, ...]] = []
    for start in starts.tolist():
        chosen = [start]
        covered = sets[start].copy()
        while len(chosen) < k:
            gains = (as_float @ (~covered).astype(np.float32)).astype(np.int64)
            gains[chosen] = -1
            pick = int(np.argmax(gains))
            chosen.append(pick)
            covered |= sets[pick]
        combo = tuple(sorted(chosen))
        if combo not in found:
            found.append(combo)
    found.sort(key=lambda combo: -union_size(sets, combo))
    return found
