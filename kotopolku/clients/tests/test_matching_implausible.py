"""A name part no one has (a key held down, a pasted wall of text) is not alike to real names."""

from __future__ import annotations

import pytest

from kotopolku.clients.matching.keys import client_name_forms
from kotopolku.clients.matching.ranking import implausible
from kotopolku.clients.matching.selectors import duplicate_score
from kotopolku.clients.matching.transliterate import tokens_of
from kotopolku.clients.models import Client

UNKNOWN = (None, None, None)
NA_LI = Client(given_names="娜", family_name="李", given_names_latin="Na", family_name_latin="Li")


@pytest.mark.parametrize("text", ["A" * 10_000, "A" * 200, "AAAA", "A" * 30 + "B", "Na" + "A" * 60])
def test_duplicate_score__implausible_name__is_not_a_likely_duplicate_of_na_li(text):
    score, _ = duplicate_score([tokens_of(text)], UNKNOWN, client_name_forms(NA_LI), UNKNOWN)
    assert score < 0.5


@pytest.mark.parametrize(
    ("query", "other"),
    [("Na Li", NA_LI), ("Mohammed Abdi", Client(given_names_latin="Muhammad", family_name_latin="Abdi"))],
)
def test_duplicate_score__real_names__still_match(query, other):
    score, reasons = duplicate_score([tokens_of(query)], UNKNOWN, client_name_forms(other), UNKNOWN)
    assert {"name_same", "name_close", "name_scripts"} & set(reasons)
    implausible_score, _ = duplicate_score([tokens_of("A" * 200)], UNKNOWN, client_name_forms(other), UNKNOWN)
    assert score > implausible_score


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Aaa", True),
        ("Wolfeschlegelsteinhausenbergerdorff", False),  # 35 letters: long, but a name
        ("x" * 41, True),
        ("Annabell", False),
        ("Bo", False),
        ("A", False),
        ("Oo", False),
    ],
)
def test_implausible__held_keys_and_overlong_parts(name, expected):
    (token,) = tokens_of(name)
    assert implausible(token) is expected
