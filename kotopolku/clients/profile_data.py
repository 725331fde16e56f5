"""The client with the short lists its profile shows (languages, identifiers, consents, the
team now) read as one query: each list is a JSON column of the client's row, turned back into
model instances here so that the page uses them as before."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any
from uuid import UUID

from django.db.models import JSONField, OuterRef, QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.http import Http404

from kotopolku.accounts.models import User
from kotopolku.clients.models import Client, ClientIdentifier, ClientLanguage, ClientTeamMember, Consent
from kotopolku.clients.timeline import JSONList, json_value, moment
from kotopolku.core.compiled import CompiledValues, bind, stand_in


@dataclass(frozen=True)
class ProfileLists:
    languages: list[ClientLanguage]
    identifiers: list[ClientIdentifier]
    consents: list[Consent]
    team: list[ClientTeamMember]


def _listed(rows: QuerySet[Any], **columns: str) -> Subquery:
    return Subquery(
        rows.filter(client=OuterRef("pk"))
        .order_by()
        .values("client")
        .annotate(rows=JSONList(JSONObject(**columns)))
        .values("rows"),
        output_field=JSONField(),
    )


_STAFF = {"id": "{0}_id", "name": "{0}__full_name", "email": "{0}__email"}


def _staff_columns(prefix: str) -> dict[str, str]:
    return {f"{prefix}_{key}": value.format(prefix) for key, value in _STAFF.items()}


def _staff(row: dict[str, Any], prefix: str) -> User | None:
    if row.get(f"{prefix}_id") is None:
        return None
    return User(
        pk=row[f"{prefix}_id"], full_name=row[f"{prefix}_name"] or "", email=row[f"{prefix}_email"] or ""
    )


# Read with the client as ``select_related`` would, and its lists as JSON columns.
_RELATED = ("service_point", "municipality", "responsible_worker")
_LISTS = ("profile_languages", "profile_identifiers", "profile_consents", "profile_team")


def _names(model: Any) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields]


def _related_model(name: str) -> Any:
    return Client._meta.get_field(name).related_model


@cache
def _statement() -> CompiledValues:
    """The client with its related records and its lists as one row of plain values, compiled
    once for a stand-in UUID (``core.compiled``); the UUID is its only value from outside."""
    related = [f"{name}__{attname}" for name in _RELATED for attname in _names(_related_model(name))]
    rows = Client.objects.filter(uuid=stand_in(Client).uuid).annotate(
        profile_languages=_listed(
            ClientLanguage.objects.all(),
            id="id",
            language="language",
            level="level",
            needs_interpreter="needs_interpreter",
        ),
        profile_identifiers=_listed(
            ClientIdentifier.objects.all(),
            id="id",
            kind="kind",
            value="value",
            issuing_country="issuing_country",
        ),
        profile_consents=_listed(
            Consent.objects.all(),
            id="id",
            uuid="uuid",
            purpose="purpose",
            given_at="given_at",
            withdrawn_at="withdrawn_at",
            **_staff_columns("recorded_by"),
            **_staff_columns("withdrawn_by"),
        ),
        profile_team=_listed(
            ClientTeamMember.objects.current(),
            id="id",
            uuid="uuid",
            reason="reason",
            added_at="added_at",
            **_staff_columns("user"),
            **_staff_columns("added_by"),
        ),
    )
    return CompiledValues.of(rows.values(*_names(Client), *related, *_LISTS))


def client_with_lists(*, uuid: Any) -> tuple[Client, ProfileLists]:
    """The client by UUID, unscoped (the caller must ``require`` a permission on it), with its
    service point, municipality and responsible worker and its profile's lists, in one query."""
    try:
        uuid_value = uuid if isinstance(uuid, UUID) else UUID(str(uuid))
    except ValueError:
        raise Http404 from None
    statement = _statement()
    found = statement.read(bind(statement.params, uuid_value=uuid_value))
    if not found:
        raise Http404
    row = found[0]
    names = _names(Client)
    client = Client.from_db(statement.using, names, [row[name] for name in names])
    for name in _RELATED:
        model = _related_model(name)
        related_names = _names(model)
        values = [row[f"{name}__{attname}"] for attname in related_names]
        pk = values[related_names.index(model._meta.pk.attname)]
        setattr(client, name, None if pk is None else model.from_db(statement.using, related_names, values))
    for name in _LISTS:
        setattr(client, name, row[name])
    return client, _lists(client)


def _required(value: dt.datetime | None) -> dt.datetime:
    assert value is not None, "a required date and time is missing"
    return value


def _rows(value: Any) -> list[dict[str, Any]]:
    rows = json_value(value) or []
    return [json_value(row) for row in rows]


def _lists(client: Client) -> ProfileLists:
    languages = [
        ClientLanguage(
            pk=row["id"],
            client=client,
            language=row["language"],
            level=row["level"],
            needs_interpreter=bool(row["needs_interpreter"]),
        )
        for row in _rows(getattr(client, "profile_languages", None))
    ]
    identifiers = [
        ClientIdentifier(
            pk=row["id"],
            client=client,
            kind=row["kind"],
            value=row["value"],
            issuing_country=row["issuing_country"],
        )
        for row in _rows(getattr(client, "profile_identifiers", None))
    ]
    consents = []
    for row in _rows(getattr(client, "profile_consents", None)):
        consent = Consent(
            pk=row["id"],
            uuid=UUID(str(row["uuid"])),
            client=client,
            purpose=row["purpose"],
            given_at=_required(moment(row["given_at"])),
            withdrawn_at=moment(row["withdrawn_at"]),
        )
        consent.recorded_by = _staff(row, "recorded_by")
        consent.withdrawn_by = _staff(row, "withdrawn_by")
        consents.append(consent)
    team = []
    for row in _rows(getattr(client, "profile_team", None)):
        member = ClientTeamMember(
            pk=row["id"],
            uuid=UUID(str(row["uuid"])),
            client=client,
            reason=row["reason"],
            added_at=_required(moment(row["added_at"])),
        )
        member.user = _staff(row, "user")  # type: ignore[assignment]
        member.added_by = _staff(row, "added_by")
        team.append(member)
    return ProfileLists(
        languages=sorted(languages, key=lambda row: row.language),
        identifiers=sorted(identifiers, key=lambda row: row.kind),
        # As ``Consent.Meta.ordering`` and ``client_team`` order them.
        consents=sorted(consents, key=lambda row: (row.given_at, row.pk), reverse=True),
        team=sorted(team, key=lambda row: (row.added_at, row.pk)),
    )
