"""Candidates for the search box and the duplicate check: client ids sharing lookup keys.

The query becomes lookup keys (``keys``): selective ones (two name parts together, name and birth
year, phone, identifier, full birth date) and broad ones (one name part, birth year). Candidates
come from the indexed ``ClientNameKey`` table by key equality, scoped to the service points the
user may see; every broad key is read with a cap, so a very common name costs the same as a rare
one. They are pre-ranked by the keys they share with the query (those sharing a selective key
other than a birth date first); the callers load and score the best few.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db import connection
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.permissions import service_point_reach
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.matching.keys import name_keys
from kotopolku.clients.matching.transliterate import NameToken
from kotopolku.clients.matching.warning import CONTRIBUTION_LABELS
from kotopolku.clients.models import Client, ClientNameKey

SELECTIVE_CAP = 400  # rows read for the selective keys together (name pairs, phone, identifiers)
NAME_YEAR_CAP = 200  # rows read for the name-and-birth-year keys together
BROAD_KEY_CAP = 60  # rows read per broad key
MAX_BROAD_KEYS = 24
PRE_RANK = 60  # candidates scored


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


def candidate_ids(
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
    key_weights = {key: _weight(key) * rarity(count) for key, count in hits.items()}
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


def rarity(hits: int) -> float:
    return 1.0 + math.log(BROAD_KEY_CAP / hits) if hits < BROAD_KEY_CAP else 1.0


def broad_keys(tokens: list[NameToken]) -> list[str]:
    """Name keys, rarest-looking first: normal forms, then long skeletons before short ones."""
    order = {"n": 0, "w": 1, "p": 1, "q": 2, "d": 3}
    keys = name_keys(tokens)
    return sorted(keys, key=lambda k: (order.get(k.split(":", 1)[0], 3), -len(k), k))
