"""Scoring many pairs at once, for the registry-wide sweep: exact, and fast where it can be.

Each record's comparison data is prepared once (``linkage.Profile``, and here an id per distinct
name, the length of its shortest form and the share of records holding each of its parts), not
once per pair. A pair's fields other than the name are compared first, which is cheap; with the
most its names could add (the best name level, and the rarest name part the two share exactly),
a pair that cannot reach the threshold is left there and its names are never compared. A pair of
names met again (registries repeat names) is compared once. The pairs kept get the very score
``linkage.total_weight`` gives them, added up in the same order.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from kotopolku.clients.matching.linkage import (
    NULL,
    TF_BOUND,
    TYPICAL_TOKEN_SHARE,
    Evidence,
    Parameters,
    Profile,
    evidence,
    field_levels,
    one_typo_apart,
    probability_of,
)
from kotopolku.clients.matching.name_table import NameTable
from kotopolku.clients.matching.ranking import near_dates
from kotopolku.clients.matching.warning import contribution_codes

# A pair kept: its two client ids, its probability and its names' level (``linkage.LEVELS``).
Found = tuple[int, int, float, int]
# A pair kept, with its reasons (``warning.contribution_codes``) instead of the names' level.
Explained = tuple[int, int, float, list[str]]


@dataclass
class BatchCounts:
    pairs: int = 0  # pairs looked at
    names_compared: int = 0  # of those, pairs whose bound let them through to the names
    name_pairs: int = 0  # distinct pairs of names compared


def threshold_bits(threshold: float) -> float:
    """The total weight (bits, the prior included) at which a pair's probability is ``threshold``."""
    if threshold <= 0:
        return -math.inf
    if threshold >= 1:
        return math.inf
    return math.log2(threshold / (1 - threshold))


