"""Scoring candidates: rapidfuzz on the normalised forms, token-order independent."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from rapidfuzz import fuzz
from rapidfuzz.fuzz import ratio

from kotopolku.clients.matching.learned import SCRIPTS, log_likelihood, read_back
from kotopolku.clients.matching.transliterate import NameToken

VARIANT_FACTOR = 0.9  # a learned spelling is a guess: its match counts a little less
# Chinese characters read as pinyin say little of how a foreign name they write is spelled.
PINYIN_FACTOR = 0.9


# No one's name part is longer than this (the longest in the name data we test on has 24 letters).
LONGEST_NAME_PART = 40
# Below this many bits per letter a long part is one or two letters repeated ("aaaaaab"); real
# names of eight letters or more carry two bits or more.
LEAST_NAME_ENTROPY = 1.5


@lru_cache(maxsize=65536)
def implausible(token: NameToken) -> bool:
    """A name part no one has: longer than any real one, or a key held down. Fuzzy matching
    such a part against short names finds likeness everywhere (a run of "A" reads as the "a"
    of "Na"), so it matches only itself."""
    letters = token.latin or token.written
    if len(letters) > LONGEST_NAME_PART:
        return True
    if len(letters) >= 3 and len(set(letters)) == 1:
        return True
    if len(letters) >= 8:
        counts = [letters.count(letter) for letter in set(letters)]
        entropy = -sum(n / len(letters) * math.log2(n / len(letters)) for n in counts)
        return entropy < LEAST_NAME_ENTROPY
    return False


def _implausible_pair_similarity(a: NameToken, b: NameToken) -> float | None:
    if implausible(a) or implausible(b):
        return 1.0 if (a.latin, a.written) == (b.latin, b.written) else 0.0
    return None


@lru_cache(maxsize=262144)
def token_similarity(a: NameToken, b: NameToken) -> float:
    """0..1: how alike two name tokens are, by spelling and by sound; a token written in another
    script than the other is also compared by its likely Latin spellings."""
    guarded = _implausible_pair_similarity(a, b)
    if guarded is not None:
        return guarded
    best = _spelling_similarity(a, b)
    if a.script == b.script or not (a.variants or b.variants):
        return best  # the same script (Latin too): the letters compare as they are
    if (a.script == "cjk") != (b.script == "cjk"):
        best *= PINYIN_FACTOR
    if a.variants and b.variants:  # two different scripts: their likeliest spellings
        pairs = [(x, y) for x in a.variants[:2] for y in b.variants[:2]]
    else:
        native, other = (a, b) if a.variants else (b, a)
        pairs = [(variant, other) for variant in native.variants]
    return max(best, VARIANT_FACTOR * max(_spelling_similarity(x, y) for x, y in pairs))


@lru_cache(maxsize=262144)
def precise_token_similarity(a: NameToken, b: NameToken) -> float:
    """``token_similarity``, and for a name written in Cyrillic, Arabic or Chinese script against
    Latin letters also how likely those letters are as its transliteration; two Latin spellings
    that read back to one written name count as alike (slower: used on the best candidates only)."""
    guarded = _implausible_pair_similarity(a, b)
    if guarded is not None:
        return guarded
    best = max(token_similarity(a, b), _transliteration_similarity(a, b), _transliteration_similarity(b, a))
    if _may_read_back(a, b, best) and _read_back_alike(a.latin, b.latin):
        return READ_BACK_SIMILARITY
    return best


READ_BACK_SIMILARITY = 0.96
# Spellings less alike than this are not read back (it is slow, and such pairs hardly ever meet).
READ_BACK_WORTH = 0.7


def _precise_best(query: NameToken, candidate: list[NameToken]) -> float:
    """``max(precise_token_similarity(query, c) for c in candidate)``, with the slow comparisons
    made only where they could raise the best: each pair's cheap score bounds what the precise
    one can add (the same result, a third of the work for a name query). The pairs that may gain
    most go first, so that a pair found alike spares the comparisons that could not beat it."""
    pairs = []
    for other in candidate:
        score = token_similarity(query, other)
        pairs.append((_precise_bound(query, other, score), score, other))
    best = max(score for _bound, score, _other in pairs)
    for bound, _score, other in sorted(pairs, key=lambda pair: (-pair[0], -pair[1])):
        if bound <= best:
            break
        best = max(best, precise_token_similarity(query, other))
    return best


def _precise_bound(a: NameToken, b: NameToken, cheap: float) -> float:
    """The most ``precise_token_similarity(a, b)`` can be, given ``token_similarity(a, b)``."""
    if _transliterates(a, b) or _transliterates(b, a):
        return 1.0
    if _may_read_back(a, b, cheap):
        return READ_BACK_SIMILARITY
    return cheap


def _may_read_back(a: NameToken, b: NameToken, score: float) -> bool:
    """Whether two Latin spellings this alike are worth reading back (see ``_read_back_alike``)."""
    return not a.written and not b.written and READ_BACK_WORTH <= score < READ_BACK_SIMILARITY


def _transliterates(native: NameToken, latin: NameToken) -> bool:
    """Whether ``latin``'s letters can be scored as a transliteration of ``native``."""
    return bool(native.written and native.variants and not latin.written)


