"""Learned transliteration: Latin spellings of a written name, and a Latin name read back."""

from __future__ import annotations

import heapq
import math
import re

import pytest

from kotopolku.clients.matching.candidates import BROAD_KEY_CAP, rarity
from kotopolku.clients.matching.keys import INDEXED_READ_BACKS, name_keys, sound_keys
from kotopolku.clients.matching.learned import (
    LONGEST_GROUP,
    MAX_CHARACTERS,
    READ_BACK_BEAM,
    SCRIPTS,
    _group_probability,
    _read_back_table,
    log_likelihood,
    read_back,
    sound_skeleton,
    sounds,
    spellings,
)
from kotopolku.clients.matching.ranking import name_similarity, precise_token_similarity
from kotopolku.clients.matching.transliterate import INDEXED_SPELLINGS, LEARNED_SPELLINGS, tokens_of


def token(text):
    (only,) = tokens_of(text)
    return only


def test_spellings__a_name_written_from_a_foreign_spelling():
    found = [text for text, _ in spellings("休斯", "cjk", INDEXED_SPELLINGS)]
    assert len(found) == INDEXED_SPELLINGS
    assert found[0] == "hughs"
    assert "hugh" in found


def test_name_keys__hold_more_learned_spellings_than_the_token_compares():
    written = token("穆罕默德")
    assert len(written.variants) == LEARNED_SPELLINGS
    assert "muhammed" not in {variant.latin for variant in written.variants}
    # The eighth likeliest spelling is looked up too: "Muhammed" finds the written name.
    assert "n:muhamid" in name_keys([written])
    assert "n:muhamid" in name_keys(tokens_of("Muhammed"))


@pytest.mark.parametrize(("simplified", "traditional"), [("厄尔", "厄爾"), ("兰兹伯格", "蘭茲伯格")])
def test_sounds__simplified_and_traditional_characters_are_one(simplified, traditional):
    assert sounds(simplified, "cjk") == sounds(traditional, "cjk")


def test_sounds__arabic_hamza_forms_and_vowel_marks_fold():
    assert sounds("أحمد", "ar") == sounds("احمد", "ar") == sounds("أَحْمَد", "ar")


@pytest.mark.parametrize(
    ("latin", "written", "script"),
    [("Mohammad", "穆罕默德", "cjk"), ("Muhammad", "محمد", "ar"), ("Shevchenko", "Шевченко", "cyr")],
)
def test_sound_keys__a_latin_name_read_back_meets_the_written_name(latin, written, script):
    looked_up = sound_keys(token(latin), indexed=False)
    indexed = sound_keys(token(written), indexed=True)
    assert looked_up & indexed
    assert all(key.startswith(f"w:{script}:") for key in indexed)


def test_sound_keys__a_latin_name_is_read_back_fewer_ways_when_indexed():
    indexed = {key for key in name_keys([token("Mohammad")], indexed=True) if key.startswith("w:")}
    looked_up = {key for key in name_keys([token("Mohammad")]) if key.startswith("w:")}
    # an indexed Latin name meets the name written in each script: 穆罕默德, محمد, Мухаммад
    assert {"w:cjk:m-h-m-d", "w:ar:محمد"} <= indexed
    assert any(key.startswith("w:cyr:") for key in indexed)
    assert indexed < looked_up
    assert len(indexed) <= INDEXED_READ_BACKS * len(SCRIPTS)


def test_log_likelihood__a_letter_group_never_seen_for_a_character_is_unlikely_not_impossible():
    # 厄 was never seen as "ea" in training: Earl is still a reading of 厄尔, far below the usual one
    earl = log_likelihood("厄尔", "cjk", "earl")
    usual = log_likelihood("厄尔", "cjk", spellings("厄尔", "cjk", 1)[0][0])
    assert earl is not None and usual is not None
    assert -math.inf < earl < usual
    assert log_likelihood("厄尔", "cjk", "zzzzzzzz") == -math.inf  # nothing near: impossible


def test_read_back__nothing_for_no_letters_or_an_unknown_script():
    assert read_back("", "cyr") == ()
    assert read_back("123", "ar") == ()
    assert read_back("anna", "greek") == ()


WRITTEN_AND_LATIN = [
    ("厄尔", "cjk", "earl"),
    ("休斯", "cjk", "hughes"),
    ("穆罕默德", "cjk", "muhammad"),
    ("мухаммед", "cyr", "mukhammed"),
    ("олександр", "cyr", "oleksandr"),
    ("шевченко", "cyr", "szewczenko"),
    ("محمد", "ar", "mohamed"),
    ("مروان", "ar", "merouane"),
    ("ليلى", "ar", "layla"),
]