class BatchScorer:
    """Scores pairs of the records of ``profiles`` (by id) with ``parameters``, keeping those whose
    probability is ``threshold`` or more."""

    def __init__(
        self,
        profiles: dict[int, Profile],
        parameters: Parameters,
        frequency: Callable[[str], float] | None,
        threshold: float,
    ) -> None:
        self.profiles = profiles
        self.parameters = parameters
        self.frequency = frequency
        self.threshold = threshold
        # A pair whose bound falls short of this many bits cannot reach the threshold; the margin
        # covers the probability's rounding to six places (a pair a hair below is compared).
        self.least = threshold_bits(threshold) - 1e-3
        self.counts = BatchCounts()
        weights = parameters.weights
        self._name_weights = weights["name"]
        self._best_name = max(self._name_weights)
        self._birth_weights = weights["birth"]
        self._rest = [
            weights[name]
            for name in ("gender", "citizenship", "phone", "email", "identifier", "municipality")
        ]
        self._u_name = parameters.u["name"]
        # The most any names can add (the term frequency adjustment at its bound).
        self._most_name = max(self._best_name, *(self._name_weights[level] + TF_BOUND for level in (0, 1)))
        self._table = NameTable()
        self._name_id = {pk: self._table.name_id(p.name_key) for pk, p in profiles.items()}
        self._shortest = {
            pk: min(len(form) for form in p.forms) if p.forms else 0 for pk, p in profiles.items()
        }
        self._share: dict[str, float] = {}
        # A full birth date as written (19870312), for the typo check.
        self._digits = {
            pk: "".join(f"{part:02d}" for part in p.birth) if None not in p.birth else ""
            for pk, p in profiles.items()
        }

    def scored(self, pairs: Iterable[tuple[int, int]]) -> Iterator[Found]:
        """``(first, second, probability, name level)`` of the pairs at the threshold or above; a pair naming
        a record not in ``profiles`` is skipped."""
        profiles, least, threshold = self.profiles, self.least, self.threshold
        prior, most_name = self.parameters.prior_weight, self._most_name
        counts = self.counts
        for first, second in pairs:
            a, b = profiles.get(first), profiles.get(second)
            if a is None or b is None:
                continue
            counts.pairs += 1
            rest = self._rest_weights(a, b)
            base = prior + sum(rest)
            if base + most_name < least:  # whatever the names: most pairs end here
                continue
            tf = self._tf(a, b)
            if base + self._name_bound(a, b, tf) < least:
                continue
            counts.names_compared += 1
            name = self._name_level(a, b)
            probability = probability_of(self._total(name, rest, tf))
            if probability >= threshold:
                yield first, second, probability, name
        counts.name_pairs = self._table.name_pairs

    def evidence(self, first: int, second: int, name: int) -> Evidence:
        """A pair's evidence field by field, as ``linkage.score`` gives it, its names' level
        given (``scored`` found it)."""
        a, b = self.profiles[first], self.profiles[second]
        levels = field_levels(a, b, name)
        return evidence(levels, self.parameters, self._tf(a, b) if 0 <= levels["name"] <= 1 else None)

    # --- the parts of a pair's weight ---------------------------------------------------------

    def _rest_weights(self, a: Profile, b: Profile) -> list[float]:
        """The weights of the fields other than the name, in ``LEVELS`` order (0 where a record
        lacks the field), as ``linkage.compare`` levels them."""
        birth = self._birth_level(a, b)
        gender, citizenship, phone, email, identifier, municipality = self._rest
        if a.identity_code and b.identity_code:
            same_identifier = 0 if a.identity_code == b.identity_code else 1
        elif a.identifiers or b.identifiers:
            same_identifier = (
                0
                if a.identifiers & b.identifiers
                or (a.identity_code and a.identity_code in b.identifiers)
                or (b.identity_code and b.identity_code in a.identifiers)
                else NULL
            )
        else:
            same_identifier = NULL
        return [
            self._birth_weights[birth] if birth != NULL else 0.0,
            (gender[a.gender != b.gender] if a.gender and b.gender else 0.0),
            (
                citizenship[not (a.citizenships & b.citizenships)]
                if a.citizenships and b.citizenships
                else 0.0
            ),
            phone[a.phone != b.phone] if a.phone and b.phone else 0.0,
            email[a.email != b.email] if a.email and b.email else 0.0,
            identifier[same_identifier] if same_identifier != NULL else 0.0,
            (municipality[a.municipality != b.municipality] if a.municipality and b.municipality else 0.0),
        ]

    def _birth_level(self, a: Profile, b: Profile) -> int:
        """``linkage.birth_level``, with the dates as written prepared once per record."""
        x, y = a.birth, b.birth
        if not x[0] or not y[0]:
            return NULL
        compared = 0
        for left, right in zip(x, y, strict=True):
            if left is None or right is None:
                break
            if left != right:  # a conflict: one typo apart (full dates only), or different
                first, second = self._digits[a.pk], self._digits[b.pk]
                if first and second and (near_dates(x, y) or one_typo_apart(first, second)):
                    return 1
                return 4
            compared += 1
        return 0 if compared == 3 else 2 if compared == 2 else 3

    def _tf(self, a: Profile, b: Profile) -> float | None:
        """``linkage._name_tf`` for a pair whose names agree (level 0 or 1), from the prepared
        shares: how common the name parts the two share exactly are."""
        if self.frequency is None or not a.forms or not b.forms:
            return None
        shared = a.tokens & b.tokens
        if not shared:
            return None
        parts = min(2, self._shortest[a.pk], self._shortest[b.pk])
        share = self._share
        for token in shared:
            if token not in share:
                share[token] = self.frequency(token)
        product = 1.0
        for token in sorted(shared, key=share.__getitem__)[:parts]:
            product *= share[token]
        product *= TYPICAL_TOKEN_SHARE ** max(0, parts - len(shared))
        return max(product, 1e-12)

    def _adjustment(self, level: int, tf: float) -> float:
        return max(-TF_BOUND, min(TF_BOUND, math.log2(self._u_name[level] / tf)))

    def _name_bound(self, a: Profile, b: Profile, tf: float | None) -> float:
        """The most the names can add: their best level, with the term frequency adjustment of
        the two agreeing levels."""
        if not a.forms or not b.forms:
            return 0.0
        if tf is None:
            return self._best_name
        weights = self._name_weights
        return max(self._best_name, *(weights[level] + self._adjustment(level, tf) for level in (0, 1)))

    def explained(self, found: Iterable[Found]) -> list[Explained]:
        """The pairs kept with their reasons in words' codes, strongest first."""
        profiles = self.profiles
        return [
            (
                first,
                second,
                probability,
                contribution_codes(self.evidence(first, second, name), profiles[first], profiles[second]),
            )
            for first, second, probability, name in found
        ]

    def name_pair_hash(self, first: int, second: int) -> int:
        """The same number for every pair of records with the same two names."""
        x, y = self._name_id.get(first, 0), self._name_id.get(second, 0)
        return hash((x, y) if x <= y else (y, x))

    def _total(self, name: int, rest: list[float], tf: float | None) -> float:
        """The pair's total bits as ``linkage.total_weight`` adds them: the prior, the name, the
        other fields in order, then the names' term frequency adjustment."""
        total = self.parameters.prior_weight
        if name != NULL:
            total += self._name_weights[name]
        for weight in rest:
            if weight:
                total += weight
        if name != NULL and name <= 1 and tf is not None:
            total += self._adjustment(name, tf)
        return total

    def _name_level(self, a: Profile, b: Profile) -> int:
        """``linkage.name_level``, once per pair of names."""
        if not a.forms or not b.forms:
            return NULL
        return self._table.level(self._name_id[a.pk], self._name_id[b.pk])
