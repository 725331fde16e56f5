"""The duplicate warning at registration, as the client services call it: registrations at one
service point one at a time, the check in the same transaction, and the search keys kept in step
with the fields they are built from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import connection

from kotopolku.clients.matching.services import client_search_keys_refresh
from kotopolku.clients.models import Client
from kotopolku.clients.selectors import duplicate_candidates

if TYPE_CHECKING:
    from kotopolku.accounts.models import User
    from kotopolku.organisations.models import ServicePoint

# Changing any of these changes what the duplicate check and the search find.
SEARCH_KEY_FIELDS = frozenset(
    {
        "given_names",
        "family_name",
        "given_names_latin",
        "family_name_latin",
        "birth_year",
        "birth_month",
        "birth_day",
        "phone",
        "personal_identity_code",
    }
)

# The first key of the two-key advisory locks that serialise registrations per service point
# (a name space of our own: the audit chain's lock uses the one-key form, which never overlaps).
_REGISTRATION_LOCK_SPACE = 74_021


class PossibleDuplicates(Exception):
    """The duplicate check found likely matches; nothing was registered."""

    def __init__(self, matches: list[Any]) -> None:
        super().__init__(f"{len(matches)} possible duplicates")
        self.matches = matches


def serialise_registrations(service_point: ServicePoint) -> None:
    """Let one registration at a time check for duplicates and insert at this service point,
    until its transaction ends, so that the second of two at once sees the first. SQLite
    serialises every write already."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_REGISTRATION_LOCK_SPACE, service_point.pk])


def registration_check(
    *,
    by: User,
    service_point: ServicePoint,
    fields: Mapping[str, Any],
    identifiers: Iterable[Mapping[str, Any]],
) -> None:
    """Raise ``PossibleDuplicates`` when the record about to be registered likely exists."""
    values = [str(row.get("value") or "") for row in identifiers]
    matches = duplicate_candidates(
        user=by, service_point=service_point, fields={**fields, "identifiers": values}
    )
    if matches:
        raise PossibleDuplicates(matches)


def search_keys_refresh(client: Client, changed: Iterable[str] | None = None) -> None:
    """Keep the search keys in step, inside the caller's transaction: always, or when one of
    ``changed`` is a field they are built from."""
    if changed is None or SEARCH_KEY_FIELDS.intersection(changed) or "identifiers" in changed:
        client_search_keys_refresh(client=client)
