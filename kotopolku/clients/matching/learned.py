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
from functools import cache, lru_cache
from pathlib import Path

from anyascii import anyascii

DATA = Path(__file__).resolve().parent / "data"
TABLES = {"cyr": "translit_russian.json", "ar": "translit_arabic.json", "cjk": "translit_chinese.json"}
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


@lru_cache(maxsize=262144)
def log_likelihood(word: str, script: str, latin: str) -> float | None:
    """log P(latin | word) summed over every way of cutting ``latin`` into the characters'
    letter groups; None when the script has no table."""
    table = _table(script)
    characters = word.lower()[:MAX_CHARACTERS]
    if not table or not characters or not latin:
        return None
    m = len(latin)
    forward = [1.0] + [0.0] * m
    for character in characters:
        groups = table.get(character) or _unknown_groups(script, character)
        step = [0.0] * (m + 1)
        for j in range(m + 1):
            total = 0.0
            for k in range(min(LONGEST_GROUP, j) + 1):
                before = forward[j - k]
                if before:
                    p = groups.get(latin[j - k : j])
                    if p:
                        total += before * p
            step[j] = total
        forward = step
    return math.log(forward[m]) if forward[m] > 0 else -math.inf
