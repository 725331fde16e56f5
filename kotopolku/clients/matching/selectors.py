"""Finding clients: the search box and the duplicate check at registration.

Both work the same way, with the same code on SQLite and PostgreSQL:

1. the query becomes lookup keys (``keys``): selective ones (two name parts together, name and
   birth year, phone, identifier, full birth date) and broad ones (one name part, birth year);
2. candidates come from the indexed ``ClientNameKey`` table by key equality, scoped to the
   service points the user may see; every broad key is read with a cap, so a very common name
   costs the same as a rare one;
3. candidates are pre-ranked by the keys they share with the query (those sharing a selective
   key other than a birth date first), the best few are loaded and scored with rapidfuzz
   (``ranking``).
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.permissions import scope_condition, service_point_ids, service_point_reach
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.matching.keys import (
    ParsedQuery,
    birth_keys,
    client_name_forms,
    identifier_key,
    name_keys,
    name_year_keys,
    pair_keys,
    parse_query,
    phone_e164,
)
from kotopolku.clients.matching.linkage import DEFAULT_PARAMETERS, Profile
from kotopolku.clients.matching.linkage import score as linkage_score
from kotopolku.clients.matching.ranking import BirthAgreement, birth_agreement, name_similarity
from kotopolku.clients.matching.transliterate import NameToken, tokens_of
from kotopolku.clients.matching.warning import (
    CONTRIBUTION_LABELS,
    contribution_codes,
    current_parameters,
    profile_of_fields,
    registry_frequencies,
)
from kotopolku.clients.models import Client, ClientNameKey

SELECTIVE_CAP = 400  # rows read for the selective keys together (name pairs, phone, identifiers)
NAME_YEAR_CAP = 200  # rows read for the name-and-birth-year keys together
BROAD_KEY_CAP = 60  # rows read per broad key
MAX_BROAD_KEYS = 24
PRE_RANK = 60  # candidates scored
PRECISE_RANK = 30  # of those, scored again with the transliteration tables
# The probability at which registration warns (precision 0.95 or more on the benchmark's
# sample, bench/duplicates_quality.py).
DUPLICATE_THRESHOLD = 0.5
SEARCH_FLOOR = 0.35

HIDDEN_STATUSES = (ClientStatus.MERGED, ClientStatus.ANONYMISED)

REASON_LABELS = {
    "name": _("same name"),
    "name_similar": _("similar name"),
    "birth_date": _("same birth date"),
    "birth_year": _("same birth year"),
    "phone": _("same phone"),
    "identity_code": _("same identity code"),
    "identifier": _("same identifier"),
}

_WEIGHTS = {"i": 6.0, "t": 5.0, "pp": 3.0, "py": 2.5, "n": 1.2, "p": 1.0, "q": 0.6, "d": 0.4}


@dataclass
class ClientMatch:
    client: Client
    score: float  # 0..1
    reasons: list[str] = field(default_factory=list)

    @property
    def reason_labels(self) -> list[str]:
        labels = {**REASON_LABELS, **CONTRIBUTION_LABELS}
        return [str(labels.get(reason, reason)) for reason in self.reasons]

    @property
    def percent(self) -> int:
        return round(self.score * 100)


@lru_cache(maxsize=65536)
def _weight(key: str) -> float:
    prefix = key.split(":", 1)[0]
    if prefix == "b":
        return {4: 0.3, 7: 0.6}.get(len(key) - 2, 2.0)
    return _WEIGHTS.get(prefix, 1.0)


def _candidates(
    point_ids: set[int], selective: set[str], broad: list[str], *, wanted: int = 0, user: Any = None
) -> tuple[list[int], dict[int, set[str]]]:
    """Client ids sharing keys with the query, best first, and the keys each shares.

    One round trip: the selective keys in two parts and each broad key alone, every part with its
    own LIMIT, joined with UNION ALL (plain SQL that SQLite and PostgreSQL both run); at points
    reached only through a network, one more part reads the keys of the user's own clients."""
    matched: dict[int, set[str]] = defaultdict(set)
    broad = [key for key in broad if key not in selective][:MAX_BROAD_KEYS]
    if not point_ids or not (selective or broad):
        return [], matched
    # Plain SQL built from the model's table name and placeholders only; values go as parameters.
    table = connection.ops.quote_name(ClientNameKey._meta.db_table)
    # Service point ids are integers from the permission layer, written into the SQL as such.
    point_ids, narrowed = _split_reach(point_ids, user)
    in_points = ", ".join(str(int(point)) for point in sorted(point_ids))
    # At network-only points the user's own clients are read without a cap, by the selective
    # keys when the query has some (few rows at any size of network); the broad keys are then
    # read there with their caps, as at the user's own points. A query of broad keys only reads
    # them for the user's own clients, uncapped.
    own_keys = sorted(selective) if selective else broad
    broad_points = point_ids | narrowed if selective else point_ids
    in_broad_points = ", ".join(str(int(point)) for point in sorted(broad_points))
    with_clause, narrowed_part, with_params, narrowed_params = _narrowed_lookup(
        table, narrowed, own_keys, user
    )
    parts: list[str] = []
    params: list[Any] = [*with_params]
    # Name-and-year keys are many for a common name: they get a part of their own, so that
    # they cannot crowd out the pairs of names, phones and identifiers.
    with_year = sorted(key for key in selective if key.startswith("py:"))
    exact = sorted(key for key in selective if not key.startswith("py:"))
    for number, (keys, cap) in enumerate(((exact, SELECTIVE_CAP), (with_year, NAME_YEAR_CAP))):
        if not keys or not point_ids:
            continue
        in_keys = ", ".join(["%s"] * len(keys))
        parts.append(
            f"SELECT client_id, key FROM (SELECT client_id, key FROM {table} "  # noqa: S608
            f"WHERE service_point_id IN ({in_points}) AND key IN ({in_keys}) LIMIT %s) AS selective{number}"
        )
        params += [*keys, cap]
    if broad and broad_points:
        broad_sql, broad_params = _broad_parts(table, in_broad_points, broad)
        parts += broad_sql
        params += broad_params
    if narrowed_part:
        parts.append(narrowed_part)
        params += narrowed_params
    with connection.cursor() as cursor:
        cursor.execute(with_clause + " UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    hits: dict[str, int] = defaultdict(int)
    for client_id, key in rows:
        if key not in matched[client_id]:
            matched[client_id].add(key)
            hits[key] += 1
    # A key shared with few records says more than one shared with many (its IDF, as read).
    key_weights = {key: _weight(key) * _rarity(count) for key, count in hits.items()}
    weights: dict[int, float] = {
        client_id: sum(key_weights[key] for key in keys) for client_id, keys in matched.items()
    }
    # A client sharing a key of name and more (both names, a name and the birth year) or a phone
    # or identifier comes before those sharing broad keys only: the broad keys of one name part
    # are many and say the same, and where a common name fills their caps their sum would crowd
    # out the record whose name and year both agree. A birth date alone does not put a record
    # first (strangers share it).
    telling = {key for key in selective if not key.startswith("b:")}
    ranked = heapq.nsmallest(
        max(PRE_RANK, wanted),
        weights,
        key=lambda cid: (matched[cid].isdisjoint(telling), -weights[cid], -cid),
    )
    return ranked, matched


def _broad_parts(table: str, in_points: str, broad: list[str]) -> tuple[list[str], list[Any]]:
    """Each broad key read alone with its cap. PostgreSQL: one lateral join over the keys, planned
    once (a UNION ALL part per key cost 2–5 ms of planning for 24 keys); SQLite: a part per key.
    The same index scan reads the same rows either way."""
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT found.client_id, found.key FROM unnest(%s::text[]) AS wanted (key) "  # noqa: S608
            f"CROSS JOIN LATERAL (SELECT client_id, key FROM {table} "
            f"WHERE service_point_id IN ({in_points}) AND key = wanted.key LIMIT %s) AS found"
        )
        return [sql], [broad, BROAD_KEY_CAP]
    parts, params = [], []
    for number, key in enumerate(broad, start=1):
        parts.append(
            f"SELECT client_id, key FROM (SELECT client_id, key FROM {table} "  # noqa: S608
            f"WHERE service_point_id IN ({in_points}) AND key = %s LIMIT %s) AS part{number}"
        )
        params += [key, BROAD_KEY_CAP]
    return parts, params


