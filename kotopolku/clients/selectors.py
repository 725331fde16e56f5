"""Reads of the client registry, always scoped to what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import scope_condition, service_point_reach
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent
from kotopolku.clients import hooks
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.models import Client, ClientTeamMember
from kotopolku.clients.timeline import Timeline
from kotopolku.core.compiled import CompiledValues, StatementCache, bind, stand_in

if TYPE_CHECKING:
    from kotopolku.accounts.models import User


@dataclass(frozen=True)
class ClientHit:
    client: Client
    score: float | None = None


def clients_visible(*, user: User, action: str = "clients.view") -> QuerySet[Client]:
    """The clients ``user`` may do ``action`` to, in one query: every client of the service points
    where the user holds a role, and at points reached only through a network the clients the
    user works with (responsible worker or on the team)."""
    return Client.objects.filter(scope_condition(user, action))


def client_list(*, user: User, status: str = "") -> QuerySet[Client]:
    clients = clients_visible(user=user).exclude(status=ClientStatus.MERGED)
    if status in ClientStatus.values:
        clients = clients.filter(status=status)
    return clients.select_related("service_point", "municipality").order_by("-created_at", "-id")


def client_find(*, user: User, text: str, limit: int = 50) -> list[ClientHit]:
    """Ranked matches by the matching app's search; a plain name filter until it is installed."""
    text = text.strip()[:100]
    if not text:
        return []
    try:
        from kotopolku.clients.matching.selectors import client_search
    except ImportError:
        condition = Q()
        for name in ("given_names", "family_name", "given_names_latin", "family_name_latin"):
            condition |= Q(**{f"{name}__icontains": text})
        found = client_list(user=user).filter(condition)[:limit]
        return [ClientHit(client=client) for client in found]
    return [
        ClientHit(client=match.client, score=match.score)
        for match in client_search(user=user, text=text, limit=limit)
    ]


def client_team(*, client: Client) -> list[ClientTeamMember]:
    """The staff members on the client's team now, in the order they were added (one query)."""
    return list(client.team_members.current().select_related("user", "added_by").order_by("added_at", "id"))


def team_candidates(*, client: Client) -> QuerySet[User]:
    """Who may be brought onto the client's team: active staff who hold a client-work role at the
    client's service point, or through a network the service point belongs to."""
    from kotopolku.accounts.models import User
    from kotopolku.clients.permissions import CASEWORKERS

    point = client.service_point_id
    return (
        User.objects.filter(
            Q(memberships__role__in=sorted(CASEWORKERS))
            & (Q(memberships__service_point_id=point) | Q(memberships__network__service_points=point)),
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "email")
    )


def _candidates_of_point(point: int | None) -> CompiledValues:
    client = stand_in(Client)
    client.service_point_id = point
    on_team = ClientTeamMember.objects.current().filter(client_id=client.pk).values("user_id")
    rows = team_candidates(client=client).exclude(pk__in=on_team)
    return CompiledValues.of(rows.values("uuid", "full_name", "email"))


# The statement of each service point's candidates, for any of its clients.
_candidate_statements: StatementCache[CompiledValues] = StatementCache(size=128)


def team_candidates_listed(*, client: Client) -> list[dict[str, Any]]:
    """``team_candidates`` who are not on the team now, as their UUID, name and e-mail, in
    order: what the team form lists (one query, compiled once for each service point)."""
    point = client.service_point_id
    statement = _candidate_statements.get(point, lambda: _candidates_of_point(point))
    return statement.read(bind(statement.params, pk=client.pk))


def client_get(*, uuid: Any) -> Client:
    """The client by UUID, unscoped: the caller must ``require`` a permission on it."""
    client = (
        Client.objects.select_related("service_point", "municipality", "responsible_worker")
        .filter(uuid=uuid)
        .first()
    )
    if client is None:
        raise Http404
    return client


