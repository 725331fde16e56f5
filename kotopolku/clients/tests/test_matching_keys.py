"""Normalisation, keys and ranking: variant spellings of one name meet, different names do not."""

from __future__ import annotations

import pytest

from kotopolku.clients.matching.keys import identifier_key, parse_query, phone_e164
from kotopolku.clients.matching.ranking import name_similarity, symmetric_name_similarity
from kotopolku.clients.matching.transliterate import clean, name_tokens, plain, tokens_of


def skeletons_of(text: str) -> set[str]:
    return {s for token in tokens_of(text) for s in token.skeletons}


@pytest.mark.parametrize(
    "variants",
    [
        ("Мухаммед", "Muhammad", "Mohamed", "Mohammed", "Maxamed", "محمد", "Mukhammed"),
        ("Олександр", "Oleksandr", "Aleksandr", "Alexander", "Александр"),
        ("Hassan", "Hasan", "al-Hassan", "El Hassan", "الحسن", "Хасан"),
        ("Yusuf", "Youssef", "Jusuf", "يوسف", "Юсуф", "Yousef"),
        ("Abdul Rahman", "Abdulrahman", "Abd al-Rahman", "Abdelrahman", "عبد الرحمن"),
        ("Ahmed", "Ahmad", "Achmed", "Axmed", "أحمد", "Ахмед"),
        ("Vladimir", "Wladimir", "Владимир"),
        ("Fatima", "Fatime", "فاطمة", "Фатима"),
        ("Julia", "Yulia", "Юлія", "Yuliia", "Iuliia"),
        ("Sergei", "Sergey", "Serhii", "Сергей"),
        ("Aleksei", "Alexey", "Oleksii", "Алексей"),
        ("Cabdi", "Abdi"),
        ("Zhanna", "Jeanne", "Жанна"),
    ],
)
def test_skeletons__variant_spellings__share_a_skeleton(variants):
    first = skeletons_of(variants[0])
    for other in variants[1:]:
        assert first & skeletons_of(other), (variants[0], other, first, skeletons_of(other))


@pytest.mark.parametrize(
    ("one", "other"),
    [("Muhammad", "Mikhail"), ("Hassan", "Karim"), ("Olga", "Alexander"), ("Li", "Wang")],
)
def test_skeletons__different_names__do_not_meet(one, other):
    assert not skeletons_of(one) & skeletons_of(other)


def test_normal_form__folds_vowels_doubles_and_digraphs():
    assert {t.normal for t in tokens_of("Mohammed Muhamed Mukhammed")} == {"muhamid"}
    assert tokens_of("Iwanoff")[0].normal == tokens_of("Ivanov")[0].normal[:-1] + "f"
    assert tokens_of("Aleksandr")[0].normal == tokens_of("Alexandr")[0].normal


def test_name_tokens__arabic_articles_and_abd_compounds():
    assert [t for t, _ in name_tokens("Abd al-Rahman al-Hassan")] == ["abdrahman", "hassan"]
    assert [t for t, _ in name_tokens("Abdullahi")] == ["abdullahi"]


def test_clean__drops_control_and_bidi_characters_and_cuts_long_input():
    assert clean("An\u202ena\x00 Virtanen\n") == "An na Virtanen"
    assert len(clean("a" * 10_000)) == 300
    assert plain("Jürgen  Groß!") == "jurgen gross"


def test_ranking__token_order_does_not_matter():
    query = tokens_of("Hassan Muhammad")
    assert name_similarity(query, [tokens_of("Mohamed Hasan")]) > 0.9
    assert name_similarity(query, [tokens_of("Mikko Virtanen")]) < 0.6


def test_ranking__symmetric_similarity_across_scripts():
    assert (
        symmetric_name_similarity([tokens_of("Олександр Шевченко")], [tokens_of("Oleksandr Shevchenko")])
        > 0.9
    )
    assert symmetric_name_similarity([tokens_of("Olga Petrova")], [tokens_of("Oleksandr Shevchenko")]) < 0.6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1987", (1987, None, None)),
        ("3.1987", (1987, 3, None)),
        ("12.3.1987", (1987, 3, 12)),
        ("1987-03-12", (1987, 3, 12)),
        ("Virtanen 12/3/1987", (1987, 3, 12)),
        ("Virtanen", (None, None, None)),
        # an impossible part: day and month swapped, or what the rest of the date says
        ("1987-15-03", (1987, 3, 15)),
        ("1987-03-44", (1987, 3, None)),
        ("Virtanen 1857-14-01", (1857, 1, 14)),
        ("1857-14-33", (1857, None, None)),
        ("44.3.1987", (1987, 3, None)),
    ],
)
def test_parse_query__partial_birth_dates(text, expected):
    query = parse_query(text)
    assert (query.birth_year, query.birth_month, query.birth_day) == expected


@pytest.mark.parametrize(
    "text", ["040 123 4567", "+358 40 1234567", "0401234567", "00358-40-123-4567", "(040) 123-4567"]
)
def test_parse_query__phone_in_any_format_becomes_e164(text):
    assert parse_query(text).phone == "+358401234567"


def test_parse_query__identity_code_and_other_identifiers():
    query = parse_query("Virtanen 120387-123a AB1234567")
    assert query.identifiers == ["i:120387-123A", "i:AB1234567"]
    assert [t.latin for t in query.tokens] == ["virtanen"]
    assert identifier_key("ab-123 4567") == "i:AB1234567"
    assert parse_query("X1234567").identifiers == ["i:X1234567"]


def test_parse_query__a_date_with_an_impossible_part_is_not_an_identifier():
    query = parse_query("Edward John 1805-15-08")
    assert query.identifiers == []
    assert (query.birth_year, query.birth_month, query.birth_day) == (1805, 8, 15)
    assert [t.latin for t in query.tokens] == ["edward", "john"]


def test_parse_query__only_punctuation_or_control_characters_is_empty():
    assert parse_query("!!! ... ???").is_empty
    assert parse_query("\x00\x01\u202e").is_empty


def test_phone_e164__rejects_nonsense():
    assert phone_e164("12") == ""
    assert phone_e164("not a phone") == ""
