"""The sweep's batch scoring keeps exactly the pairs the model scores at the threshold or above."""

from __future__ import annotations

import random

import pytest

from kotopolku.clients.matching import parallel
from kotopolku.clients.matching.batch import BatchScorer, threshold_bits
from kotopolku.clients.matching.linkage import (
    DEFAULT_PARAMETERS,
    Parameters,
    Profile,
    name_level,
    probability_of,
    score,
    total_weight,
)
from kotopolku.clients.matching.name_table import NameTable
from kotopolku.clients.matching.ranking import duplicate_name_similarity
from kotopolku.clients.matching.training import group_cap, pairs_from_groups, token_frequencies
from kotopolku.clients.matching.transliterate import tokens_of

NAMES = [
    "Oleksandr Shevchenko", "Aleksandr Shevchenko", "Александр Шевченко", "Olena Kovalenko",
    "Олена Коваленко", "Olena Shevchenko", "Mohamed Ali", "Muhammad Ali", "Maxamed Cali",
    "محمد علي", "Li Na", "李娜", "Mikko Virtanen", "Mika Virtanen", "Grace", "Grace Kelly",
]  # fmt: skip


def _profiles(count: int, seed: int) -> dict[int, Profile]:
    rng = random.Random(seed)
    profiles = {}
    for pk in range(1, count + 1):
        # Dates a typo apart (1987/1978, 12/21, day and month swapped), partial dates and 1 January.
        year = rng.choice([None, 1961, 1978, 1987, 1990, 1990])
        month = rng.choice([None, 1, 3, 5, 5, 12]) if year else None
        day = rng.choice([None, 1, 3, 5, 12, 21]) if month else None
        names = rng.sample(NAMES, rng.choice([0, 1, 1, 2]))
        profiles[pk] = Profile.of(
            pk=pk,
            forms=[tokens for tokens in (tokens_of(name) for name in names) if tokens],
            birth=(year, month, day),
            gender=rng.choice(["", "man", "woman", "not_told"]),
            citizenships=rng.choice([(), ("UA",), ("SO", "FI"), ("FI",)]),
            phone=rng.choice(["", "", "+358401112233", "+358409998877"]),
            email=rng.choice(["", "", "a@example.org", "b@example.org"]),
            identity_code=rng.choice(["", "", "", "010190-123A", "020285-456B"]),
            identifiers=rng.choice([(), (), ("P1234567",), ("P7654321", "X1")]),
            municipality=rng.choice([None, 1, 2]),
        )
    return profiles


def _learned() -> Parameters:
    """Parameters unlike the shipped ones: strong evidence against on every field."""
    data = DEFAULT_PARAMETERS.as_json()
    data["m"]["phone"], data["u"]["phone"] = [0.9, 0.1], [0.001, 0.999]
    data["m"]["gender"], data["u"]["gender"] = [0.999, 0.001], [0.5, 0.5]
    data["m"]["birth"] = [0.6, 0.2, 0.1, 0.09, 0.01]
    return Parameters.from_json(data)


def _rare_and_common(token: str) -> float:
    """A registry where some names are very rare (the adjustment lifts them by up to its bound)
    and others very common."""
    return {"shevchenko": 1e-7, "olena": 1e-5, "ali": 0.2, "mohamed": 0.05}.get(token, 0.01)


@pytest.mark.parametrize("parameters", [DEFAULT_PARAMETERS, _learned()])
@pytest.mark.parametrize("threshold", [0.05, 0.5, 0.95])
@pytest.mark.parametrize("frequencies", ["registry", "rare and common"])
def test_batch__the_same_pairs_and_probabilities_as_the_model(parameters, threshold, frequencies):
    profiles = _profiles(120, seed=int(threshold * 100))
    frequency = token_frequencies(profiles.values()) if frequencies == "registry" else _rare_and_common
    pairs = [(a, b) for a in profiles for b in profiles if a < b]
    expected = {}
    for a, b in pairs:
        probability = probability_of(total_weight(profiles[a], profiles[b], parameters, frequency)[0])
        if probability >= threshold:
            expected[(a, b)] = probability
    scorer = BatchScorer(profiles, parameters, frequency, threshold)
    kept = list(scorer.scored(pairs))
    assert {(a, b): probability for a, b, probability, _name in kept} == expected
    for a, b, _probability, name in kept:
        assert scorer.evidence(a, b, name) == score(profiles[a], profiles[b], parameters, frequency)
    assert expected and scorer.counts.pairs == len(pairs)
    # The bound spares comparing the names of most pairs that cannot reach the threshold.
    assert scorer.counts.names_compared < len(pairs)
    assert scorer.counts.name_pairs <= scorer.counts.names_compared


