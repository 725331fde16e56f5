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
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii

from kotopolku.clients.matching.learned import spellings

MAX_TEXT = 300  # longer input is cut: a name never needs more
MAX_TOKENS = 8

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_SPLIT = re.compile(r"[^a-z]+")
_SPLIT_WORD = re.compile(r"[^a-zA-Z]+")
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


@dataclass(frozen=True, eq=False)
class NameToken:
    latin: str  # the token in plain lower-case Latin letters
    normal: str
    skeletons: tuple[str, ...]
    loose: str = ""  # the coarsest key: how a name sounds once written in Chinese characters
    # Likely Latin spellings of a word written in another script (``learned``), as tokens.
    variants: tuple[NameToken, ...] = ()
    written: str = ""  # the word as written, where that is not Latin
    script: str = ""  # its script's table name in ``learned`` ("cyr", "ar", "cjk")
    _identity: tuple[str, str, str] = field(init=False, repr=False)
    _hash: int = field(init=False, repr=False)
    # What scoring compares, worked out once per token rather than once per pair of tokens.
    spelled: tuple[str, ...] = field(init=False, repr=False)  # the normal form and its readings
    vowel_class: str = field(init=False, repr=False)  # the normal form with one vowel letter
    skeleton_set: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Everything else follows from these; hashing them is cheap (scores are cached by pair).
        identity = (self.latin, self.written, self.normal)
        object.__setattr__(self, "_identity", identity)
        object.__setattr__(self, "_hash", hash(identity))
        object.__setattr__(self, "spelled", _readings(self.normal))
        object.__setattr__(self, "vowel_class", _VOWEL_RUN.sub("a", self.normal))
        object.__setattr__(self, "skeleton_set", frozenset(self.skeletons))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NameToken) and self._identity == other._identity

    def __hash__(self) -> int:
        return self._hash


_VOWEL_RUN = re.compile(r"[aeiouy]+")


def _readings(normal: str) -> tuple[str, ...]:
    """The normal form, and how it reads in Somali spelling: x is /ħ/ (Maxamed = Muhammad),
    an initial c is ʿ (Cabdi = Abdi)."""
    if "x" in normal or normal.startswith("c"):
        return (normal, normal.replace("x", "h"), normal[1:] if normal.startswith("c") else normal)
    return (normal,)


def _arabic_latin(raw: str) -> str:
    """Arabic script letter by letter: a ح or ه after s, z, k, t, d … is written "H" so that it
    does not make a digraph (زهران is z-h-r-a-n, not zh-ran)."""
    out: list[str] = []
    for char in raw:
        piece = anyascii(char).lower().replace("'", "").replace("`", "")
        if piece == "h" and out and out[-1][-1:] in ("s", "z", "k", "g", "t", "d", "c", "p"):
            piece = "H"
        out.append(piece)
    return "".join(out)


def _words(text: str) -> list[tuple[str, str, str]]:
    """Split a name into words as (latin, script, written): script is "" (Latin or other),
    "ar" (Arabic script), "ar-al" (Arabic script that began with ال, the article or part of the
    name), "cyr" (Cyrillic) or "cjk"; ``written`` is the word as written in that script."""
    out: list[tuple[str, str, str]] = []
    for raw in re.split(r"[\s\-‐‑_/,.;:()]+", clean(text)):
        if not raw:
            continue
        written = raw.lower()
        script = ""
        if _ARABIC_SCRIPT.search(raw):
            script = "ar"
            if raw.startswith("ال") and len(raw) > 3:
                raw, script = raw[2:], "ar-al"
            # ة (taa marbuta) is a final -a/-ah in Latin spellings: فاطمة = Fatima; الله = allah.
            # A leading alef + waw/yaa is a vowel: أوكان = Okan, إيمان = Iman.
            raw = raw.replace("ة", "").replace("لله", "لل")
            raw = re.sub(r"^([أاإآ])[وي]", r"\1", raw)
            latin = _arabic_latin(raw)
        else:
            # Chinese, Japanese and Korean names give one token per written word, syllables
            # joined; ь and ъ become apostrophes: part of the word, not a break.
            script = "cjk" if _CJK.search(raw) else ("cyr" if _CYRILLIC.search(raw) else "")
            latin = anyascii(raw).lower().replace("'", "").replace("`", "")
        parts = [part for part in _SPLIT_WORD.split(latin) if part]
        for part in parts:
            out.append((part, script, written if script and len(parts) == 1 else ""))
    return out