def _log_likelihood_by_every_group(word, script, latin):
    """The forward sum written plainly: every letter group asked of the table in turn."""
    m = len(latin)
    forward = [1.0] + [0.0] * m
    for character in word.lower()[:MAX_CHARACTERS]:
        step = [0.0] * (m + 1)
        for j in range(m + 1):
            for k in range(min(LONGEST_GROUP, j) + 1):
                if forward[j - k] and (p := _group_probability(script, character, latin[j - k : j])):
                    step[j] += forward[j - k] * p
        forward = step
    return math.log(forward[m]) if forward[m] > 0 else -math.inf


@pytest.mark.parametrize(("word", "script", "latin"), WRITTEN_AND_LATIN)
def test_log_likelihood__equals_the_forward_sum_written_plainly(word, script, latin):
    for spelling in {latin, *(text for text, _ in spellings(word, script, 4)), latin[::-1]}:
        plainly = _log_likelihood_by_every_group(word, script, spelling)
        assert log_likelihood(word, script, spelling) == plainly, spelling


def _read_back_keeping_every_reading(latin, script, count):
    """The beam search written plainly: every reading kept, the best ones taken at each letter."""
    table = _read_back_table(script)
    letters = re.sub(r"[^a-z]", "", latin.lower())[: MAX_CHARACTERS * 2]
    reached = [[] for _ in range(len(letters) + 1)]
    reached[0] = [(0.0, ())]
    for start in range(len(letters)):
        for logp, units in heapq.nlargest(READ_BACK_BEAM, reached[start]):
            for length in range(1, min(LONGEST_GROUP, len(letters) - start) + 1):
                for unit, lp in table.get(letters[start : start + length], ()):
                    reached[start + length].append((logp + lp, (*units, unit)))
    best = {}
    for logp, units in sorted(reached[-1], reverse=True):
        best.setdefault("-".join(units), logp)
        if len(best) >= count:
            break
    return tuple(best)


@pytest.mark.parametrize("script", SCRIPTS)
def test_read_back__the_beam_kept_as_readings_arrive_reads_as_keeping_every_reading(script):
    for _word, _script, latin in WRITTEN_AND_LATIN:
        for count in (2, 3, 8):
            assert read_back(latin, script, count) == _read_back_keeping_every_reading(latin, script, count)


def test_sound_skeleton__keeps_consonants():
    assert sound_skeleton("mu-han-mo-de", "cjk") == "m-h-m-d"
    assert sound_skeleton("м-и-ц-к-е-в-и-ч", "cyr") == "мцквч"


def test_sound_skeleton__chinese_initials_that_render_one_foreign_sound_are_one_class():
    assert (
        sound_skeleton("zuo-di", "cjk")
        == sound_skeleton("qiao-ti", "cjk")
        == sound_skeleton("zhuo-di", "cjk")
    )
    assert sound_skeleton("bei-ci", "cjk") == sound_skeleton("pei-zi", "cjk")
    assert sound_skeleton("shi-lin", "cjk") != sound_skeleton("zi-lin", "cjk")


def test_rarity__a_key_shared_with_few_records_counts_more():
    assert rarity(1) > rarity(10) > rarity(BROAD_KEY_CAP - 1) > rarity(BROAD_KEY_CAP) == 1.0
    assert rarity(BROAD_KEY_CAP * 3) == 1.0


PRECISE_NAMES = [
    "Мухаммед Али",
    "Muhammad Ali",
    "Mohamed Aly",
    "Maxamed Cali",
    "محمد علي",
    "Merouane",
    "Marwan",
    "مروان",
    "Олександр Шевченко",
    "Aleksandr Shevchenko",
    "Oleksandr Sevtsenko",
    "休斯 陈",
    "Hughes Chen",
    "Layla Ali",
    "ليلى",
    "Leila",
]


@pytest.mark.parametrize("query", PRECISE_NAMES)
def test_precise_name_similarity__the_pruned_pass_equals_every_pair_compared(query):
    for other in PRECISE_NAMES:
        query_tokens, forms = tokens_of(query), [tokens_of(other), tokens_of("Abdi " + other)]
        candidate = [t for form in forms for t in form]
        every_pair = sum(max(precise_token_similarity(q, c) for c in candidate) for q in query_tokens)
        assert name_similarity(query_tokens, forms, precise=True) == pytest.approx(
            every_pair / len(query_tokens), abs=1e-12
        ), other
