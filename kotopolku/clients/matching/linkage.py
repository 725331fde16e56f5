"""Whether two client records are one person: a Fellegi–Sunter model.

Each field both records hold is compared at a few levels (names alike in any script, birth dates
the same, one typo apart, the same year…). Every level has two probabilities: ``m``, how often
two records of one person compare so, and ``u``, how often two records of different people do.
A pair's evidence is the sum of ``log2(m/u)`` over the fields, and with the prior share of pairs
that match it gives a probability. A field one record lacks says nothing.

The probabilities are learned from the registry itself without anyone labelling pairs
(``training``): ``u`` from random pairs of records, ``m`` by expectation maximisation over the
pairs that share a blocking key. A deployment keeps its own; ``DEFAULT_PARAMETERS`` ship with
the product. Exact name agreement is adjusted by how common the name is (term frequency), so
that two records of a rare name count more than two John Smiths.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kotopolku.clients.matching.keys import client_name_forms, identifier_key, phone_e164
from kotopolku.clients.matching.ranking import birth_agreement, duplicate_name_similarity
from kotopolku.clients.matching.transliterate import NameToken

Birth = tuple[int | None, int | None, int | None]
NameKey = tuple[tuple[NameToken, ...], ...]
NULL = -1  # a field one of the records does not hold

# Levels per comparison, best agreement first; the last is "different".
LEVELS: dict[str, tuple[str, ...]] = {
    "name": ("same", "close", "similar", "weak", "different"),
    "birth": ("same", "typo", "year_month", "year", "different"),
    "gender": ("same", "different"),
    "citizenship": ("same", "different"),
    "phone": ("same", "different"),
    "email": ("same", "different"),
    "identifier": ("same", "different"),
    "municipality": ("same", "different"),
}
NAME_CUTS = (0.97, 0.88, 0.78, 0.65)
# The tf adjustment may move a name's weight by at most this many bits either way.
TF_BOUND = 6.0
UNKNOWN_GENDERS = frozenset({"", "not_told"})


@dataclass(frozen=True)
class Parameters:
    """m and u per comparison level, and the prior probability that two records match."""

    m: dict[str, list[float]]
    u: dict[str, list[float]]
    prior: float
    source: str = "default"
    # log2(m/u) per comparison and level, worked out once (scoring reads it for every pair).
    weights: dict[str, list[float]] = field(init=False, repr=False, compare=False)
    prior_weight: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        weights = {
            name: [math.log2(m / u) for m, u in zip(self.m[name], self.u[name], strict=True)]
            for name in LEVELS
        }
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "prior_weight", math.log2(self.prior / (1 - self.prior)))

    def weight(self, comparison: str, level: int) -> float:
        return self.weights[comparison][level]

    def as_json(self) -> dict[str, Any]:
        return {
            "m": {name: list(values) for name, values in self.m.items()},
            "u": {name: list(values) for name, values in self.u.items()},
            "prior": self.prior,
            "source": self.source,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Parameters:
        m = {name: [float(x) for x in data["m"][name]] for name in LEVELS}
        u = {name: [float(x) for x in data["u"][name]] for name in LEVELS}
        for name, levels in LEVELS.items():
            if len(m[name]) != len(levels) or len(u[name]) != len(levels):
                raise ValueError(f"{name}: expected {len(levels)} levels")
        return cls(m=m, u=u, prior=float(data["prior"]), source=str(data.get("source", "")))


@dataclass(slots=True)
class Profile:
    """What the model compares of one record (built once per record, compared many times)."""

    pk: int
    forms: list[list[NameToken]]
    birth: Birth
    gender: str = ""
    citizenships: frozenset[str] = frozenset()
    phone: str = ""
    email: str = ""
    identity_code: str = ""
    identifiers: frozenset[str] = frozenset()
    municipality: Any = None
    tokens: frozenset[str] = field(default_factory=frozenset)  # normal forms, for the tf adjustment
    name_key: NameKey = ()  # the forms as a hashable value

    @classmethod
    def of(
        cls,
        *,
        pk: int,
        forms: list[list[NameToken]],
        birth: Birth,
        gender: str = "",
        citizenships: Iterable[str] = (),
        phone: str = "",
        email: str = "",
        identity_code: str = "",
        identifiers: Iterable[str] = (),
        municipality: Any = None,
    ) -> Profile:
        return cls(
            pk=pk,
            forms=forms,
            birth=_without_placeholder(birth),
            gender="" if gender in UNKNOWN_GENDERS else gender,
            citizenships=frozenset(c.upper() for c in citizenships if c),
            phone=phone_e164(phone) if phone and not phone.startswith("+") else phone,
            email=(email or "").strip().lower(),
            identity_code=identifier_key(identity_code),
            identifiers=frozenset(k for k in (identifier_key(v) for v in identifiers) if k),
            municipality=municipality or None,
            tokens=frozenset(token.normal for form in forms for token in form),
            name_key=tuple(tuple(form) for form in forms),
        )

    @classmethod
    def of_client(cls, client: Any, identifiers: Iterable[str] = ()) -> Profile:
        return cls.of(
            pk=client.pk,
            forms=client_name_forms(client),
            birth=(client.birth_year, client.birth_month, client.birth_day),
            gender=client.gender,
            citizenships=client.citizenships or (),
            phone=client.phone,
            email=client.email,
            identity_code=client.personal_identity_code,
            identifiers=identifiers,
            municipality=client.municipality_id,
        )


def _without_placeholder(birth: Birth) -> Birth:
    """1 January is what many registries write when only the year is known: it is read as the
    year alone, so that it neither agrees with nor contradicts a real date of the same year."""
    year, month, day = birth
    if year and month == 1 and day == 1:
        return (year, None, None)
    return birth


# --- comparing ------------------------------------------------------------------------------


def name_level(a: Profile, b: Profile) -> tuple[int, float]:
    if not a.forms or not b.forms:
        return NULL, 0.0
    if hash(a.name_key) <= hash(b.name_key):
        return _name_level(a.name_key, b.name_key)
    return _name_level(b.name_key, a.name_key)


@lru_cache(maxsize=1 << 18)
def _name_level(first: NameKey, second: NameKey) -> tuple[int, float]:
    """Registries repeat names: a pair of names is compared once (the cache is keyed by the
    names' tokens, in either order)."""
    similarity = duplicate_name_similarity([list(form) for form in first], [list(form) for form in second])
    return name_level_of(similarity), similarity


def name_level_of(similarity: float) -> int:
    for level, cut in enumerate(NAME_CUTS):
        if similarity >= cut:
            return level
    return len(NAME_CUTS)


def birth_level(a: Birth, b: Birth) -> int:
    if not a[0] or not b[0]:
        return NULL
    agreement = birth_agreement(a, b)
    if agreement.matches:
        return {3: 0, 2: 2}.get(agreement.precision, 3)
    if agreement.near or _one_typo(a, b):
        return 1
    return 4


def _one_typo(a: Birth, b: Birth) -> bool:
    """Full dates one keystroke apart as written (19870312 / 19870321, 19780312 / 19870312)."""
    if None in a or None in b:
        return False
    return one_typo_apart("".join(f"{part:02d}" for part in a), "".join(f"{part:02d}" for part in b))


def one_typo_apart(left: str, right: str) -> bool:
    """Two dates as written (digits) differ in one digit or in two neighbours swapped."""
    if len(left) != len(right):
        return False
    differing = [i for i in range(len(left)) if left[i] != right[i]]
    if len(differing) == 1:
        return True
    first, second = [*differing, 0, 0][:2]
    return (
        len(differing) == 2
        and second == first + 1
        and left[first] == right[second]
        and left[second] == right[first]
    )


def _same(a: Any, b: Any) -> int:
    if not a or not b:
        return NULL
    return 0 if a == b else 1


def _overlap(a: frozenset[str], b: frozenset[str]) -> int:
    if not a or not b:
        return NULL
    return 0 if a & b else 1


def _identifier_level(a: Profile, b: Profile) -> int:
    if a.identity_code and b.identity_code:
        return 0 if a.identity_code == b.identity_code else 1
    if a.identifiers & b.identifiers or (a.identity_code and a.identity_code in b.identifiers):
        return 0
    if b.identity_code and b.identity_code in a.identifiers:
        return 0
    return NULL


def compare(a: Profile, b: Profile) -> tuple[dict[str, int], float]:
    """Each comparison's level (``NULL`` where a record lacks the field) and the names' similarity."""
    name, similarity = name_level(a, b)
    return field_levels(a, b, name), similarity


def field_levels(a: Profile, b: Profile, name: int) -> dict[str, int]:
    """Each comparison's level, the names' given (``name_level``)."""
    return {
        "name": name,
        "birth": birth_level(a.birth, b.birth),
        "gender": _same(a.gender, b.gender),
        "citizenship": _overlap(a.citizenships, b.citizenships),
        "phone": _same(a.phone, b.phone),
        "email": _same(a.email, b.email),
        "identifier": _identifier_level(a, b),
        "municipality": _same(a.municipality, b.municipality),
    }


# --- scoring --------------------------------------------------------------------------------


@dataclass
class Contribution:
    comparison: str
    level: str
    weight: float  # bits of evidence: positive for the same person, negative against

    @property
    def code(self) -> str:
        return f"{self.comparison}_{self.level}"


@dataclass
class Evidence:
    probability: float
    weight: float  # total bits, the prior included
    contributions: list[Contribution]


TermFrequency = Callable[[str], float]


def score(a: Profile, b: Profile, parameters: Parameters, frequency: TermFrequency | None = None) -> Evidence:
    levels, _similarity = compare(a, b)
    return evidence(levels, parameters, _name_tf(a, b, levels["name"], frequency))


def total_weight(
    a: Profile, b: Profile, parameters: Parameters, frequency: TermFrequency | None = None
) -> tuple[float, dict[str, int]]:
    """The pair's total bits (the prior included) and its levels, without the explanation (the
    sweep's hot path; ``score`` explains the pairs kept)."""
    levels, _similarity = compare(a, b)
    weights = parameters.weights
    total = parameters.prior_weight
    for comparison, level in levels.items():
        if level != NULL:
            total += weights[comparison][level]
    name = levels["name"]
    if name != NULL and name <= 1 and frequency is not None:
        tf = _name_tf(a, b, name, frequency)
        if tf is not None:
            adjustment = math.log2(parameters.u["name"][name] / tf)
            total += max(-TF_BOUND, min(TF_BOUND, adjustment))
    return total, levels


def probability_of(bits: float) -> float:
    return _probability(bits)


def evidence(levels: dict[str, int], parameters: Parameters, name_tf: float | None = None) -> Evidence:
    prior = parameters.prior
    total = math.log2(prior / (1 - prior))
    contributions = []
    for comparison, level in levels.items():
        if level == NULL:
            continue
        weight = parameters.weight(comparison, level)
        if comparison == "name" and name_tf is not None and level <= 1:
            adjustment = math.log2(parameters.u["name"][level] / name_tf)
            weight += max(-TF_BOUND, min(TF_BOUND, adjustment))
        total += weight
        contributions.append(Contribution(comparison, LEVELS[comparison][level], round(weight, 2)))
    contributions.sort(key=lambda c: -abs(c.weight))
    return Evidence(probability=_probability(total), weight=round(total, 2), contributions=contributions)


def _probability(bits: float) -> float:
    if bits > 60:
        return 1.0
    odds = 2.0**bits
    return round(odds / (1 + odds), 6)


def _name_tf(a: Profile, b: Profile, level: int, frequency: TermFrequency | None) -> float | None:
    """How common the agreeing name is: the product of the shares of records holding each of
    its first two parts (a given name and a family name are close to independent), a part the
    two records do not share exactly counting as a typical one. None where no part is shared
    exactly or nothing is known of frequencies."""
    if frequency is None or level == NULL or level > 1:
        return None
    shared = a.tokens & b.tokens
    if not shared:
        return None
    parts = min(2, min(len(form) for form in (*a.forms, *b.forms)))
    product = 1.0
    for token in sorted(shared, key=frequency)[:parts]:
        product *= frequency(token)
    product *= TYPICAL_TOKEN_SHARE ** max(0, parts - len(shared))
    return max(product, 1e-12)


# A name token's share of records is shrunk towards a typical one, as if the registry held this
# many more records of typical names: in a registry of ten, one "Rahimi" is not a tenth of all.
TF_PSEUDO_RECORDS = 2000
TYPICAL_TOKEN_SHARE = 0.01


def token_share(count: int, total: int) -> float:
    return (max(count, 1) + TF_PSEUDO_RECORDS * TYPICAL_TOKEN_SHARE) / (total + TF_PSEUDO_RECORDS)


# Name and birth date levels and the prior: learned without labels (``training.estimate``) from
# the 4 656 clusters (45 512 records) of the historical-people data that the benchmark's sample
# leaves out, rounded. That data holds no phone, e-mail, identifier or citizenship and its places
# and genders are noisy, so those levels are set from how a regional registry's records agree:
# a person keeps their gender and municipality; strangers share a municipality often, a phone,
# an e-mail or an identifier almost never. Each deployment learns its own (``clients sweep --learn``).
DEFAULT_PARAMETERS = Parameters(
    m={
        "name": [0.1415, 0.123, 0.1218, 0.2314, 0.3823],
        "birth": [0.1166, 0.0739, 0.0001, 0.3547, 0.4547],
        "gender": [0.97, 0.03],
        "citizenship": [0.9, 0.1],
        "phone": [0.6, 0.4],
        "email": [0.6, 0.4],
        "identifier": [0.98, 0.02],
        "municipality": [0.85, 0.15],
    },
    u={
        "name": [0.00017, 0.00097, 0.0014, 0.01594, 0.98152],
        "birth": [0.00017, 0.00155, 0.00006, 0.01064, 0.98758],
        "gender": [0.5, 0.5],
        "citizenship": [0.12, 0.88],
        "phone": [0.0001, 0.9999],
        "email": [0.0001, 0.9999],
        "identifier": [0.0001, 0.9999],
        "municipality": [0.3, 0.7],
    },
    prior=0.000715,
)