def _split_reach(point_ids: set[int], user: Any) -> tuple[set[int], set[int]]:
    """The service points where the user sees every client, and those reached only through a
    network, where they see the clients they work with (the permission layer's reach)."""
    narrowed = service_point_reach(user, "clients.view").narrowed & point_ids if user is not None else set()
    return set(point_ids) - narrowed, set(narrowed)


def _narrowed_lookup(
    table: str, narrowed: set[int], keys: list[str], user: Any
) -> tuple[str, str, list[Any], list[Any]]:
    """At points reached only through a network: the keys of the clients the user works with, in
    one part without a cap (a caseload's keys, not a whole network's), so that namesakes the user
    may not see cannot fill the caps. Returns the WITH clause, the part and their parameters."""
    if not narrowed:
        return "", "", [], []
    from kotopolku.clients.permissions import worked_with_ids

    sql, with_params = worked_with_ids(user).query.sql_with_params()
    in_narrowed = ", ".join(str(int(point)) for point in sorted(narrowed))
    part = (
        f"SELECT client_id, key FROM {table} WHERE service_point_id IN ({in_narrowed}) "  # noqa: S608
        f"AND client_id IN (SELECT id FROM worked_with) AND key IN ({', '.join(['%s'] * len(keys))})"
    )
    return f"WITH worked_with (id) AS ({sql}) ", part, list(with_params), keys


