"""Latin spellings of a name written in Cyrillic, Arabic or Chinese script, from learned tables.

Rules alone do not know that 休斯 is "Hughes" or that باريه is "Pare": such names were written
in the script from a foreign spelling, one sound at a time. Each table gives, per written
character, how likely it is to stand for each Latin letter group (at most four letters, or
none). The tables were learned by expectation maximisation over Wikidata's pairs of native
and Latin spellings (``tools/train_transliteration.py``; source and licence in
``data/SOURCE.md``); the names the quality benchmark asks for were left out of the training.

``spellings`` returns the likeliest Latin spellings of a written word, best first, with the
share of the probability each has among them.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import re
from collections import defaultdict
from functools import cache, lru_cache
from pathlib import Path

from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

DATA = Path(__file__).resolve().parent / "data"
TABLES = {"cyr": "translit_russian.json", "ar": "translit_arabic.json", "cjk": "translit_chinese.json"}
CHARACTER_SHARES = {
    "cyr": "translit_russian_characters.json",
    "ar": "translit_arabic_characters.json",
    "cjk": "translit_chinese_characters.json",
}
SEGMENTS_PER_CHARACTER = 6
LONGEST_GROUP = 4  # letters one character may stand for (as in the training)
UNKNOWN_CHARACTER = 0.5
BEAM = 24
MAX_CHARACTERS = 16


@cache
def _table(script: str) -> dict[str, dict[str, float]]:
    """Per character: Latin letter groups and their probabilities."""
    name = TABLES.get(script)
    if name is None or not (DATA / name).exists():
        return {}
    table: dict[str, dict[str, float]] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return table


@cache
def _likeliest(script: str, character: str) -> tuple[tuple[str, float], ...]:
    """The character's likeliest letter groups with their log-probabilities. A character the
    table does not know is read as anyascii reads it (a rare Chinese character, say)."""
    groups = _table(script).get(character)
    if groups is None:
        return ((re.sub(r"[^a-z]", "", anyascii(character).lower()), math.log(UNKNOWN_CHARACTER)),)
    ranked = sorted(groups.items(), key=lambda g: -g[1])[:SEGMENTS_PER_CHARACTER]
    return tuple((group, math.log(p)) for group, p in ranked)


@cache
def _unknown_groups(script: str, character: str) -> dict[str, float]:
    return {group: math.exp(lp) for group, lp in _likeliest(script, character)}


@lru_cache(maxsize=65536)
def spellings(word: str, script: str, count: int = 4) -> tuple[tuple[str, float], ...]:
    """The ``count`` likeliest Latin spellings of ``word`` (written in ``script``) with their
    share of probability among them; () when the script has no table."""
    characters = word.lower()[:MAX_CHARACTERS]
    if not _table(script) or not characters:
        return ()
    beam: list[tuple[float, str]] = [(0.0, "")]
    for character in characters:
        grown = [
            (logp + lp, text + group) for logp, text in beam for group, lp in _likeliest(script, character)
        ]
        beam = heapq.nlargest(BEAM, grown)
    merged: dict[str, float] = {}
    for logp, text in beam:
        if text:
            merged[text] = merged.get(text, 0.0) + math.exp(logp)
    best = heapq.nlargest(count, merged.items(), key=lambda item: item[1])
    total = sum(p for _, p in best) or 1.0
    return tuple((text, p / total) for text, p in best)


def in_benchmark_half(written: str) -> bool:
    """The split of the source pairs: names in this half are the quality benchmark's and were
    never trained on (``bench/names_quality.py``, ``tools/train_transliteration.py``)."""
    return hashlib.sha256(written.replace(" ", "").lower().encode("utf-8")).digest()[0] % 2 == 0


# A letter group the training never saw for a character (厄 written "ea" in Earl) is unlikely,
# not impossible: one letter changed, added or left out of a seen group, at this share of its
# probability. Measured on the names benchmark: 0.002–0.02 do equally well, 0.1 worse.
EDIT_PENALTY = 0.01


GROUPS_REMEMBERED = 4096  # per written character, in a long-running process


class _GroupProbabilities(dict[str, float]):
    """P(group | character) for one character, filled as groups are asked for: a dict lookup in
    the hot loop of ``log_likelihood`` instead of a cached call per letter group."""

    def __init__(self, script: str, character: str) -> None:
        super().__init__()
        self.script = script
        self.character = character

    def __missing__(self, group: str) -> float:
        if len(self) >= GROUPS_REMEMBERED:
            self.clear()  # keep the groups of the names seen lately
        probability = self[group] = _group_probability(self.script, self.character, group)
        return probability


@cache
def _character_groups(script: str, character: str) -> _GroupProbabilities:
    return _GroupProbabilities(script, character)


def _group_probability(script: str, character: str, group: str) -> float:
    """P(group | character): from the table, or a seen group one edit away at ``EDIT_PENALTY``."""
    groups = _table(script).get(character) or _unknown_groups(script, character)
    seen = groups.get(group)
    if seen:
        return seen
    near = process.extract(
        group, _group_names(script, character), scorer=Levenshtein.distance, score_cutoff=1, limit=None
    )
    return max(groups[known] for known, _, _ in near) * EDIT_PENALTY if near else 0.0


@cache
def _group_names(script: str, character: str) -> tuple[str, ...]:
    return tuple(_table(script).get(character) or _unknown_groups(script, character))


@lru_cache(maxsize=262144)
def log_likelihood(word: str, script: str, latin: str) -> float | None:
    """log P(latin | word) summed over every way of cutting ``latin`` into the characters'
    letter groups; None when the script has no table."""
    table = _table(script)
    characters = word.lower()[:MAX_CHARACTERS]
    if not table or not characters or not latin:
        return None
    m = len(latin)
    # The letter groups that may end at each position j, longest-reaching last: (j - k, group).
    ending = [[(j - k, latin[j - k : j]) for k in range(min(LONGEST_GROUP, j) + 1)] for j in range(m + 1)]
    forward = [1.0] + [0.0] * m
    for character in characters:
        probability = _character_groups(script, character)
        step = [0.0] * (m + 1)
        for j, groups in enumerate(ending):
            total = 0.0
            for start, group in groups:
                before = forward[start]
                if before:
                    p = probability[group]
                    if p:
                        total += before * p
            step[j] = total
        forward = step
    return math.log(forward[m]) if forward[m] > 0 else -math.inf


# --- reading a Latin spelling back into a script ---------------------------------------------

READ_BACK_UNITS = 6  # written sounds kept per Latin letter group
READ_BACK_BEAM = 12
SCRIPTS = tuple(TABLES)
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
_CYRILLIC_FOLD = str.maketrans({"ё": "е", "й": "и", "ъ": "", "ь": ""})


@cache
def _shares(script: str) -> dict[str, float]:
    name = CHARACTER_SHARES.get(script)
    if name is None or not (DATA / name).exists():
        return {}
    shares: dict[str, float] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return shares


@cache
def sound_unit(character: str, script: str) -> str:
    """What a written character is compared as: a Chinese character as its pinyin syllable (so
    that 尔 and 爾, or two characters read alike, are one), a letter folded to its plain form;
    "" for a letter that is mostly silent in a Latin spelling."""
    if script == "cjk":
        return re.sub(r"[^a-z]", "", anyascii(character).lower())
    if script == "ar":
        character = _ARABIC_MARKS.sub("", character.translate(_ARABIC_FOLD))
    elif script == "cyr":
        character = character.lower().translate(_CYRILLIC_FOLD)
    groups = _table(script).get(character, {})
    if groups and max(groups, key=lambda g: groups[g]) == "":
        return ""
    return character


def sounds(written: str, script: str) -> str:
    """A written name as its sounds (``sound_unit`` of each character), the form that
    ``read_back`` gives for a Latin spelling."""
    units = (sound_unit(character, script) for character in written.lower()[:MAX_CHARACTERS])
    return "-".join(unit for unit in units if unit)


@cache
def _read_back_table(script: str) -> dict[str, tuple[tuple[str, float], ...]]:
    """Per Latin letter group: the written sounds likeliest to stand for it, with
    log P(sound, group), from the table and how common each character is."""
    shares = _shares(script)
    joint: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for character, groups in _table(script).items():
        unit = sound_unit(character, script)
        share = shares.get(character, 0.0)
        if not unit or not share:
            continue
        for group, p in groups.items():
            if group:
                joint[group][unit] += share * p
    return {
        group: tuple(
            (unit, math.log(p))
            for unit, p in heapq.nlargest(READ_BACK_UNITS, units.items(), key=lambda u: u[1])
        )
        for group, units in joint.items()
    }


@lru_cache(maxsize=65536)
def read_back(latin: str, script: str, count: int = 2) -> tuple[str, ...]:
    """The ``count`` likeliest ways ``latin`` was written in ``script``, as ``sounds``: how a
    Latin spelling of a name looks back in the script it may have come from."""
    table = _read_back_table(script)
    letters = re.sub(r"[^a-z]", "", latin.lower())[: MAX_CHARACTERS * 2]
    if not table or not letters:
        return ()
    # Partial readings as "-"-joined strings: "-" sorts before every letter, so they order as
    # the sequences of sounds would (ties in probability are broken the same way). Each position
    # keeps its best READ_BACK_BEAM readings as they arrive (a min-heap); the last keeps all.
    last = len(letters)
    reached: list[list[tuple[float, str]]] = [[] for _ in range(last + 1)]
    reached[0] = [(0.0, "")]
    for start in range(last):
        steps = [
            (start + length, units)
            for length in range(1, min(LONGEST_GROUP, last - start) + 1)
            if (units := table.get(letters[start : start + length]))
        ]
        for logp, sounded in reached[start]:
            prefix = sounded + "-" if sounded else ""
            for end, units in steps:
                kept = reached[end]
                if end == last:
                    kept.extend((logp + lp, prefix + unit) for unit, lp in units)
                    continue
                for unit, lp in units:  # likeliest first
                    if len(kept) < READ_BACK_BEAM:
                        heapq.heappush(kept, (logp + lp, prefix + unit))
                    elif logp + lp < kept[0][0]:
                        break  # neither this nor a less likely unit is kept
                    elif kept[0] < (reading := (logp + lp, prefix + unit)):
                        heapq.heapreplace(kept, reading)
    best: dict[str, float] = {}
    for logp, sounded in sorted(reached[-1], reverse=True):
        best.setdefault(sounded, logp)
        if len(best) >= count:
            break
    return tuple(best)


_VOWEL_LETTERS = {"cyr": set("аеиоуыэюя"), "ar": set("اوي")}
# Chinese writes a foreign name with syllables whose initials do not keep its sounds apart:
# voiced and voiceless stops (Bates 貝茨, Porsche 保時捷) and the affricates and sibilants (Jordi
# 佐迪, Giordano 佐丹奴, Shoji 庄司) fall together, so the sound keys compare them as one class.
_INITIAL_CLASS = {
    "p": "b",
    "t": "d",
    "k": "g",
    "zh": "z",
    "j": "z",
    "c": "z",
    "ch": "z",
    "q": "z",
    "sh": "s",
    "x": "s",
}
_INITIAL = re.compile(r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcs])")


def sound_skeleton(sounded: str, script: str) -> str:
    """The consonants of a ``sounds`` form: the initial of each Chinese syllable (by its class),
    the letters other than vowel letters of Cyrillic and Arabic."""
    units = sounded.split("-")
    if script == "cjk":
        initials = (m.group(1) if (m := _INITIAL.match(unit)) else "" for unit in units)
        return "-".join(_INITIAL_CLASS.get(i, i) for i in initials)
    vowels = _VOWEL_LETTERS.get(script, set())
    return "".join(unit for unit in units if unit not in vowels)
