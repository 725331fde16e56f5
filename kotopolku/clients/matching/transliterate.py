"""Names in any script → Latin tokens → normalised forms and phonetic skeletons.

``anyascii`` does the transliteration; the rules here make the common variant spellings of one
name meet:

* the *normal form* (``normal``) keeps vowels but folds them into three classes (a | e i y |
  o u), collapses double letters and unifies digraphs (kh/h, ph/f, w/v, ks/x, dzh/dj/j …);
* the *skeleton* (``skeletons``) drops the vowels and maps consonants to broad classes, so
  Мухаммед / Muhammad / Mohamed / Maxamed / محمد all give ``mhmt``. Letters with two common
  readings (Somali ``x`` = h or ks, ``j`` = dzh or y, ``ch`` = sh, tsh or German h) give more
  than one skeleton.

Arabic-script words lose the article (ال) and write long vowels as w/y, which are dropped
inside a word; Latin words lose "al-"/"el-" prefixes and "Abdul Rahman"/"Abd al-Rahman"/
"Abdelrahman" all become one token "abdrahman".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

MAX_TEXT = 300  # longer input is cut: a name never needs more
MAX_TOKENS = 8

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_SPLIT = re.compile(r"[^a-z]+")
_ARTICLES = frozenset(
    {
        "al",
        "el",
        "ul",
        "ad",
        "ar",
        "as",
        "ash",
        "az",
        "an",
        "at",
        "ed",
        "er",
        "es",
        "ibn",
        "bin",
        "ben",
        "bint",
    }
)
_ABD_PREFIX = re.compile(r"^abd(?:ou|u|e|a|o)(?:ll|l)(?=[b-df-hj-km-np-tv-z][a-z]{2,})")
# Arabic words for "servant of" written apart from the next word.
_ABD_WORDS = frozenset({"abd", "abdu", "abdul", "abdel", "abdal", "abdol", "abdoul", "abdoulaye"})


def clean(text: str) -> str:
    """Drop control and format characters (bidi overrides too) and cut overlong input."""
    text = text[: MAX_TEXT * 4]
    kept = [" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text]
    return " ".join("".join(kept).split())[:MAX_TEXT]


@dataclass(frozen=True)
class NameToken:
    latin: str  # the token in plain lower-case Latin letters
    normal: str
    skeletons: tuple[str, ...]


def _words(text: str) -> list[tuple[str, bool]]:
    """Split a name into words as (latin_lowercase, written_in_arabic_script)."""
    out: list[tuple[str, bool]] = []
    for raw in re.split(r"[\s\-‐‑_/,.;:()]+", clean(text)):
        if not raw:
            continue
        arabic = bool(_ARABIC_SCRIPT.search(raw))
        if arabic:
            if raw.startswith("ال") and len(raw) > 3:
                raw = raw[2:]
            # ة (taa marbuta) is a final -a/-ah in Latin spellings: فاطمة = Fatima; الله = allah
            raw = raw.replace("ة", "").replace("لله", "لل")
        # Chinese, Japanese and Korean names give one token per written word, syllables joined.
        latin = anyascii(raw).lower()
        for part in _SPLIT.split(latin):
            if part:
                out.append((part, arabic))
    return out


def name_tokens(text: str) -> list[tuple[str, bool]]:
    """The Latin tokens of a name as (token, written_in_arabic_script), with Arabic articles
    and "abd"-compounds resolved."""
    words = _words(text)
    tokens: list[tuple[str, bool]] = []
    index = 0
    while index < len(words):
        word, arabic = words[index]
        if word in _ABD_WORDS or (arabic and word == "bd"):
            # "Abdul Rahman", "Abd al-Rahman", عبد الرحمن → one token "abdrahman"
            nxt = index + 1
            while nxt < len(words) and words[nxt][0] in _ARTICLES:
                nxt += 1
            if nxt < len(words):
                tokens.append(("abd" + _strip_article(words[nxt][0]), arabic))
                index = nxt + 1
                continue
        if word in _ARTICLES and index + 1 < len(words):
            index += 1
            continue
        if arabic and word.startswith("bd") and len(word) > 4:
            word = "abd" + word[2:]
        word = _ABD_PREFIX.sub("abd", word)
        tokens.append((word, arabic))
        index += 1
    return list(dict.fromkeys(t for t in tokens if t[0]))[:MAX_TOKENS]


def _strip_article(word: str) -> str:
    for article in ("al", "el", "ul", "l"):
        if word.startswith(article) and len(word) - len(article) >= 3:
            return word[len(article) :]
    return word


# --- normal form ----------------------------------------------------------------------------

_NORMAL_RULES: tuple[tuple[str, str], ...] = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("ks", "x"),
    ("cs", "x"),
    ("q", "k"),
    ("w", "v"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ie", "i"),
    ("ei", "i"),
    ("ij", "i"),
    ("iy", "i"),
    ("yi", "i"),
    ("ii", "i"),
)
_VOWEL_CLASS = str.maketrans({"e": "i", "y": "i", "o": "u"})
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def normal(token: str) -> str:
    """Normalised spelling: Mohammed, Muhamed, Mukhammed → muhamid; Oleksandr/Aleksandr → ulixandr…"""
    word = token
    for old, new in _NORMAL_RULES:
        word = word.replace(old, new)
    word = word.translate(_VOWEL_CLASS)
    word = word.replace("j", "y") if word.startswith("j") and len(word) > 1 and word[1] in "aiu" else word
    return _REPEATS.sub(r"\1", word)


# --- skeleton -------------------------------------------------------------------------------

_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("tsch", "s"),
    ("sch", "s"),
    ("tch", "s"),
    ("dzh", "j"),
    ("dsh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "k"),
    ("ph", "v"),
    ("th", "t"),
    ("dh", "t"),
    ("sh", "s"),
    ("ts", "s"),
    ("tz", "s"),
    ("cz", "s"),
    ("ck", "k"),
    ("ce", "se"),
    ("ci", "si"),
    ("cy", "sy"),
)
_CONSONANT_CLASS = str.maketrans(
    {
        "b": "b",
        "p": "b",
        "f": "v",
        "v": "v",
        "w": "v",
        "c": "k",
        "k": "k",
        "q": "k",
        "g": "k",
        "s": "s",
        "z": "s",
        "d": "t",
        "t": "t",
        "j": "j",
        "h": "h",
        "l": "l",
        "r": "r",
        "m": "m",
        "n": "n",
        "a": "",
        "e": "",
        "i": "",
        "o": "",
        "u": "",
        "y": "",
    }
)


def _skeleton_of(word: str) -> str:
    if len(word) > 3 and word.endswith("h") and word[-2] in "aeiouy":  # Sarah = Sara, Abdallah
        word = word[:-1]
    word = word.translate(_CONSONANT_CLASS)
    return _REPEATS.sub(r"\1", word)


@lru_cache(maxsize=65536)
def skeletons(token: str, arabic: bool = False) -> tuple[str, ...]:
    """Phonetic skeletons of a Latin token (usually one, two or three for ambiguous letters)."""
    word = token
    if arabic:
        # Long vowels are written w/y inside a word: يوسف → ywsf = Yusuf; a leading w is /w/.
        word = word[:1] + word[1:].replace("w", "u").replace("y", "i")
    for old, new in _SKELETON_RULES:
        word = word.replace(old, new)
    variants = {word}
    if "ch" in word:  # English/Russian ch (tsh), French ch (sh) and German ch (h)
        variants = {v.replace("ch", "s") for v in variants} | {v.replace("ch", "h") for v in variants}
    if "x" in word:  # Somali x is /ħ/ (Maxamed); elsewhere x is ks (Alexander)
        variants = {v.replace("x", "ks") for v in variants} | {v.replace("x", "h") for v in variants}
    if word.startswith("c") and len(word) > 3 and word[1] in "aeiou":  # Somali c = ʿ: Cabdi, Cali
        variants = variants | {word[1:]}
    if "rh" in word or "lh" in word:  # Ukrainian г is h: Serhii = Sergei, Olha = Olga
        variants = variants | {v.replace("rh", "rg").replace("lh", "lg") for v in variants}
    if "j" in word:  # j as in Jamal (dzh) or as in Jusuf (y)
        variants = variants | {v.replace("j", "y") for v in variants}
    result = [s for s in (_skeleton_of(v) for v in sorted(variants)) if s]
    return tuple(dict.fromkeys(result))[:4]


def tokens_of(text: str) -> list[NameToken]:
    """Every name token of ``text`` with its normal form and skeletons."""
    return [
        NameToken(latin=t, normal=normal(t), skeletons=skeletons(t, arabic))
        for t, arabic in name_tokens(text)
    ]


def plain(text: str) -> str:
    """anyascii, lower case, letters and single spaces only: the baseline's normalisation."""
    return " ".join(_SPLIT.split(anyascii(clean(text)).lower())).strip()