def _rarity(hits: int) -> float:
    return 1.0 + math.log(BROAD_KEY_CAP / hits) if hits < BROAD_KEY_CAP else 1.0


_SCORED_FIELDS = (
    "id",
    "given_names",
    "family_name",
    "given_names_latin",
    "family_name_latin",
    "birth_year",
    "birth_month",
    "birth_day",
    "personal_identity_code",
    "other_names",
)


@dataclass(slots=True)
class _Candidate:
    """What scoring needs of a candidate; the real record is loaded for the results shown."""

    pk: int
    given_names: str
    family_name: str
    given_names_latin: str
    family_name_latin: str
    birth_year: int | None
    birth_month: int | None
    birth_day: int | None
    personal_identity_code: str
    other_names: list[str]


def _load(ids: list[int], scope: Q) -> list[Any]:
    """The candidates' names and birth dates only (no model instances: this is the hot path).
    ``scope``: the clients the user may see (``scope_condition``)."""
    if not ids:
        return []
    rows = (
        Client.objects.filter(scope, pk__in=ids)
        .exclude(status__in=HIDDEN_STATUSES)
        .values_list(*_SCORED_FIELDS)
    )
    return [_Candidate(*row) for row in rows]


def _complete(matches: list[ClientMatch]) -> list[ClientMatch]:
    """Replace the scoring stand-ins of the matches shown with the real records (one query)."""
    if not matches:
        return matches
    # Whole rows: callers' templates show whatever fields they need without a query each.
    records = Client.objects.select_related("service_point").in_bulk([match.client.pk for match in matches])
    return [
        ClientMatch(client=records[match.client.pk], score=match.score, reasons=match.reasons)
        for match in matches
        if match.client.pk in records
    ]