_OWN_EVENTS = {
    "clients.register": lambda: _("Registered as a client"),
    "clients.change": lambda: _("Client data corrected"),
    "clients.close": lambda: _("Case closed"),
    "clients.reopen": lambda: _("Case reopened"),
    "clients.consent_record": lambda: _("Consent recorded"),
    "clients.consent_withdraw": lambda: _("Consent withdrawn"),
    "clients.erase": lambda: _("Anonymised"),
    "clients.team_add": lambda: _("Added to the client's team"),
    "clients.team_remove": lambda: _("Removed from the client's team"),
}


def _own_event_entry(when: Any, data: dict[str, Any]) -> hooks.TimelineEntry | None:
    from kotopolku.clients.enums import ConsentPurpose
    from kotopolku.clients.timeline import json_value

    title = _OWN_EVENTS.get(data.get("action", ""))
    if title is None:
        return None
    details = json_value(data.get("details")) or {}
    detail = ""
    purpose = details.get("consent_purpose")
    if purpose in ConsentPurpose.values:
        detail = str(ConsentPurpose(purpose).label)
    elif details.get("member_name"):
        detail = str(details["member_name"])
    elif details.get("fields"):
        detail = _("Fields: %(fields)s") % {"fields": ", ".join(_field_label(f) for f in details["fields"])}
    return hooks.TimelineEntry(when=when, kind="client", title=str(title()), detail=detail)


# The registry's own events: what the audit log holds of the record's changes.
OWN_EVENTS = hooks.TimelineQuery(
    rows=lambda client, allowed: AuditEvent.objects.filter(
        target_type="clients.client",
        target_id=str(client.uuid),
        action__in=list(_OWN_EVENTS),
        outcome=Outcome.DONE,
    ),
    when="occurred_at",
    data={"action": "action", "details": "details"},
    entry=_own_event_entry,
)