def name_tokens(text: str) -> list[tuple[str, str]]:
    """The Latin tokens of a name as (token, script) (see ``_words``), with Arabic articles
    and "abd"-compounds resolved."""
    return [(token, script) for token, script, _ in _name_words(text)]


def _name_words(text: str) -> list[tuple[str, str, str]]:
    words = _words(text)
    tokens: list[tuple[str, str, str]] = []
    index = 0
    while index < len(words):
        word, script, written = words[index]
        arabic = script.startswith("ar")
        if word in _ABD_WORDS or (arabic and word == "bd"):
            # "Abdul Rahman", "Abd al-Rahman", عبد الرحمن → one token "abdrahman"
            nxt = index + 1
            while nxt < len(words) and words[nxt][0] in _ARTICLES:
                nxt += 1
            if nxt < len(words):
                tokens.append(("abd" + _strip_article(words[nxt][0]), "ar" if arabic else "", ""))
                index = nxt + 1
                continue
        if word in _ARTICLES and index + 1 < len(words):
            index += 1
            continue
        if arabic and word.startswith("bd") and len(word) > 4:
            word = "abd" + word[2:]
        word = _ABD_PREFIX.sub("abd", word)
        tokens.append((word, script, written))
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
    word = word.lower().translate(_VOWEL_CLASS)
    word = word.replace("j", "y") if word.startswith("j") and len(word) > 1 and word[1] in "aiu" else word
    return _REPEATS.sub(r"\1", word)


# --- skeleton -------------------------------------------------------------------------------

_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    ("chzh", "j"),
    ("chch", "ch"),
    ("cc", "c"),
    ("tsch", "s"),
    ("sch", "s"),
    ("tch", "s"),
    ("dzh", "j"),
    ("dsh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("dz", "z"),
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
        "H": "h",
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


# Letters with more than one common reading: (pattern, reading) pairs tried on top of the main
# skeleton, each giving another skeleton when it applies.
_ALTERNATIVES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ch"), "h"),  # German ch: Achmed = Ahmed
    (re.compile(r"ch"), "k"),  # Italian ch: Scarchilli = Скаркилли
    (re.compile(r"x"), "h"),  # Somali x is /ħ/: Maxamed = Mohamed (elsewhere x is ks)
    (re.compile(r"c(?![aeiouy])"), "s"),  # Slavic c, ć, č: Dragović = Драгович
    (re.compile(r"g(?=[eiy])"), "j"),  # soft g: Sargeson = Сарджесон
    (re.compile(r"(?<=[aeiouy])h"), ""),  # silent h: Lehmer = Лемер, Nahuel = Науэль
    (re.compile(r"^c(?=[aeiou])"), ""),  # Somali c is ʿ: Cabdi = Abdi, Cali = Ali
    (re.compile(r"(?<=[rl])h"), "g"),  # Ukrainian г is h: Serhii = Sergei, Olha = Olga
    (re.compile(r"j"), "y"),  # j as in Jusuf (y) rather than Jamal (dzh)
    (re.compile(r"j"), "h"),  # Spanish j: Juárez = خواريز
    (re.compile(r"j"), "g"),  # Arabic ج for g: جرينبرج = Grinberg; Egyptian Gamal = Jamal
    (re.compile(r"^u(?=[aeioy])"), "w"),  # Уилкинсон = Wilkinson
    (re.compile(r"(?<=[aeiouy])w"), "u"),  # English ow, aw: Howitt = Хауит, Dower = Дауэр
    (re.compile(r"t(?=i[aeiou])"), "s"),  # Latin ti: Venetia = Венеция
    (re.compile(r"(?<=[aeiouyr])[dtsxzr]$"), ""),  # silent final letters: Goddard, Rabier, Ducos; -ius = -ий
)
MAX_SKELETONS = 6
_SEPARATE_H = re.compile(r"(?<=[aeiouy])([tdszkg])h")
MAX_VARIANTS = 24