def _broad_keys(tokens: list[NameToken]) -> list[str]:
    """Name keys, rarest-looking first: normal forms, then long skeletons before short ones."""
    order = {"n": 0, "w": 1, "p": 1, "q": 2, "d": 3}
    keys = name_keys(tokens)
    return sorted(keys, key=lambda k: (order.get(k.split(":", 1)[0], 3), -len(k), k))


def _query_keys(query: ParsedQuery) -> tuple[set[str], list[str]]:
    selective = pair_keys(query.tokens) | name_year_keys(query.tokens, query.birth_year)
    if query.phone:
        selective.add("t:" + query.phone)
    selective.update(query.identifiers)
    births = birth_keys(query.birth_year, query.birth_month, query.birth_day)
    broad = _broad_keys(query.tokens)
    if births:
        if query.birth_day:
            selective.add(births[-1])
        if not query.tokens:
            # A date alone: the same month and year too, for a date typed one digit off.
            broad.extend(reversed(births[:-1] if query.birth_day else births))
    return selective, broad


def client_search(*, user: Any, text: str, limit: int = 20) -> list[ClientMatch]:
    """Clients the user may see that match ``text``: any spelling or script of the name in any
    order, a whole or partial birth date, a phone number, an identity code or other identifier."""
    point_ids = service_point_ids(user, "clients.view")
    query = parse_query(text or "")
    if query.is_empty or not point_ids:
        return []
    selective, broad = _query_keys(query)
    limit = max(0, min(limit, 200))
    ids, matched = _candidates(point_ids, selective, broad, wanted=limit + 10, user=user)
    scope = scope_condition(user, "clients.view")
    return _complete(rank_search(query, _load(ids, scope), matched, limit))


def rank_search(
    query: ParsedQuery, candidates: list[Any], matched: dict[int, set[str]], limit: int
) -> list[ClientMatch]:
    """The candidates that match the query well enough, best first (at most ``limit``)."""
    scored = [_score_search(query, client, matched[client.pk]) for client in candidates]
    scored.sort(key=lambda m: (-m.score, -m.client.pk))
    if query.tokens:
        # Second pass on the best (slower): how likely the letters are as a transliteration of
        # a written name, and whether two Latin spellings read back to one written name.
        best = [
            _score_search(query, m.client, matched[m.client.pk], precise=True)
            for m in scored[: max(PRECISE_RANK, limit)]
        ]
        scored = best + scored[len(best) :]
    results = [match for match in scored if match.score >= SEARCH_FLOOR]
    results.sort(key=lambda m: (-m.score, -m.client.pk))
    return results[:limit]


def _birth_credit(agreement: BirthAgreement) -> float:
    """A typed birth date that agrees counts fully; one digit off or day and month swapped
    (a typing error) still counts for much, a date unknown on one side for a little."""
    if agreement.matches:
        return 1.0
    if agreement.near:
        return 0.6
    return 0.0 if agreement.conflicts else 0.4


def _score_search(
    query: ParsedQuery, client: Client, keys: set[str], *, precise: bool = False
) -> ClientMatch:
    total = weight = 0.0
    reasons: list[str] = []
    if query.tokens:
        similarity = name_similarity(
            query.tokens, client_name_forms(client), precise=precise, unknown_parts=True
        )
        total += similarity * 2.0
        weight += 2.0
        if similarity >= 0.97:
            reasons.append("name")
        elif similarity >= 0.7:
            reasons.append("name_similar")
    if query.birth_year:
        agreement = birth_agreement(
            (query.birth_year, query.birth_month, query.birth_day),
            (client.birth_year, client.birth_month, client.birth_day),
        )
        total += _birth_credit(agreement)
        weight += 1.0
        if agreement.matches:
            reasons.append("birth_date" if agreement.precision == 3 else "birth_year")
    if query.phone:
        hit = f"t:{query.phone}" in keys
        total += 2.0 if hit else 0.0
        weight += 2.0
        if hit:
            reasons.append("phone")
    if query.identifiers:
        hit = any(key in keys for key in query.identifiers)
        total += 2.0 if hit else 0.0
        weight += 2.0
        if hit:
            reasons.append("identifier")
    return ClientMatch(client=client, score=round(total / weight, 4) if weight else 0.0, reasons=reasons)


