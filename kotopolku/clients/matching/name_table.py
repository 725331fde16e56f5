"""The names of a batch as numbers: each distinct name part and each distinct name is numbered
once, and the sweep compares numbers. A pair of parts is compared once, whichever way round it
comes, and a pair of names once; a registry repeats both a great deal."""

from __future__ import annotations

from kotopolku.clients.matching.linkage import NameKey, name_level_of
from kotopolku.clients.matching.ranking import distinct_parts, similarity_of_best, token_similarity
from kotopolku.clients.matching.transliterate import NameToken

_compare_parts = token_similarity.__wrapped__  # this table keeps the results itself
_SHIFT = 32


class NameTable:
    def __init__(self) -> None:
        self._part_ids: dict[NameToken, int] = {}
        self._parts: list[NameToken] = []
        self._name_ids: dict[NameKey, int] = {}
        self._names: list[tuple[tuple[int, ...], ...]] = []
        self._distinct: list[tuple[int, ...]] = []
        self._alike: dict[int, float] = {}
        self._levels: dict[int, int] = {}

    def name_id(self, key: NameKey) -> int:
        """The number of a name (its forms as ``linkage.Profile.name_key`` holds them)."""
        number = self._name_ids.get(key)
        if number is None:
            number = self._name_ids[key] = len(self._names)
            forms = tuple(tuple(self._part_id(part) for part in form) for form in key)
            self._names.append(forms)
            self._distinct.append(distinct_parts(forms))
        return number

    @property
    def name_pairs(self) -> int:
        """Distinct pairs of names compared so far."""
        return len(self._levels)

    def level(self, first: int, second: int) -> int:
        """``linkage.name_level`` of two numbered names."""
        key = (first << _SHIFT | second) if first <= second else (second << _SHIFT | first)
        level = self._levels.get(key)
        if level is None:
            level = self._levels[key] = name_level_of(self._name_similarity(first, second))
        return level

    def _name_similarity(self, first: int, second: int) -> float:
        """``ranking.duplicate_similarity`` of two numbered names. Its loop over the pairs of parts
        is written out here with the table inline: a call per pair of parts was half the time."""
        first_parts, second_parts = self._distinct[first], self._distinct[second]
        if not first_parts or not second_parts:
            return 0.0
        alike, parts = self._alike, self._parts
        first_best: dict[int, float] = {}
        second_best = dict.fromkeys(second_parts, -1.0)
        for part in first_parts:
            top = -1.0
            for other in second_parts:
                key = (part << _SHIFT | other) if part <= other else (other << _SHIFT | part)
                value = alike.get(key)
                if value is None:
                    value = alike[key] = _compare_parts(parts[part], parts[other])
                if value > top:
                    top = value
                if value > second_best[other]:
                    second_best[other] = value
            first_best[part] = top
        return similarity_of_best(self._names[first], self._names[second], first_best, second_best)

    def _part_id(self, part: NameToken) -> int:
        number = self._part_ids.get(part)
        if number is None:
            number = self._part_ids[part] = len(self._parts)
            self._parts.append(part)
        return number
