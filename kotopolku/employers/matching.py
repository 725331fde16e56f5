"""Matching clients to a job opening and job openings to a client, ranked, with the reasons.

The score adds up four parts (the same rules in SQL, which ranks, and in Python, which ranks the
openings of one client and explains each match):

* occupation (the client's desired occupations and any registered source, ``occupations.py``):
  the same ISCO-08 unit group 40, the same minor group 25, the same sub-major group 10;
* language: Finnish where the opening needs it, else Finnish or a language that is enough:
  B1 or better 30, A2 15, a lower or unknown level 5;
* place: living in the opening's municipality 20; travelling anywhere, or within the service
  point's area when living there, 10;
* availability: available by the start (or now) 10.

Only clients with an occupation or a language in common are candidates; ties go to the client
registered first.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import scope_condition
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.models import Client, ClientLanguage
from kotopolku.contacts.languages import language_name
from kotopolku.employers.enums import OpeningStatus, TravelRange
from kotopolku.employers.models import JobOpening, JobSeekerProfile
from kotopolku.employers.occupations import occupation_querysets
from kotopolku.employers.permissions import employer_scope
from kotopolku.organisations.models import ServicePoint

OCCUPATION_UNIT, OCCUPATION_MINOR, OCCUPATION_SUB_MAJOR = 40, 25, 10
LANGUAGE_GOOD, LANGUAGE_BASIC, LANGUAGE_SOME = 30, 15, 5
PLACE_SAME, PLACE_TRAVEL = 20, 10
AVAILABLE = 10
GOOD_LEVELS = ("B1", "B2", "C1", "C2", "native")
BASIC_LEVELS = ("A2",)
DEFAULT_LIMIT = 50
SAME_ENOUGH = 10
# The most a client who does not seek the opening's occupation itself can score.
OTHER_OCCUPATION_MAX = OCCUPATION_MINOR + LANGUAGE_GOOD + PLACE_SAME + AVAILABLE
# The most a client with no occupation in common who lives outside the opening's municipality
# can score: language, travel and availability.
OUTSIDE_MAX = LANGUAGE_GOOD + PLACE_TRAVEL + AVAILABLE


def language_points(level: str) -> int:
    if level in GOOD_LEVELS:
        return LANGUAGE_GOOD
    if level in BASIC_LEVELS:
        return LANGUAGE_BASIC
    return LANGUAGE_SOME


def occupation_points(wanted: str, offered: str) -> int:
    if wanted == offered:
        return OCCUPATION_UNIT
    if wanted[:3] == offered[:3]:
        return OCCUPATION_MINOR
    if wanted[:2] == offered[:2]:
        return OCCUPATION_SUB_MAJOR
    return 0


def accepted_languages(opening: JobOpening) -> list[str]:
    return ["fi"] if opening.finnish_required else list(dict.fromkeys(["fi", *opening.other_languages]))


@dataclass
class ClientFacts:
    client_id: int
    municipality_id: int | None
    languages: dict[str, str] = field(default_factory=dict)  # code -> CEFR level
    occupations: set[str] = field(default_factory=set)  # ISCO codes
    travel: str | None = None
    available_from: dt.date | None = None


@dataclass
class Match:
    score: int
    reasons: list[str]
    client: Client | None = None
    opening: JobOpening | None = None


def _score(opening: JobOpening, facts: ClientFacts, area: set[int], today: dt.date) -> tuple[int, list[str]]:
    reasons: list[str] = []
    code = opening.occupation.code
    best_code = max(facts.occupations, key=lambda c: occupation_points(c, code), default=None)
    occupation = occupation_points(best_code, code) if best_code else 0
    if occupation:
        reasons.append(
            {
                OCCUPATION_UNIT: _("Seeks work in the same occupation (%(code)s)."),
                OCCUPATION_MINOR: _("Seeks work in a related occupation (%(code)s)."),
                OCCUPATION_SUB_MAJOR: _("Seeks work in the same occupational field (%(code)s)."),
            }[occupation]
            % {"code": best_code}
        )
    accepted = accepted_languages(opening)
    known = [(language_points(facts.languages[c]), c) for c in accepted if c in facts.languages]
    language = max(known, default=(0, ""))
    if language[0]:
        level = facts.languages[language[1]] or _("level not known")
        reasons.append(
            _("Speaks %(language)s (%(level)s).")
            % {"language": language_name(language[1], None), "level": level}
        )
    place = 0
    if facts.municipality_id is not None and facts.municipality_id == opening.municipality_id:
        place = PLACE_SAME
        reasons.append(_("Lives in the municipality of the job."))
    elif facts.travel == TravelRange.ANYWHERE or (
        facts.travel == TravelRange.REGION and facts.municipality_id in area
    ):
        place = PLACE_TRAVEL
        reasons.append(_("Willing to travel to the job."))
    available = 0
    start = opening.starts_on or today
    if facts.available_from is not None and facts.available_from <= start:
        available = AVAILABLE
        reasons.append(_("Available by the start."))
    return occupation + language[0] + place + available, reasons


def _area(opening: JobOpening) -> set[int]:
    """The municipalities of the service point that keeps the opening."""
    through = ServicePoint.served_municipalities.through
    return set(
        through.objects.filter(servicepoint_id=opening.service_point_id).values_list(
            "municipality_id", flat=True
        )
    )


def _client_facts(client_ids: Sequence[int], clients: dict[int, Client]) -> dict[int, ClientFacts]:
    facts = {pk: ClientFacts(client_id=pk, municipality_id=clients[pk].municipality_id) for pk in client_ids}
    for client_id, language, level in ClientLanguage.objects.filter(client_id__in=client_ids).values_list(
        "client_id", "language", "level"
    ):
        facts[client_id].languages[language] = level
    for queryset in occupation_querysets():
        for row in queryset.filter(client_id__in=client_ids):
            facts[row["client_id"]].occupations.add(row["isco_code"])
    for profile in JobSeekerProfile.objects.filter(client_id__in=client_ids).only(
        "client_id", "travel", "available_from"
    ):
        facts[profile.client_id].travel = profile.travel
        facts[profile.client_id].available_from = profile.available_from
    return facts


def _sql(queryset: Any) -> tuple[str, list[Any]]:
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def _placeholders(values: Iterable[Any]) -> str:
    return ", ".join(["%s"] * len(list(values)))


def _among(column: str, ids: list[int] | None) -> tuple[str, list[Any]]:
    """``column`` among ``ids`` (None: no condition). On PostgreSQL one array parameter, so that
    the planner knows how few they are and reads them by index; given as the array's text,
    which is quicker to send than thousands of separately adapted numbers."""
    if ids is None:
        return "1 = 1", []
    if not ids:
        return "1 = 0", []
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s::bigint[])", ["{" + ",".join(str(int(pk)) for pk in ids) + "}"]
    return f"{column} IN ({_placeholders(ids)})", list(ids)


def clients_for_opening(*, opening: JobOpening, user: Any, limit: int = DEFAULT_LIMIT) -> list[Match]:
    """The clients ``user`` may see, best match first, each with the reasons (SQL finds the
    candidates and ranks them, in two statements or three; four more read the ones shown)."""
    today = timezone.localdate()
    code = opening.occupation.code
    languages = accepted_languages(opening)
    area = _area(opening)
    visible_sql, visible_params = _sql(
        Client.objects.filter(scope_condition(user, "clients.view"), status=ClientStatus.ACTIVE).values(
            "id", "municipality_id"
        )
    )
    occupation_parts = [_sql(qs) for qs in occupation_querysets()]
    occupation_sql = " UNION ALL ".join(
        f"SELECT * FROM ({sql}) occ{i}"  # noqa: S608 -- compiled querysets
        for i, (sql, _p) in enumerate(occupation_parts)
    )
    occupation_params = [p for _sql_text, params in occupation_parts for p in params]
    languages_table = ClientLanguage._meta.db_table
    profiles_table = JobSeekerProfile._meta.db_table
    area_sql = f"c.municipality_id IN ({_placeholders(area)})" if area else "1 = 0"
    language_points_sql = f"""MAX(CASE WHEN level IN ({_placeholders(GOOD_LEVELS)}) THEN {LANGUAGE_GOOD}
                            WHEN level IN ({_placeholders(BASIC_LEVELS)}) THEN {LANGUAGE_BASIC}
                            ELSE {LANGUAGE_SOME} END)"""
    # The sub-major group's codes as a range, which a B-tree index answers in any collation.
    group_low, group_high = code[:2], f"{int(code[:2]) + 1:02d}"
    occupation_points_sql = f"""
            SELECT client_id,
                   MAX(CASE WHEN isco_code = %s THEN {OCCUPATION_UNIT}
                            WHEN isco_code LIKE %s THEN {OCCUPATION_MINOR}
                            ELSE {OCCUPATION_SUB_MAJOR} END) AS points
            FROM ({occupation_sql}) occupations
            WHERE isco_code >= %s AND isco_code < %s
            GROUP BY client_id"""  # noqa: S608 -- compiled querysets, values are parameters
    occupation_points_params = [code, f"{code[:3]}%", *occupation_params, group_low, group_high]
    place_sql = f"""CASE WHEN c.municipality_id = %s THEN {PLACE_SAME}
                      WHEN p.travel = %s THEN {PLACE_TRAVEL}
                      WHEN p.travel = %s AND {area_sql} THEN {PLACE_TRAVEL}
                      ELSE 0 END
               + CASE WHEN p.available_from IS NOT NULL AND p.available_from <= %s
                      THEN {AVAILABLE} ELSE 0 END"""
    place_params: list[Any] = [
        opening.municipality_id,
        TravelRange.ANYWHERE,
        TravelRange.REGION,
        *sorted(area),
        opening.starts_on or today,
    ]
    language_params = [*GOOD_LEVELS, *BASIC_LEVELS, *languages]

    def ranking(ids: list[int] | None) -> list[tuple[int, int]]:
        """The first ``limit`` clients by score: among ``ids`` only, or everyone with the
        occupation group or a language in common."""
        among_sql, among_params = _among("c.id", ids)
        languages_among_sql, languages_among_params = _among("client_id", ids)
        profiles_among_sql, profiles_among_params = _among("client_id", ids)
        query = f"""
            SELECT c.id, COALESCE(o.points, 0) + COALESCE(l.points, 0) + {place_sql} AS score
            FROM ({visible_sql}) c
            LEFT JOIN ({occupation_points_sql}) o ON o.client_id = c.id
            LEFT JOIN (
                SELECT client_id, {language_points_sql} AS points
                FROM {languages_table}
                WHERE language IN ({_placeholders(languages)}) AND {languages_among_sql}
                GROUP BY client_id
            ) l ON l.client_id = c.id
            LEFT JOIN (
                SELECT client_id, travel, available_from FROM {profiles_table} WHERE {profiles_among_sql}
            ) p ON p.client_id = c.id
            WHERE (o.client_id IS NOT NULL OR l.client_id IS NOT NULL) AND {among_sql}
            ORDER BY score DESC, c.id
            LIMIT %s
        """  # noqa: S608 -- table names come from the models, values are parameters
        params = [
            *place_params,
            *visible_params,
            *occupation_points_params,
            *language_params,
            *languages_among_params,
            *profiles_among_params,
            *among_params,
            limit,
        ]
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            return [(row[0], row[1]) for row in cursor.fetchall()]

    # Ranked in widening circles of candidates found by index. First the clients who seek the
    # same occupation: anyone else scores at most OTHER_OCCUPATION_MAX. Then those who share the
    # occupation group or live in the opening's municipality: anyone else scores at most
    # OUTSIDE_MAX. When the last of the first ``limit`` scores more than everyone left out can,
    # nobody else can enter and this is the answer; otherwise everyone with a language in common.
    candidates_sql = f"""
        SELECT client_id, MAX(CASE WHEN isco_code = %s THEN 1 ELSE 0 END)
        FROM ({occupation_sql}) occupations WHERE isco_code >= %s AND isco_code < %s
        GROUP BY client_id
        UNION ALL
        SELECT id, 0 FROM {Client._meta.db_table} WHERE municipality_id = %s
    """  # noqa: S608 -- compiled querysets and a model's table, values are parameters
    candidates_params = [code, *occupation_params, group_low, group_high, opening.municipality_id]
    with connection.cursor() as cursor:
        cursor.execute(candidates_sql, candidates_params)
        rows = cursor.fetchall()
    same = [row[0] for row in rows if row[1]]
    near = list(dict.fromkeys(row[0] for row in rows))
    # Fewer than SAME_ENOUGH × ``limit`` seekers of the occupation seldom give ``limit`` above
    # OTHER_OCCUPATION_MAX (only some of them speak, live and are available so), so the next
    # circle is ranked straight away instead of ranking this one in vain.
    ranked = ranking(same) if len(same) >= SAME_ENOUGH * limit else []
    if len(ranked) < limit or ranked[-1][1] <= OTHER_OCCUPATION_MAX:
        ranked = ranking(near) if len(near) >= limit else []  # too few to fill ``limit``
        if len(ranked) < limit or ranked[-1][1] <= OUTSIDE_MAX:
            ranked = ranking(None)
    ids = [pk for pk, _score_ in ranked]
    clients = Client.objects.in_bulk(ids)
    facts = _client_facts(ids, clients)
    matches = []
    for pk, score in ranked:
        _python_score, reasons = _score(opening, facts[pk], area, today)
        matches.append(Match(score=int(score), reasons=reasons, client=clients[pk]))
    return matches


def openings_for_client(*, client: Client, user: Any, limit: int = DEFAULT_LIMIT) -> list[Match]:
    """The open job openings ``user`` may see, best match for ``client`` first, with the reasons."""
    today = timezone.localdate()
    facts = _client_facts([client.pk], {client.pk: client})[client.pk]
    openings = (
        JobOpening.objects.filter(employer_scope(user), status=OpeningStatus.OPEN)
        .exclude(deadline__lt=today)
        .select_related("occupation", "employer", "municipality", "service_point")
    )
    areas: dict[int, set[int]] = defaultdict(set)
    through = ServicePoint.served_municipalities.through
    for point_id, municipality_id in through.objects.values_list("servicepoint_id", "municipality_id"):
        areas[point_id].add(municipality_id)
    matches = []
    for opening in openings:
        score, reasons = _score(opening, facts, areas[opening.service_point_id], today)
        has_common = any(occupation_points(c, opening.occupation.code) for c in facts.occupations) or any(
            c in facts.languages for c in accepted_languages(opening)
        )
        if has_common:
            matches.append(Match(score=score, reasons=reasons, opening=opening))
    matches.sort(key=lambda m: (-m.score, m.opening.pk if m.opening else 0))
    return matches[:limit]


def explain_pair(*, opening: JobOpening, client: Client) -> Match:
    """The score and reasons of one client for one opening (recorded with a proposal)."""
    facts = _client_facts([client.pk], {client.pk: client})[client.pk]
    score, reasons = _score(opening, facts, _area(opening), timezone.localdate())
    return Match(score=score, reasons=reasons, client=client, opening=opening)