def client_duplicate_candidates(
    *,
    user: Any,
    service_point: Any,
    given_names: str = "",
    family_name: str = "",
    given_names_latin: str = "",
    family_name_latin: str = "",
    birth_year: int | None = None,
    birth_month: int | None = None,
    birth_day: int | None = None,
    phone: str = "",
    personal_identity_code: str = "",
    exclude: Client | None = None,
    limit: int = 10,
    threshold: float | None = None,
    **other_fields: Any,
) -> list[ClientMatch]:
    """Records that are likely the same person as the one being registered, with the
    probability that they are and each field's part in it. ``other_fields``: gender,
    citizenships, email, municipality and identifiers, where known. Looked for at
    ``service_point`` and the other service points the user may see clients of."""
    point_ids = service_point_ids(user, "clients.view")
    if service_point is None or service_point.pk not in point_ids:
        return []
    forms = [
        tokens
        for tokens in (
            tokens_of(f"{given_names} {family_name}"),
            tokens_of(f"{given_names_latin} {family_name_latin}"),
        )
        if tokens
    ]
    phone_key = phone_e164(phone)
    code_key = identifier_key(personal_identity_code)
    selective: set[str] = set()
    broad: list[str] = []
    for tokens in forms:
        selective |= pair_keys(tokens) | name_year_keys(tokens, birth_year)
        broad.extend(k for k in _broad_keys(tokens) if k.startswith("n:") or len(tokens) == 1)
    births = birth_keys(birth_year, birth_month, birth_day)
    if birth_day and births:
        selective.add(births[-1])
    if phone_key:
        selective.add("t:" + phone_key)
    if code_key:
        selective.add(code_key)
    if not selective and not broad:
        return []
    ids, _matched = _candidates(point_ids, selective, list(dict.fromkeys(broad)), user=user)
    if exclude is not None:
        ids = [pk for pk in ids if pk != exclude.pk]
    if not ids:
        return []
    query = profile_of_fields(
        forms=forms,
        birth=(birth_year, birth_month, birth_day),
        fields={**other_fields, "phone": phone_key, "personal_identity_code": personal_identity_code},
    )
    parameters = current_parameters()
    frequency = registry_frequencies(point_ids, query.tokens)
    wanted = parameters_threshold(threshold)
    clients = (
        Client.objects.filter(scope_condition(user, "clients.view"), pk__in=ids)
        .exclude(status__in=HIDDEN_STATUSES)
        .select_related("service_point")
        .prefetch_related("identifiers")
    )
    results = []
    for client in clients:
        other = Profile.of_client(client, [identifier.value for identifier in client.identifiers.all()])
        evidence = linkage_score(query, other, parameters, frequency)
        if evidence.probability >= wanted:
            codes = contribution_codes(evidence, query, other)
            results.append(ClientMatch(client=client, score=evidence.probability, reasons=codes))
    results.sort(key=lambda m: (-m.score, -m.client.pk))
    return results[:limit]


def parameters_threshold(threshold: float | None) -> float:
    return DUPLICATE_THRESHOLD if threshold is None else threshold


def duplicate_score(
    forms: list[list[NameToken]],
    birth: tuple[int | None, int | None, int | None],
    other_forms: list[list[NameToken]],
    other_birth: tuple[int | None, int | None, int | None],
) -> tuple[float, list[str]]:
    """The probability that two records holding only names and birth dates are one person, and
    why (the shipped parameters, no term frequencies)."""
    first = Profile.of(pk=0, forms=forms, birth=birth)
    second = Profile.of(pk=1, forms=other_forms, birth=other_birth)
    evidence = linkage_score(first, second, DEFAULT_PARAMETERS)
    return evidence.probability, contribution_codes(evidence, first, second)
