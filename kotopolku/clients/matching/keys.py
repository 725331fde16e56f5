"""Search keys: what a client is stored under, and what a query looks up.

Every key is a short string with a prefix naming what it is; lookup is an indexed equality
match on ``(service_point, key)``:

========  =====================================  ==========================================
prefix    kind                                   example
========  =====================================  ==========================================
``n:``    TOKEN: normal form of a name token     ``n:muhamid``
``p:``    PHONETIC: skeleton of a name token     ``p:mhmt``
``q:``    PHONETIC: loose key of a name token     ``q:mtn`` (Milton = 米爾頓)
``d:``    PHONETIC: a skeleton less one letter   ``d:tkvr`` (Duckworth = 達克沃斯 "dakwors")
``w:``    PHONETIC: sounds in a script           ``w:cjk:m-h-m-d`` (穆罕默德; Mohammad read back)
``pp:``   PHONETIC: two skeletons of one name    ``pp:hsn|mhmt`` (order independent)
``py:``   PHONETIC: skeleton and birth year      ``py:mhmt|1987``
``b:``    BIRTH: year, year-month, full date     ``b:1987``, ``b:1987-03``, ``b:1987-03-12``
``t:``    PHONE: E.164                           ``t:+358401234567``
``i:``    IDENTIFIER: identity code or other id  ``i:120387-123A``
========  =====================================  ==========================================
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations, product
from typing import TYPE_CHECKING, Any

import phonenumbers

from kotopolku.clients.enums import NameKeyKind
from kotopolku.clients.matching.learned import SCRIPTS, read_back, sound_skeleton, sounds
from kotopolku.clients.matching.transliterate import MAX_TOKENS, NameToken, clean, more_spellings, tokens_of

if TYPE_CHECKING:
    from kotopolku.clients.models import Client

KEY_MAX = 64
MAX_PAIR_KEYS = 24
DEFAULT_REGION = "FI"


def _cut(key: str) -> str:
    return key[:KEY_MAX]


def birth_keys(year: int | None, month: int | None = None, day: int | None = None) -> list[str]:
    if not year:
        return []
    keys = [f"b:{year:04d}"]
    if month:
        keys.append(f"b:{year:04d}-{month:02d}")
        if day:
            keys.append(f"b:{year:04d}-{month:02d}-{day:02d}")
    return keys


def phone_e164(text: str) -> str:
    """Any formatting of a phone number → E.164, or "" when it is not a possible number."""
    raw = re.sub(r"[^\d+]", "", text or "")
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    if len(re.sub(r"\D", "", raw)) < 6 or len(raw) > 20:
        return ""
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def identifier_key(value: str) -> str:
    """Identity codes and document numbers compare upper-case, without spaces or dashes…
    except the century sign of a Finnish identity code, which is kept."""
    text = (value or "").strip().upper()
    if _HETU.fullmatch(text):
        return _cut("i:" + text)
    compact = re.sub(r"[^0-9A-Z]", "", text)
    return _cut("i:" + compact) if len(compact) >= 4 else ""


def name_keys(tokens: list[NameToken], *, indexed: bool = False) -> set[str]:
    """A name's keys: its own, those of the likeliest Latin spellings of a name written in
    another script, and (``sound_keys``) its sounds in the scripts it may have come from."""
    keys: set[str] = set()
    for token in tokens:
        keys.add(_cut("n:" + token.normal))
        keys.update(_cut("p:" + s) for s in token.skeletons)
        if len(token.loose) >= 2:
            keys.add(_cut("q:" + token.loose))
        for variant in (*token.variants, *more_spellings(token)):  # learned spellings: main keys only
            keys.add(_cut("n:" + variant.normal))
            keys.update(_cut("p:" + s) for s in variant.skeletons[:1])
            if len(variant.loose) >= 2:
                keys.add(_cut("q:" + variant.loose))
        keys |= near_keys(token)
        keys |= sound_keys(token, indexed=indexed)
    return keys


def sound_keys(token: NameToken, *, indexed: bool) -> set[str]:
    """A name written in another script as its sounds' consonants (``w:``). A Latin name is
    read back into each script as it may have been written there: the likeliest few ways when
    it is looked for, fewer when it is indexed (each is a key of every client)."""
    if token.written:
        found = [(token.script, sounds(token.written, token.script))]
    else:
        count = INDEXED_READ_BACKS if indexed else READ_BACKS
        found = [(script, sounded) for script in SCRIPTS for sounded in read_back(token.latin, script, count)]
    keys = set()
    for script, sounded in found:
        skeleton = sound_skeleton(sounded, script)
        if len(skeleton.replace("-", "")) >= 2:
            keys.add(_cut(f"w:{script}:{skeleton}"))
    return keys


NEAR_MIN = 3
READ_BACKS = 3
# Read-backs of a Latin name kept as keys per script when it is indexed: the two likeliest let a
# name written in the script find it (+16 of 9 020 benchmark queries; 8.3 keys a client more, 41.5 → 49.8).
INDEXED_READ_BACKS = 2


def near_keys(token: NameToken) -> set[str]:
    """The main skeleton of the token (and of its likeliest learned spelling), whole and with
    each letter left out in turn: two spellings one sound apart share one of these (SymSpell's
    idea)."""
    keys: set[str] = set()
    for form in (token, *token.variants[:1]):
        skeleton = form.skeletons[0] if form.skeletons else ""
        if len(skeleton) >= NEAR_MIN:
            keys.add(_cut("d:" + skeleton))
            keys.update(_cut("d:" + skeleton[:i] + skeleton[i + 1 :]) for i in range(len(skeleton)))
    return keys


def _all_skeletons(token: NameToken) -> tuple[str, ...]:
    extra = [v.skeletons[0] for v in token.variants if v.skeletons and v.skeletons[0] not in token.skeletons]
    return token.skeletons + tuple(dict.fromkeys(extra))


def pair_keys(tokens: list[NameToken]) -> set[str]:
    keys: set[str] = set()
    for first, second in combinations(tokens[:MAX_TOKENS], 2):
        for a, b in product(_all_skeletons(first), _all_skeletons(second)):
            if a != b:
                keys.add(_cut("pp:" + "|".join(sorted((a, b)))))
            if len(keys) >= MAX_PAIR_KEYS:
                return keys
    return keys


def name_year_keys(tokens: list[NameToken], year: int | None) -> set[str]:
    if not year:
        return set()
    return {_cut(f"py:{s}|{year:04d}") for token in tokens for s in _all_skeletons(token)}


_KIND_OF_PREFIX = {
    "n": NameKeyKind.TOKEN,
    "p": NameKeyKind.PHONETIC,
    "q": NameKeyKind.PHONETIC,
    "d": NameKeyKind.PHONETIC,
    "w": NameKeyKind.PHONETIC,
    "pp": NameKeyKind.PHONETIC,
    "py": NameKeyKind.PHONETIC,
    "b": NameKeyKind.BIRTH,
    "t": NameKeyKind.PHONE,
    "i": NameKeyKind.IDENTIFIER,
}


def kind_of(key: str) -> str:
    return str(_KIND_OF_PREFIX[key.split(":", 1)[0]])


def client_name_forms(client: Any) -> list[list[NameToken]]:
    """The client's name as written and in Latin letters, and the other names it holds from
    merged records, each as a list of tokens."""
    forms = _name_forms(
        client.given_names, client.family_name, client.given_names_latin, client.family_name_latin
    )
    others = [tokens for tokens in (tokens_of(name) for name in client.other_names or ()) if tokens]
    return [*forms, *others] if others else forms


@lru_cache(maxsize=65536)
def _name_forms(given: str, family: str, given_latin: str, family_latin: str) -> list[list[NameToken]]:
    forms = []
    for first, last in ((given, family), (given_latin, family_latin)):
        tokens = tokens_of(f"{first} {last}")
        if tokens:
            forms.append(tokens)
    return forms


def client_keys(client: Client, identifiers: Iterable[str] = ()) -> set[str]:
    keys: set[str] = set()
    for tokens in client_name_forms(client):
        keys |= (
            name_keys(tokens, indexed=True) | pair_keys(tokens) | name_year_keys(tokens, client.birth_year)
        )
    keys.update(birth_keys(client.birth_year, client.birth_month, client.birth_day))
    phone = phone_e164(client.phone)
    if phone:
        keys.add("t:" + phone)
    for value in (client.personal_identity_code, *identifiers):
        key = identifier_key(value)
        if key:
            keys.add(key)
    return keys


# --- queries --------------------------------------------------------------------------------

_HETU = re.compile(r"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]")
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?!\d)")
_DATE_FI = re.compile(r"(?<![\d.])(?:(\d{1,2})[./])?(\d{1,2})[./](\d{4})(?![\d.])")
_YEAR = re.compile(r"(?<![\d+])(19\d{2}|20\d{2})(?!\d)")
_PHONE = re.compile(r"(?<![\w])(?:\+|00|0)[\d\s\-()]{5,22}\d")
_ID = re.compile(r"(?<!\w)(?=[A-Za-z0-9\-]*\d)[A-Za-z0-9][A-Za-z0-9\-]{3,30}(?!\w)")


@dataclass
class ParsedQuery:
    """A search box text split into what it can mean."""

    tokens: list[NameToken] = field(default_factory=list)
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    phone: str = ""
    identifiers: list[str] = field(default_factory=list)  # keys, "i:…"

    @property
    def is_empty(self) -> bool:
        return not (self.tokens or self.birth_year or self.phone or self.identifiers)


def _valid_date(year: int, month: int | None, day: int | None) -> bool:
    if not (1000 if day else 1900) <= year <= 2100:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= 31


def _date_reading(year: int, month: int, day: int | None) -> tuple[int, int | None, int | None] | None:
    """What a date-shaped text can mean: as typed, with day and month swapped (13.-31. typed
    where the month goes), or its year and month, or its year alone when a part is impossible."""
    if _valid_date(year, month, day):
        return year, month, day
    if day is not None and month > 12 and _valid_date(year, day, month):
        return year, day, month
    if not 1000 <= year <= 2100:
        return None
    return (year, month, None) if 1 <= month <= 12 else (year, None, None)


def parse_query(text: str) -> ParsedQuery:
    query = ParsedQuery()
    rest = clean(text)
    for match in _HETU.finditer(rest.upper()):
        query.identifiers.append("i:" + match.group(0))
    rest = _HETU.sub(" ", rest.upper()) if query.identifiers else rest
    for pattern, order in ((_DATE_ISO, "ymd"), (_DATE_FI, "dmy")):
        date_match = pattern.search(rest)
        if date_match and query.birth_year is None:
            if order == "ymd":
                year, month, day = int(date_match.group(1)), int(date_match.group(2)), date_match.group(3)
                day_value = int(day) if day else None
            else:
                day_text, month_text, year_text = date_match.groups()
                year, month = int(year_text), int(month_text)
                day_value = int(day_text) if day_text else None
            # A date typed with an impossible part is still a date (not an identifier).
            reading = _date_reading(year, month, day_value)
            if reading is not None:
                query.birth_year, query.birth_month, query.birth_day = reading
                rest = rest[: date_match.start()] + " " + rest[date_match.end() :]
    if query.birth_year is None:
        year_match = _YEAR.search(rest)
        if year_match:
            query.birth_year = int(year_match.group(1))
            rest = rest[: year_match.start()] + " " + rest[year_match.end() :]
    phone_match = _PHONE.search(rest)
    if phone_match:
        phone = phone_e164(phone_match.group(0))
        if phone:
            query.phone = phone
            rest = rest[: phone_match.start()] + " " + rest[phone_match.end() :]
    for match in _ID.finditer(rest):
        key = identifier_key(match.group(0))
        if key:
            query.identifiers.append(key)
    rest = _ID.sub(" ", rest)
    query.tokens = tokens_of(re.sub(r"\d+", " ", rest))
    query.identifiers = list(dict.fromkeys(query.identifiers))[:4]
    return query