@lru_cache(maxsize=65536)
def skeletons(token: str, script: str = "") -> tuple[str, ...]:
    """Phonetic skeletons of a Latin token: the main one first, then those of other readings."""
    starts = [token]
    if script.startswith("ar"):
        # Long vowels are written w/y inside a word (يوسف → ywsf = Yusuf), but w is also the
        # consonant (رضوان → rdwn = Ridwan); a leading w is /w/.
        starts = [
            token[:1] + token[1:].replace("w", "u").replace("y", "i"),
            token[:1] + token[1:].replace("y", "i"),
        ]
        if script == "ar-al":  # ال was part of the name: الكسندر = Aleksander
            starts += ["l" + start for start in starts]
    elif _SEPARATE_H.search(token):  # Fathy is fat-hy: ف ت ح ي
        starts.append(_SEPARATE_H.sub(r"\1H", token))
    variants: list[str] = []
    for start in starts:
        word = start
        for old, new in _SKELETON_RULES:
            word = word.replace(old, new)
        if word not in variants:
            variants.append(word)
    for pattern, reading in _ALTERNATIVES:
        for current in list(variants):
            changed = pattern.sub(reading, current)
            if changed != current and changed not in variants and len(variants) < MAX_VARIANTS:
                variants.append(changed)
    result = []
    for variant in variants:
        skeleton = _skeleton_of(variant.replace("ch", "s").replace("x", "ks"))
        if skeleton and skeleton not in result:
            result.append(skeleton)
    return tuple(result[:MAX_SKELETONS])


_PINYIN = ((r"zh", "j"), (r"x", "s"), (r"q", "s"), (r"c", "s"))
_LOOSE = (
    (re.compile(r"ng(?![aeiouy])"), "n"),  # Chinese final -ng: Damon = 戴蒙 daimeng
    (re.compile(r"r"), "l"),  # one liquid: Ramón = 拉蒙 lameng
    (re.compile(r"l(?![aeiouy])"), ""),  # a liquid before a consonant or at the end drops: Milton = 米爾頓
    (re.compile(r"h"), ""),
)


@lru_cache(maxsize=65536)
def loose(token: str, script: str = "") -> str:
    """The coarsest key: liquids as one and dropped before consonants, -ng as -n, pinyin read
    as sounds. Names written in Chinese characters keep little more than this of the original."""
    word = token.lower()
    if script == "cjk":
        for old, new in _PINYIN:
            word = word.replace(old, new)
    for old, new in _SKELETON_RULES:
        word = word.replace(old, new)
    word = word.replace("ch", "s").replace("x", "ks")
    for pattern, reading in _LOOSE:
        word = pattern.sub(reading, word)
    return _skeleton_of(word)


def _vowelled(token: str, script: str) -> str:
    """Arabic-script w and y inside a word are mostly long vowels: كولونا → kwlwn → kulun."""
    if script.startswith("ar"):
        return token[:1] + token[1:].replace("w", "u").replace("y", "i")
    return token


def tokens_of(text: str) -> list[NameToken]:
    """Every name token of ``text`` with its normal form and skeletons."""
    return list(_tokens_cached(text))


@lru_cache(maxsize=131072)
def _tokens_cached(text: str) -> tuple[NameToken, ...]:
    return tuple(_token(token, script, written) for token, script, written in _name_words(text))


@lru_cache(maxsize=131072)
def _token(token: str, script: str, written: str) -> NameToken:
    table_script = _table_script(script) if written else ""
    return NameToken(
        latin=token.lower(),
        normal=normal(_vowelled(token, script)),
        skeletons=skeletons(token, script),
        loose=loose(token, script),
        variants=_learned_variants(written, table_script),
        written=written,
        script=table_script,
    )


LEARNED_SPELLINGS = 4  # compared when scoring
INDEXED_SPELLINGS = 8  # indexed as keys


def _table_script(script: str) -> str:
    return "ar" if script.startswith("ar") else script


@lru_cache(maxsize=65536)
def _learned_variants(written: str, table_script: str) -> tuple[NameToken, ...]:
    if not written:
        return ()
    return tuple(
        _spelled(spelling) for spelling, _share in spellings(written, table_script, LEARNED_SPELLINGS)
    )


def more_spellings(token: NameToken) -> tuple[NameToken, ...]:
    """The next likeliest Latin spellings of a written name after its ``variants``."""
    if not token.written:
        return ()
    found = spellings(token.written, token.script, INDEXED_SPELLINGS)
    return tuple(_spelled(spelling) for spelling, _share in found[LEARNED_SPELLINGS:])


@lru_cache(maxsize=65536)
def _spelled(spelling: str) -> NameToken:
    return NameToken(
        latin=spelling, normal=normal(spelling), skeletons=skeletons(spelling), loose=loose(spelling)
    )


def plain(text: str) -> str:
    """anyascii, lower case, letters and single spaces only: the baseline's normalisation."""
    return " ".join(_SPLIT.split(anyascii(clean(text)).lower())).strip()
