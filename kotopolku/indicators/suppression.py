"""Small-cell suppression with complementary cells, for whoever may not see individuals.

A cell of 1–4 persons is hidden (shown as "<5"). That alone is not enough where a table also
shows its totals: with one hidden cell in a row, the row's total minus the other cells gives it
back. So for every sum the table shows (a total and the cells it adds up), when exactly one of
them is hidden, the next smallest non-zero cell of the same sum is hidden too (shown as "×"),
and this repeats until no shown sum has exactly one hidden member. Hiding a cell for one sum can
leave a single hidden cell in another (its column), which the repetition then covers.

Zeros stay shown: a zero tells nothing about anyone, and hiding it could not protect anything
(the other hidden member of a sum must carry a part of the difference)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kotopolku.indicators.permissions import SMALL_CELL_LIMIT

WITHHELD = "×"  # a cell hidden so that a small cell cannot be worked out from the totals

# A shown total and the cells that add up to it.
Sum = tuple[Any, Sequence[Any]]


@dataclass(frozen=True)
class Suppressed:
    values: dict[Hashable, int | None]  # hidden cells are None
    small: frozenset[Hashable]  # hidden as 1–4 persons ("<5")
    withheld: frozenset[Hashable]  # hidden to protect a small cell ("×")

    def shown(self, key: Hashable) -> int | str | None:
        """The cell as a page or a file shows it: the figure, None for "<5", or "×"."""
        return WITHHELD if key in self.withheld else self.values[key]


def suppress(values: Mapping[Any, int], sums: Sequence[Sum], *, individuals: bool) -> Suppressed:
    """Hide the small cells of ``values`` and, for every sum in ``sums``, the complementary ones.

    The choice is deterministic: the smallest non-zero cell, the earlier one in the sum on a tie;
    the total itself only when no part of the sum is left to hide."""
    if individuals:
        return Suppressed(dict(values), frozenset(), frozenset())
    small = {key for key, value in values.items() if 0 < value < SMALL_CELL_LIMIT}
    hidden = set(small)
    changed = True
    while changed:
        changed = False
        for total, parts in sums:
            if sum(1 for key in (total, *parts) if key in hidden) != 1:
                continue
            candidates = [key for key in parts if key not in hidden and values[key] > 0]
            if not candidates and total not in hidden and values[total] > 0:
                candidates = [total]
            if candidates:
                hidden.add(min(candidates, key=lambda key: values[key]))
                changed = True
    return Suppressed(
        values={key: None if key in hidden else value for key, value in values.items()},
        small=frozenset(small),
        withheld=frozenset(hidden - small),
    )