def test_batch__a_pair_with_a_record_not_loaded_is_skipped():
    profiles = _profiles(3, seed=1)
    scorer = BatchScorer(profiles, DEFAULT_PARAMETERS, None, 0.0)
    assert {(a, b) for a, b, _p, _n in scorer.scored([(1, 2), (2, 99)])} == {(1, 2)}
    assert scorer.counts.pairs == 1


def test_threshold_bits():
    assert threshold_bits(0.5) == 0.0
    assert threshold_bits(0.0) == float("-inf") and threshold_bits(1.0) == float("inf")


def test_blocking__a_common_name_pairs_no_one_by_the_name_alone_but_by_the_date():
    namesakes = list(range(1, 22))  # 21 records: more than a name key's cap, fewer than a date's
    assert group_cap("pp:lksndr|shfchnk") == group_cap("py:lksndr|1990") == 20
    assert group_cap("b:19900517") == 60
    assert pairs_from_groups([("pp:lksndr|shfchnk", namesakes), ("py:lksndr|1990", namesakes)]) == set()
    assert len(pairs_from_groups([("b:19900517", namesakes)])) == 21 * 20 // 2
    assert pairs_from_groups([("pp:lksndr|shfchnk", namesakes[:3])]) == {(1, 2), (1, 3), (2, 3)}


def test_parallel__the_same_pairs_as_one_process_and_progress_to_the_end(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10)
    profiles = _profiles(80, seed=3)
    frequency = token_frequencies(profiles.values())
    pairs = [(a, b) for a in profiles for b in profiles if a < b]
    alone = BatchScorer(profiles, DEFAULT_PARAMETERS, frequency, 0.2)
    expected = sorted(alone.explained(alone.scored(pairs)))
    scorer = BatchScorer(profiles, DEFAULT_PARAMETERS, frequency, 0.2)
    seen: list[int] = []
    found = parallel.score_pairs(scorer, pairs, processes=2, chunk=500, progress=seen.append)
    assert expected and sorted(found) == expected
    assert seen[-1] == len(pairs) and seen == sorted(seen)
    assert scorer.counts.pairs == len(pairs) == alone.counts.pairs
    assert scorer.counts.names_compared == alone.counts.names_compared


def test_parallel__a_failing_child_fails_the_scoring(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10)
    profiles = _profiles(30, seed=4)
    scorer = BatchScorer(profiles, DEFAULT_PARAMETERS, None, 0.2)

    def broken(pairs):
        raise ValueError("broken record")
        yield

    monkeypatch.setattr(scorer, "scored", broken)
    pairs = [(a, b) for a in profiles for b in profiles if a < b]
    with pytest.raises(RuntimeError, match="broken record"):
        parallel.score_pairs(scorer, pairs, processes=2, chunk=100, progress=lambda done: None)


def test_names__the_same_level_whichever_way_round_and_in_the_numbered_table():
    table = NameTable()
    profiles = [
        Profile.of(pk=i, forms=[tokens_of(name)], birth=(None, None, None)) for i, name in enumerate(NAMES)
    ]
    profiles.append(
        Profile.of(pk=99, forms=[tokens_of("محمد علي"), tokens_of("Mohamed Ali")], birth=(None, None, None))
    )
    for a in profiles:
        for b in profiles:
            forward = duplicate_name_similarity(a.forms, b.forms)
            assert forward == duplicate_name_similarity(b.forms, a.forms)
            assert table.level(table.name_id(a.name_key), table.name_id(b.name_key)) == name_level(a, b)[0]
