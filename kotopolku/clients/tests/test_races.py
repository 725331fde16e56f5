"""Two advisors saving at the same moment, with real threads and their own connections.

SQLite serialises every write of the whole database, so a race there proves nothing: these
run on PostgreSQL, where two transactions really overlap.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client as HttpClient

from kotopolku.accounts.services import api_token_create
from kotopolku.audit.models import AuditEvent
from kotopolku.clients.models import Client
from kotopolku.clients.tests.factories import ClientFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises all writes, so requests cannot race; run with DATABASE_URL on PostgreSQL",
    ),
]

RACES = 100


def _api(user: Any) -> HttpClient:
    _, raw = api_token_create(user=user, name="race")
    return HttpClient(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads released together; each thread uses its own connection."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _patch(api: HttpClient, uuid: Any, data: dict[str, Any], **headers: str) -> Any:
    return api.patch(f"/api/v1/clients/{uuid}", data, content_type="application/json", headers=headers)


def test_patch_race__different_fields__no_lost_update_and_audit_matches_row(advisor, rovaniemi):
    first, second = _api(advisor), _api(advisor)
    client = ClientFactory(service_point=rovaniemi)
    lost = 0
    for race in range(RACES):
        permit, email = f"A{race}", f"race{race}@example.fi"
        before = AuditEvent.objects.filter(action="clients.change").count()
        one, other = _at_once(
            lambda: _patch(first, client.uuid, {"permit_type": permit}),
            lambda: _patch(second, client.uuid, {"email": email}),
        )
        assert (one.status_code, other.status_code) == (200, 200), (one.content, other.content)
        stored = Client.objects.get(pk=client.pk)
        lost += (stored.permit_type, stored.email) != (permit, email)
        events = AuditEvent.objects.filter(action="clients.change").order_by("id")[before:]
        assert sorted(tuple(event.details["fields"]) for event in events) == [("email",), ("permit_type",)]
    assert lost == 0
    assert Client.objects.get(pk=client.pk).version == 1 + 2 * RACES


def test_patch_race__same_field_with_if_match__one_wins_the_other_gets_409(advisor, rovaniemi):
    first, second = _api(advisor), _api(advisor)
    client = ClientFactory(service_point=rovaniemi)
    for race in range(RACES):
        version = Client.objects.get(pk=client.pk).version
        tag = f'"{version}"'
        one, other = _at_once(
            lambda: _patch(first, client.uuid, {"permit_type": f"first {race}"}, if_match=tag),
            lambda: _patch(second, client.uuid, {"permit_type": f"second {race}"}, if_match=tag),
        )
        codes = sorted([one.status_code, other.status_code])
        assert codes == [200, 409], (one.content, other.content)
        winner = "first" if one.status_code == 200 else "second"
        loser = other if winner == "first" else one
        stored = Client.objects.get(pk=client.pk)
        assert stored.permit_type == f"{winner} {race}"
        assert stored.version == version + 1
        conflict = loser.json()
        assert conflict["version"] == version + 1
        assert conflict["changed"] == {"permit_type": f"{winner} {race}"}


def test_patch_race__same_field_without_version__serialised_each_audited(advisor, rovaniemi):
    """Without If-Match the two saves are serialised under the row lock: the later one wins,
    and the audit log shows both, each at its own version."""
    first, second = _api(advisor), _api(advisor)
    client = ClientFactory(service_point=rovaniemi)
    for race in range(20):
        one, other = _at_once(
            lambda: _patch(first, client.uuid, {"permit_type": f"first {race}"}),
            lambda: _patch(second, client.uuid, {"permit_type": f"second {race}"}),
        )
        assert (one.status_code, other.status_code) == (200, 200)
        stored = Client.objects.get(pk=client.pk)
        last = AuditEvent.objects.filter(action="clients.change").order_by("-id").first()
        assert last is not None and last.details["version"] == stored.version
        assert stored.permit_type in (f"first {race}", f"second {race}")


def test_register_race__same_person_twice__the_second_sees_the_first(advisor, rovaniemi):
    first, second = _api(advisor), _api(advisor)
    for race in range(20):
        person = {
            "given_names_latin": f"Oleksandr{race}",
            "family_name_latin": "Kovalenko",
            "birth_year": 1985,
            "birth_month": 3,
            "birth_day": 14,
        }
        one, other = _at_once(
            lambda: first.post("/api/v1/clients", person, content_type="application/json"),
            lambda: second.post("/api/v1/clients", person, content_type="application/json"),
        )
        assert sorted([one.status_code, other.status_code]) == [201, 409], (one.content, other.content)
        assert Client.objects.filter(given_names_latin=f"Oleksandr{race}").count() == 1
        Client.objects.all().delete()  # the next round's person must not match this one
