"""Pairs worth comparing (blocking) and the model's probabilities learned without labels.

* Blocking: two records are compared when they share a key: both names' skeletons (in any
  script, the search keys ``pp:``), a name skeleton and the birth year (``py:``), the full birth
  date, the phone, the e-mail or an identifier. A key shared by very many records (a placeholder
  date, a family's phone) is left out: it would add many pairs and few duplicates.
* ``u``: the levels of random pairs of records (nearly all are different people).
* ``m`` and the prior: expectation maximisation over the blocked pairs with ``u`` held fixed, as
  splink does; the prior is the expected number of matches among all pairs.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

from kotopolku.clients.matching.keys import birth_keys, name_year_keys, pair_keys
from kotopolku.clients.matching.linkage import LEVELS, NULL, Parameters, Profile, compare, token_share

GROUP_CAP = 60  # records sharing a key beyond which the key is not used for pairing
# Keys of names alone are shared by namesakes: a common name's group pairs many strangers, and
# the duplicates among them share a narrower key too (the name and birth year, the date, the
# phone). Their groups are used up to a smaller size (bench/duplicates_quality.py measures the
# recall this costs, bench/duplicates_sweep.py the time it saves).
KIND_CAPS = {"pp": 20, "py": 20}


def group_cap(key: str, cap: int = GROUP_CAP) -> int:
    """The largest group of records sharing ``key`` that is paired."""
    return min(cap, KIND_CAPS.get(key.split(":", 1)[0], cap))


U_SAMPLE = 30_000  # random pairs for u (names of strangers are slow to compare: little is cached)
EM_PAIRS = 200_000  # blocked pairs EM learns m from, drawn at random where there are more
EM_ROUNDS = 25
SMOOTHING = 1.0


def blocking_keys(profile: Profile) -> set[str]:
    keys: set[str] = set()
    for tokens in profile.forms:
        keys |= pair_keys(tokens) | name_year_keys(tokens, profile.birth[0])
        # One name part alone: a rare one is telling (a common one's group passes the cap).
        keys.update("n:" + token.normal for token in tokens)
    year, month, day = profile.birth
    if day:
        keys.add(birth_keys(year, month, day)[-1])
    for value, prefix in ((profile.phone, "t:"), (profile.email, "e:"), (profile.identity_code, "")):
        if value:
            keys.add(prefix + value)
    keys.update(profile.identifiers)
    return keys


def pairs_from_groups(
    groups: Iterable[tuple[str, Sequence[int]]], cap: int = GROUP_CAP
) -> set[tuple[int, int]]:
    """Unordered pairs (smaller id first) of the records of each key's group no larger than its
    cap (``group_cap``)."""
    pairs: set[tuple[int, int]] = set()
    for key, members in groups:
        if len(members) < 2 or len(members) > group_cap(key, cap):
            continue
        ordered = sorted(members)
        for i, first in enumerate(ordered):
            for second in ordered[i + 1 :]:
                pairs.add((first, second))
    return pairs


def candidate_pairs(profiles: Sequence[Profile], cap: int = GROUP_CAP) -> set[tuple[int, int]]:
    """Pairs of positions in ``profiles`` that share a blocking key."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index, profile in enumerate(profiles):
        for key in blocking_keys(profile):
            groups[key].append(index)
    return pairs_from_groups(groups.items(), cap)


def level_vector(a: Profile, b: Profile) -> tuple[int, ...]:
    levels, _ = compare(a, b)
    return tuple(levels[name] for name in LEVELS)


def estimate_u(profiles: Sequence[Profile], samples: int = U_SAMPLE, seed: int = 0) -> dict[str, list[float]]:
    rng = random.Random(seed)
    counts = {name: [SMOOTHING] * len(levels) for name, levels in LEVELS.items()}
    n = len(profiles)
    if n < 2:
        return _normalised(counts)
    for _ in range(samples):
        i, j = rng.randrange(n), rng.randrange(n)
        if i == j:
            continue
        for name, level in zip(LEVELS, level_vector(profiles[i], profiles[j]), strict=True):
            if level != NULL:
                counts[name][level] += 1
    return _normalised(counts)


def estimate(
    profiles: Sequence[Profile],
    pairs: Iterable[tuple[int, int]] | None = None,
    *,
    start: Parameters,
    u_samples: int = U_SAMPLE,
    seed: int = 0,
    source: str = "registry",
    progress: Callable[[str], None] | None = None,
) -> Parameters:
    """The model's probabilities learned from ``profiles`` without labels."""
    u = estimate_u(profiles, u_samples, seed)
    if progress:
        progress("u estimated")
    blocked = sorted(pairs if pairs is not None else candidate_pairs(profiles))
    drawn = random.Random(seed).sample(blocked, EM_PAIRS) if len(blocked) > EM_PAIRS else blocked
    vectors = Counter(level_vector(profiles[i], profiles[j]) for i, j in drawn)
    if progress:
        progress("pairs compared")
    m, share = expectation_maximisation(vectors, u, start)
    total_pairs = len(profiles) * (len(profiles) - 1) / 2 or 1
    expected_matches = share * len(blocked)
    prior = min(0.5, max(1e-9, expected_matches / total_pairs))
    return Parameters(m=m, u=u, prior=prior, source=source)


def expectation_maximisation(
    vectors: Counter[tuple[int, ...]], u: dict[str, list[float]], start: Parameters
) -> tuple[dict[str, list[float]], float]:
    """m per level and the share of matches among the blocked pairs, ``u`` held fixed."""
    names = list(LEVELS)
    m = {name: list(start.m[name]) for name in names}
    share = 0.5
    total = sum(vectors.values()) or 1
    for _round in range(EM_ROUNDS):
        counts = {name: [SMOOTHING * 0.01] * len(LEVELS[name]) for name in names}
        matched = 0.0
        for vector, count in vectors.items():
            match_likelihood, other_likelihood = share, 1 - share
            for name, level in zip(names, vector, strict=True):
                if level != NULL:
                    match_likelihood *= m[name][level]
                    other_likelihood *= u[name][level]
            posterior = match_likelihood / (match_likelihood + other_likelihood)
            matched += posterior * count
            for name, level in zip(names, vector, strict=True):
                if level != NULL:
                    counts[name][level] += posterior * count
        share = min(0.999, max(1e-6, matched / total))
        m = _normalised(counts)
    return m, share


def _normalised(counts: dict[str, list[float]]) -> dict[str, list[float]]:
    return {name: [round(c / sum(values), 8) for c in values] for name, values in counts.items()}


def token_frequencies(profiles: Iterable[Profile]) -> Callable[[str], float]:
    """The share of records holding each name token (the tf table), and a floor for unseen ones."""
    counts: Counter[str] = Counter()
    total = 0
    for profile in profiles:
        total += 1
        counts.update(profile.tokens)

    def frequency(token: str) -> float:
        return token_share(counts.get(token, 0), total)

    return frequency