def _field_label(name: str) -> str:
    if name == "languages":
        return _("languages")
    if name == "identifiers":
        return _("identifiers")
    try:
        return str(Client._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    except Exception:
        return name


def client_timeline(*, client: Client, user: User) -> Timeline:
    """Every registered timeline source with the client's own events, newest first: one query
    for a page, one for the count (``clients.timeline``)."""
    return Timeline(client, user, own=OWN_EVENTS)


def client_export_data(*, client: Client) -> dict[str, Any]:
    """Everything the registry holds on the client, plus each registered export source."""
    data: dict[str, Any] = {
        "uuid": str(client.uuid),
        "service_point": client.service_point.name,
        "given_names": client.given_names,
        "family_name": client.family_name,
        "given_names_latin": client.given_names_latin,
        "family_name_latin": client.family_name_latin,
        "other_names": list(client.other_names),
        "birth_year": client.birth_year,
        "birth_month": client.birth_month,
        "birth_day": client.birth_day,
        "gender": client.gender,
        "citizenships": list(client.citizenships),
        "phone": client.phone,
        "email": client.email,
        "municipality": client.municipality.code if client.municipality else None,
        "municipality_name": client.municipality.name_fi if client.municipality else None,
        "arrival_date": client.arrival_date.isoformat() if client.arrival_date else None,
        "residence_basis": client.residence_basis,
        "permit_type": client.permit_type,
        "permit_expires": client.permit_expires.isoformat() if client.permit_expires else None,
        "personal_identity_code": client.personal_identity_code,
        "identity_code_is_temporary": client.identity_code_is_temporary,
        "responsible_worker": client.responsible_worker.full_name if client.responsible_worker else None,
        "status": client.status,
        "registered_at": client.created_at.isoformat(),
        "closed_at": client.closed_at.isoformat() if client.closed_at else None,
        "anonymised_at": client.anonymised_at.isoformat() if client.anonymised_at else None,
        "languages": [
            {"language": row.language, "level": row.level, "needs_interpreter": row.needs_interpreter}
            for row in client.languages.order_by("language")
        ],
        "identifiers": [
            {"kind": row.kind, "value": row.value, "issuing_country": row.issuing_country}
            for row in client.identifiers.order_by("kind", "value")
        ],
        "consents": [
            {
                "purpose": row.purpose,
                "given_at": row.given_at.isoformat(),
                "recorded_by": row.recorded_by.full_name if row.recorded_by else None,
                "withdrawn_at": row.withdrawn_at.isoformat() if row.withdrawn_at else None,
                "withdrawn_by": row.withdrawn_by.full_name if row.withdrawn_by else None,
            }
            for row in client.consents.select_related("recorded_by", "withdrawn_by").order_by("given_at")
        ],
        # Who has worked with the client's case, including those who no longer do.
        "team": [
            {
                "name": str(row.user),
                "added_at": row.added_at.isoformat(),
                "reason": row.reason,
                "removed_at": row.removed_at.isoformat() if row.removed_at else None,
            }
            for row in client.team_members.select_related("user").order_by("added_at", "id")
        ],
    }
    data["sources"] = {name: source(client) for name, source in sorted(hooks.export_sources().items())}
    return data


def retention_due(*, now: dt.datetime | None = None) -> list[Client]:
    """Closed cases whose service point's retention period has passed, oldest first."""
    now = now or timezone.now()
    due = []
    candidates = (
        Client.objects.filter(status=ClientStatus.CLOSED, closed_at__isnull=False)
        .select_related("service_point")
        .order_by("closed_at")
    )
    years_by_point = dict(_service_points().values_list("id", "retention_years"))
    shortest_period = min(years_by_point.values(), default=5)
    candidates = candidates.filter(closed_at__lt=_years_before(now, shortest_period))
    for client in candidates.iterator(chunk_size=500):
        years = client.service_point.retention_years
        assert client.closed_at is not None
        if client.closed_at < _years_before(now, years):
            due.append(client)
    return _retention_counted_from_cases(due, now)


def _retention_counted_from_cases(due: list[Client], now: dt.datetime) -> list[Client]:
    """Where an app keeps the client's cases, the period counts from the last case's closing
    (``hooks.register_retention_source``), and a case still open keeps the client."""
    for source in hooks.retention_sources():
        counted_from = source(due)
        due = [
            client
            for client in due
            if client.pk not in counted_from
            or (
                (closed := counted_from[client.pk]) is not None
                and closed < _years_before(now, client.service_point.retention_years)
            )
        ]
    return due


def _years_before(moment: dt.datetime, years: int) -> dt.datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def _service_points() -> Any:
    from kotopolku.organisations.models import ServicePoint

    return ServicePoint.objects


def retention_listing(*, user: User) -> list[Client]:
    """What the retention task would anonymise now, of the clients the user may see it for."""
    return retention_allowed(user=user, clients=retention_due())


def retention_allowed(*, user: User, clients: list[Client]) -> list[Client]:
    """Those of ``clients`` whose retention ``user`` may handle (one query at most)."""
    reach = service_point_reach(user, "clients.retention")
    if not reach.narrowed:
        return [client for client in clients if client.service_point_id in reach.full]
    allowed = set(
        clients_visible(user=user, action="clients.retention")
        .filter(pk__in=[client.pk for client in clients])
        .values_list("pk", flat=True)
    )
    return [client for client in clients if client.pk in allowed]


def duplicate_candidates(*, user: User, service_point: Any, fields: dict[str, Any]) -> list[Any]:
    """Likely duplicates of a client about to be registered (the matching app's check)."""
    try:
        from kotopolku.clients.matching.selectors import client_duplicate_candidates
    except ImportError:  # the matching package is not installed
        return []
    return list(
        client_duplicate_candidates(
            user=user,
            service_point=service_point,
            given_names=fields.get("given_names") or "",
            family_name=fields.get("family_name") or "",
            given_names_latin=fields.get("given_names_latin") or "",
            family_name_latin=fields.get("family_name_latin") or "",
            birth_year=fields.get("birth_year"),
            birth_month=fields.get("birth_month"),
            birth_day=fields.get("birth_day"),
            phone=fields.get("phone") or "",
            personal_identity_code=fields.get("personal_identity_code") or "",
            gender=fields.get("gender") or "",
            citizenships=fields.get("citizenships") or [],
            email=fields.get("email") or "",
            municipality=fields.get("municipality"),
            identifiers=fields.get("identifiers") or [],
        )
    )
