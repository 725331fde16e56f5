"""The search box: clients the user may see that match what was typed.

The query becomes lookup keys and candidates (``candidates``); the best few are loaded and scored
with rapidfuzz (``ranking``), the best of those again with the transliteration tables. The same
code runs on SQLite and PostgreSQL. The duplicate check at registration is ``duplicate_check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from kotopolku.accounts.permissions import scope_condition, service_point_ids
from kotopolku.clients.matching.candidates import (
    BROAD_KEY_CAP,
    HIDDEN_STATUSES,
    ClientMatch,
    broad_keys,
    candidate_ids,
)
from kotopolku.clients.matching.duplicate_check import (
    DUPLICATE_THRESHOLD,
    client_duplicate_candidates,
    duplicate_score,
)
from kotopolku.clients.matching.keys import (
    ParsedQuery,
    birth_keys,
    client_name_forms,
    name_year_keys,
    pair_keys,
    parse_query,
)
from kotopolku.clients.matching.ranking import BirthAgreement, birth_agreement, name_similarity
from kotopolku.clients.models import Client

# Kept importable from here for the callers of the search module's earlier shape.
__all__ = [
    "BROAD_KEY_CAP",
    "DUPLICATE_THRESHOLD",
    "ClientMatch",
    "client_duplicate_candidates",
    "client_search",
    "duplicate_score",
    "rank_search",
]

PRECISE_RANK = 30  # of the candidates pre-ranked, scored again with the transliteration tables
SEARCH_FLOOR = 0.35


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


def _query_keys(query: ParsedQuery) -> tuple[set[str], list[str]]:
    selective = pair_keys(query.tokens) | name_year_keys(query.tokens, query.birth_year)
    if query.phone:
        selective.add("t:" + query.phone)
    selective.update(query.identifiers)
    births = birth_keys(query.birth_year, query.birth_month, query.birth_day)
    broad = broad_keys(query.tokens)
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
    ids, matched = candidate_ids(point_ids, selective, broad, wanted=limit + 10, user=user)
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
