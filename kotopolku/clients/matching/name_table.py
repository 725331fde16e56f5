"""The names of a batch as numbers: each distinct name part and each distinct name is numbered
once, and the sweep compares numbers. A pair of parts is compared once, whichever way round it
comes, and a pair of names once; a registry repeats both a great deal."""

from __future__ import annotations

from kotopolku.clients.matching.linkage import NameKey, name_level_of
from kotopolku.clients.matching.ranking import distinct_parts, duplicate_similarity_of_parts, token_similarity
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
            names, distinct = self._names, self._distinct
            similarity = duplicate_similarity_of_parts(
                names[first], names[second], distinct[first], distinct[second], self._similarity
            )
            level = self._levels[key] = name_level_of(similarity)
        return level

    def _part_id(self, part: NameToken) -> int:
        number = self._part_ids.get(part)
        if number is None:
            number = self._part_ids[part] = len(self._parts)
            self._parts.append(part)
        return number

    def _similarity(self, first: int, second: int) -> float:
        key = (first << _SHIFT | second) if first <= second else (second << _SHIFT | first)
        alike = self._alike.get(key)
        if alike is None:
            alike = self._alike[key] = _compare_parts(self._parts[first], self._parts[second])
        return alike
