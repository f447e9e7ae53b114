"""The exact repeat-session search against trying every combination."""

from itertools import combinations
from unittest import mock

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from shiftcell.scheduling import sessions
from shiftcell.scheduling.sessions import best_covers

small_matrices = st.integers(1, 12).flatmap(
    lambda members: st.integers(1, 16).flatmap(lambda classes: arrays(bool, (classes, members)))
)


@st.composite
def sparse_matrices(draw: st.DrawFn) -> np.ndarray:
    """Many small sets whose unions differ: where the bounds of the search bite."""
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    members, classes = draw(st.integers(3, 14)), draw(st.integers(3, 20))
    density = draw(st.sampled_from([0.1, 0.2, 0.3, 0.5]))
    return rng.random((classes, members)) < density


matrices = st.one_of(small_matrices, sparse_matrices(), sparse_matrices())


def brute_force(sets: np.ndarray, k: int) -> int:
    k = min(k, len(sets))
    return max(
        int(sets[list(combo)].any(axis=0).sum()) for combo in combinations(range(len(sets)), k)
    )


def union(sets: np.ndarray, combo: tuple[int, ...]) -> int:
    return int(sets[list(combo)].any(axis=0).sum())


@settings(max_examples=300, deadline=None)
@given(matrices, st.integers(1, 3), st.sampled_from([1, 2, 512]), st.sampled_from([1, 2, 3]))
def test_the_best_cover_is_optimal_for_up_to_three_sessions(
    sets: np.ndarray, k: int, batch: int, top: int
) -> None:
    """Small pair batches make the branch-and-bound stop early: it must never stop too early."""
    sets = np.unique(sets, axis=0)
    if not sets.any():
        return  # nobody free anywhere: nothing to cover
    with mock.patch.object(sessions, "PAIR_BATCH", batch):
        found = best_covers(sets, k, top=top)
    assert found.exact
    assert union(sets, found.combinations[0]) == brute_force(sets, k)
    values = [union(sets, combo) for combo in found.combinations]
    assert values == sorted(values, reverse=True)
    assert len(set(found.combinations)) == len(found.combinations)


@settings(max_examples=600, deadline=None)
@given(sparse_matrices())
def test_the_triple_search_never_stops_before_the_best_triple(sets: np.ndarray) -> None:
    """One pair per batch: every stopping bound is tested after each pair."""
    sets = np.unique(sets, axis=0)
    if not sets.any():
        return
    with mock.patch.object(sessions, "PAIR_BATCH", 1):
        found = best_covers(sets, 3, top=1)
    assert union(sets, found.combinations[0]) == brute_force(sets, 3)


@settings(max_examples=100, deadline=None)
@given(matrices, st.integers(4, 5))
def test_the_greedy_cover_keeps_its_stated_bound(sets: np.ndarray, k: int) -> None:
    """Beyond three sessions the answer is at least 1 - 1/e of the optimum."""
    sets = np.unique(sets, axis=0)
    found = best_covers(sets, k, top=3)
    assert found.exact is (len(sets) <= 3)  # with no more classes than sessions, take them all
    assert union(sets, found.combinations[0]) >= (1 - 1 / np.e) * brute_force(sets, k)


def test_a_large_instance_falls_back_to_the_greedy_search() -> None:
    """Thousands of members over a month: the exact search would take too long."""
    rng = np.random.default_rng(7)
    sets = np.unique(rng.random((1600, 10_000)) < 0.5, axis=0)
    found = best_covers(sets, 3, top=2)
    assert not found.exact
    assert len(found.combinations[0]) == 3