def _read_back_alike(a: str, b: str) -> bool:
    """Two Latin spellings that read back to one written name in some script (Merouane and
    Marwan are both مروان)."""
    return any(set(read_back(a, script, 3)) & set(read_back(b, script, 3)) for script in SCRIPTS)


def _transliteration_similarity(native: NameToken, latin: NameToken) -> float:
    """How likely ``latin``'s letters are as the writing of ``native``, per letter, against its
    likeliest spelling: 1.0 for that spelling, about 0.9 for a usual other one."""
    if not _transliterates(native, latin):
        return 0.0
    likelihood = log_likelihood(native.written, native.script, latin.latin)
    best = native.variants[0].latin
    best_likelihood = log_likelihood(native.written, native.script, best)
    if likelihood is None or best_likelihood is None or likelihood == -math.inf:
        return 0.0
    per_letter = (likelihood - best_likelihood) / max(len(latin.latin), len(best))
    return max(0.0, min(1.0, 1.0 + 0.10 * per_letter))


@lru_cache(maxsize=262144)
def _spelling_similarity(a: NameToken, b: NameToken) -> float:
    if a.normal == b.normal:
        return 1.0
    if len(a.spelled) == 1 and len(b.spelled) == 1:
        best = ratio(a.normal, b.normal) / 100
    else:
        best = max(ratio(x, y) for x in a.spelled for y in b.spelled) / 100
    # Vowels written differently (Maxamed / Muhammad): compare with one vowel class, a little less.
    best = max(best, ratio(a.vowel_class, b.vowel_class) / 100 * 0.92)
    shared = a.skeleton_set & b.skeleton_set
    if shared:
        # Same skeleton: a variant spelling (Mohamed/Muhammad); length-weighted so that
        # one-consonant skeletons ("l" for Ali, Julia) do not count as much.
        shortest = min(len(s) for s in shared)
        best = max(best, 0.45 + 0.05 * min(shortest, 3) + 0.4 * best)
    elif a.loose and a.loose == b.loose and len(a.loose) >= 2:
        best = max(best, 0.55 + 0.05 * min(len(a.loose), 3) + 0.25 * best)
    else:
        best = max(
            best,
            max(ratio(x, y) for x in a.skeletons for y in b.skeletons) / 100 * 0.85
            if a.skeletons and b.skeletons
            else 0.0,
        )
    if (
        len(a.normal) >= 3
        and len(b.normal) >= 3
        and (a.normal.startswith(b.normal) or b.normal.startswith(a.normal))
    ):
        best = max(best, 0.80)  # a typed prefix: "Moham" for Mohammed
    # Ties between variant spellings are broken by the plain letters (Jean = Жан before Юэн).
    return 0.97 * best + 0.03 * ratio(a.latin, b.latin) / 100


UNKNOWN_PART = 0.65  # a name part the record does not hold: not known to differ


def name_similarity(
    query: list[NameToken],
    candidate_forms: list[list[NameToken]],
    *,
    precise: bool = False,
    unknown_parts: bool = False,
) -> float:
    """Mean over the query tokens of the best match among the candidate's tokens (any form).

    With ``unknown_parts``, query tokens beyond the number of name parts the candidate has (a
    record with a given name only, say) count as unknown rather than as different."""
    if not query:
        return 0.0
    candidate = [token for form in candidate_forms for token in form]
    if not candidate:
        return 0.0
    if precise:
        bests = [_precise_best(q, candidate) for q in query]
    else:
        bests = [max(token_similarity(q, c) for c in candidate) for q in query]
    parts = max(len(form) for form in candidate_forms)
    if unknown_parts and len(query) > parts:
        bests.sort(reverse=True)
        bests[parts:] = [max(best, UNKNOWN_PART) for best in bests[parts:]]
    return sum(bests) / len(query)


