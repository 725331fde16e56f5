"""Races of two advisors saving the same record at once, on PostgreSQL: lost updates and double
registrations counted (issue 12, "Lost updates").

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_races_bench KOTOPOLKU_ENV=development \\
        .venv/bin/python bench/lost_updates.py [--races 100]

Each race runs two threads, each with its own database connection, released together:

* different fields: one changes the permit type, the other the e-mail (``client_update`` with
  no expected version); a race is lost when the stored row lacks either value, and its audit
  events are checked against the row (each names exactly the field it changed);
* same field with the version both read: one must save and the other get ``StaleVersion``;
* the same person registered twice with the duplicate check: one must be registered and the
  other told of the first.

Rows are made in a service point of their own and removed afterwards.
"""

from __future__ import annotations

import argparse
import threading
import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

from harness import setup_django


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    from django.db import connections

    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _update(pk: int, fields: dict[str, Any], by: Any, expected_version: int | None = None) -> Any:
    from kotopolku.clients.models import Client
    from kotopolku.clients.services import client_update

    return client_update(
        client=Client.objects.get(pk=pk), fields=fields, by=by, expected_version=expected_version
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--races", type=int, default=100)
    races = parser.parse_args().races
    setup_django()
    from django.db import connection

    from kotopolku.accounts.enums import Role
    from kotopolku.accounts.models import Membership, User
    from kotopolku.audit.models import AuditEvent
    from kotopolku.clients.models import Client
    from kotopolku.clients.services import PossibleDuplicates, client_register
    from kotopolku.core.versioning import StaleVersion
    from kotopolku.organisations.models import Municipality, ServicePoint

    if connection.vendor != "postgresql":
        raise SystemExit("Run on PostgreSQL (DATABASE_URL): SQLite serialises every write.")
    tag = uuid.uuid4().hex[:8]
    point = ServicePoint.objects.create(
        name=f"Race bench {tag}", slug=f"race-bench-{tag}", municipality=Municipality.objects.first()
    )
    advisor = User.objects.create_user(email=f"race-{tag}@example.test", password=None)
    Membership.objects.create(user=advisor, role=Role.ADVISOR, service_point=point)
    client = client_register(
        service_point=point, fields={"given_names_latin": "Race", "family_name_latin": tag}, by=advisor
    )
    try:
        lost = audit_mismatch = 0
        for race in range(races):
            permit, email = f"A{race}", f"race{race}@example.test"
            before = AuditEvent.objects.filter(target_id=str(client.uuid), action="clients.change").count()
            at_once(
                partial(_update, client.pk, {"permit_type": permit}, advisor),
                partial(_update, client.pk, {"email": email}, advisor),
            )
            stored = Client.objects.get(pk=client.pk)
            lost += (stored.permit_type, stored.email) != (permit, email)
            events = AuditEvent.objects.filter(target_id=str(client.uuid), action="clients.change").order_by(
                "id"
            )
            named = sorted(tuple(event.details["fields"]) for event in events[before:])
            audit_mismatch += named != [("email",), ("permit_type",)]
        print(f"different fields: races={races} lost={lost} audit-events-not-matching-row={audit_mismatch}")

        silent = 0
        for race in range(races):
            version = Client.objects.get(pk=client.pk).version
            outcomes = at_once(
                *(
                    partial(_update, client.pk, {"permit_type": f"{who} {race}"}, advisor, version)
                    for who in ("first", "second")
                )
            )
            silent += sum(isinstance(outcome, StaleVersion) for outcome in outcomes) != 1
        print(f"same field, same version read: races={races} not-one-saved-one-refused={silent}")

        doubles = 0
        for race in range(races // 5):
            person = {
                "given_names_latin": f"Oleksandr{tag}{race}",
                "family_name_latin": "Kovalenko",
                "birth_year": 1985,
            }
            register = partial(
                client_register, service_point=point, fields=person, by=advisor, confirm_new_person=False
            )
            outcomes = at_once(register, register)
            doubles += sum(isinstance(outcome, PossibleDuplicates) for outcome in outcomes) != 1
            Client.objects.filter(service_point=point).exclude(pk=client.pk).delete()
        print(f"same person registered twice at once: races={races // 5} both-registered-or-failed={doubles}")
    finally:
        Client.objects.filter(service_point=point).delete()
        Membership.objects.filter(service_point=point).delete()
        point.delete()


if __name__ == "__main__":
    main()
