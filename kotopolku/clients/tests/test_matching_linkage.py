"""The duplicate model (Fellegi–Sunter): levels, weights, term frequencies and learning."""

from __future__ import annotations

import pytest

from kotopolku.clients.matching.linkage import (
    DEFAULT_PARAMETERS,
    NULL,
    Parameters,
    Profile,
    birth_level,
    compare,
    score,
)
from kotopolku.clients.matching.training import candidate_pairs, estimate, token_frequencies
from kotopolku.clients.matching.transliterate import tokens_of
from kotopolku.clients.matching.warning import contribution_codes


def person(name: str, birth=(None, None, None), pk: int = 0, **fields) -> Profile:
    return Profile.of(pk=pk, forms=[tokens_of(name)], birth=birth, **fields)


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        ((1987, 3, 12), (1987, 3, 12), 0),
        ((1987, 3, 12), (1987, 3, 13), 1),  # one digit
        ((1987, 3, 12), (1978, 3, 12), 1),  # two digits swapped
        ((1987, 3, 12), (1987, 12, 3), 1),  # day and month the other way round
        ((1987, 3, None), (1987, 3, 12), 2),
        ((1987, None, None), (1987, 3, 12), 3),
        ((1987, 1, 1), (1987, 6, 30), 3),  # 1 January: the year alone was known
        ((1987, 3, 12), (1961, 8, 30), 4),
        ((None, None, None), (1987, 3, 12), NULL),
    ],
)
def test_birth_level(a, b, level):
    first, second = person("x", a), person("x", b)
    assert birth_level(first.birth, second.birth) == level


def test_score__full_birth_date_that_differs__counts_against():
    same = score(
        person("Olena Shevchenko", (1990, 5, 17)),
        person("Olena Shevchenko", (1990, 5, 17)),
        DEFAULT_PARAMETERS,
    )
    other = score(
        person("Olena Shevchenko", (1990, 5, 17)),
        person("Olena Shevchenko", (1961, 8, 2)),
        DEFAULT_PARAMETERS,
    )
    assert same.probability > 0.95 > other.probability
    assert next(c for c in other.contributions if c.comparison == "birth").weight < 0


def test_score__every_field_both_hold_contributes_and_missing_ones_do_not():
    a = person(
        "Amina Yusuf", (1992, 4, 1), gender="woman", email="A@x.fi", phone="+358401234567", municipality=5
    )
    b = person("Amina Yusuf", (1992, 4, 1), gender="woman", email="a@x.fi", phone="+358409999999")
    evidence = score(a, b, DEFAULT_PARAMETERS)
    fields = {c.comparison: c.level for c in evidence.contributions}
    assert fields == {
        "name": "same",
        "birth": "same",
        "gender": "same",
        "email": "same",
        "phone": "different",
    }


def test_score__rare_name_counts_more_than_a_common_one():
    frequency = token_frequencies(
        [person("John Smith", pk=i) for i in range(300)] + [person("Zephyrine Okonkwo", pk=999)]
    )
    common = score(person("John Smith"), person("John Smith"), DEFAULT_PARAMETERS, frequency)
    rare = score(person("Zephyrine Okonkwo"), person("Zephyrine Okonkwo"), DEFAULT_PARAMETERS, frequency)
    assert rare.weight > common.weight + 4


def test_contribution_codes__names_across_scripts():
    a = Profile.of(pk=1, forms=[tokens_of("Олена Коваленко")], birth=(1985, 3, 2))
    b = Profile.of(pk=2, forms=[tokens_of("Olena Kovalenko")], birth=(1985, 3, 2))
    evidence = score(a, b, DEFAULT_PARAMETERS)
    assert contribution_codes(evidence, a, b)[:2] == ["name_scripts", "birth_same"] or set(
        contribution_codes(evidence, a, b)
    ) == {"name_scripts", "birth_same"}


def test_parameters__round_trip_and_refuse_a_wrong_shape():
    data = DEFAULT_PARAMETERS.as_json()
    assert Parameters.from_json(data).weights == DEFAULT_PARAMETERS.weights
    data["m"]["birth"] = [1.0]
    with pytest.raises(ValueError, match="birth"):
        Parameters.from_json(data)


def test_estimate__learns_without_labels_that_agreement_means_a_match():
    names = ["Olena Shevchenko", "Mikko Virtanen", "Amina Yusuf", "Li Na", "Jean Dupont", "Ahmed Ali"]
    profiles = []
    for index, name in enumerate(names * 5):
        year = 1950 + index
        profiles.append(person(name, (year, 1 + index % 12, 2 + index % 27), pk=len(profiles)))
        profiles.append(person(name, (year, 1 + index % 12, 2 + index % 27), pk=len(profiles)))
    learned = estimate(profiles, candidate_pairs(profiles), start=DEFAULT_PARAMETERS, u_samples=2000)
    assert learned.weight("birth", 0) > 0 > learned.weight("birth", 4)
    assert 0 < learned.prior < 0.5
    levels, _ = compare(profiles[0], profiles[1])
    assert levels["birth"] == 0