def symmetric_name_similarity(first: list[list[NameToken]], second: list[list[NameToken]]) -> float:
    """For the duplicate check: both names must be covered, whichever has more tokens.

    The best of the forms (written, Latin) on each side is used per direction; the score is
    the mean of the two directions so an extra middle name costs a little, not everything."""
    if not first or not second:
        return 0.0
    forward = max(name_similarity(form, second) for form in first)
    backward = max(name_similarity(form, first) for form in second)
    return (forward + backward) / 2


def duplicate_name_similarity(first: list[list[NameToken]], second: list[list[NameToken]]) -> float:
    """Symmetric similarity, held down when a name part of the shorter name has no counterpart:
    "Grace" and "Grace Kelly" may be one person, "Olena Shevchenko" and "Oleksandr Shevchenko"
    are more likely relatives."""
    return duplicate_similarity(first, second, token_similarity)


Part = TypeVar("Part", bound=Hashable)


def duplicate_similarity(
    first: Sequence[Sequence[Part]],
    second: Sequence[Sequence[Part]],
    similarity: Callable[[Part, Part], float],
) -> float:
    """``duplicate_name_similarity`` of two names given as forms of parts, ``similarity`` telling
    how alike two parts are (the sweep passes numbered parts and its own table). Each pair of
    distinct parts is compared once: every direction reads the same table of best matches.

    The mean of both directions' coverage (the best form on each side, as
    ``symmetric_name_similarity``) and of the weakest match of the shorter name's parts; two
    names as short as each other take the better of the two, so the order they come in does
    not matter."""
    first_parts, second_parts = distinct_parts(first), distinct_parts(second)
    if not first_parts or not second_parts:
        return 0.0
    first_best: dict[Part, float] = {}
    second_best = dict.fromkeys(second_parts, -1.0)
    for part in first_parts:
        top = -1.0
        for other in second_parts:
            alike = similarity(part, other)
            if alike > top:
                top = alike
            if alike > second_best[other]:
                second_best[other] = alike
        first_best[part] = top
    return similarity_of_best(first, second, first_best, second_best)


def distinct_parts(forms: Sequence[Sequence[Part]]) -> tuple[Part, ...]:
    return tuple(dict.fromkeys(part for form in forms for part in form))


def similarity_of_best(
    first: Sequence[Sequence[Part]],
    second: Sequence[Sequence[Part]],
    first_best: dict[Part, float],
    second_best: dict[Part, float],
) -> float:
    """``duplicate_similarity`` from each part's best match in the other name."""
    covered = (_coverage(first, first_best) + _coverage(second, second_best)) / 2
    first_shortest = min(len(form) for form in first)
    second_shortest = min(len(form) for form in second)
    weakest = max(
        _weakest(first, first_best) if first_shortest <= second_shortest else 0.0,
        _weakest(second, second_best) if second_shortest <= first_shortest else 0.0,
    )
    return 0.5 * covered + 0.5 * weakest


def _coverage(forms: Sequence[Sequence[Part]], best: dict[Part, float]) -> float:
    """The best form's mean of its parts' best matches (``name_similarity`` of each form)."""
    return max(sum(best[part] for part in form) / len(form) if form else 0.0 for form in forms)


def _weakest(forms: Sequence[Sequence[Part]], best: dict[Part, float]) -> float:
    return max(min(best[part] for part in form) if form else 0.0 for form in forms)


@dataclass
class BirthAgreement:
    matches: bool  # everything both sides know agrees
    conflicts: bool  # something both sides know differs
    precision: int  # 0 none compared, 1 year, 2 month, 3 full date
    near: bool = False  # full dates that differ in one part only (a typo, day and month swapped)


def birth_agreement(
    a: tuple[int | None, int | None, int | None], b: tuple[int | None, int | None, int | None]
) -> BirthAgreement:
    compared = 0
    for left, right in zip(a, b, strict=True):
        if left is None or right is None:
            break
        if left != right:
            return BirthAgreement(matches=False, conflicts=True, precision=compared, near=near_dates(a, b))
        compared += 1
    return BirthAgreement(matches=compared > 0, conflicts=False, precision=compared)


def near_dates(a: tuple[int | None, ...], b: tuple[int | None, ...]) -> bool:
    if None in a or None in b:
        return False
    if (a[0], a[1], a[2]) == (b[0], b[2], b[1]):  # day and month the other way round
        return True
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    return fuzz.ratio(str(x), str(y)) >= 50  # one digit off: 1987/1978, 12/13
