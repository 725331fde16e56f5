"""500 registrations to one event from 50 threads at once: the row lock on the event lets
exactly ``capacity`` in; everyone else waits; nobody is lost. PostgreSQL only (SQLite takes one
writer at a time anyway)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from kotopolku.events import services
from kotopolku.events.models import Registration
from kotopolku.events.tests.factories import EventFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent row locks need PostgreSQL"),
]

THREADS = 50
PER_THREAD = 10
CAPACITY = 120


def _register(event, thread: int) -> list[str]:
    statuses = []
    try:
        for n in range(PER_THREAD):
            registration = services.registration_create(
                event=event,
                data=services.RegistrationData(
                    name=f"Henkilö {thread}-{n}", email=f"t{thread}n{n}@example.test", language="en"
                ),
            )
            statuses.append(registration.status)
    finally:
        connections.close_all()
    return statuses


def test_registrations__500_from_50_threads__exactly_capacity_registered_rest_waiting():
    event = EventFactory(capacity=CAPACITY)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = [
            status
            for statuses in pool.map(lambda t: _register(event, t), range(THREADS))
            for status in statuses
        ]
    assert len(results) == THREADS * PER_THREAD
    assert Registration.objects.filter(event=event).count() == THREADS * PER_THREAD
    assert Registration.objects.filter(event=event, status="registered").count() == CAPACITY
    assert (
        Registration.objects.filter(event=event, status="waiting").count() == THREADS * PER_THREAD - CAPACITY
    )
    assert results.count("registered") == CAPACITY
    # The first to come got the places: no one registered after someone who waits.
    registered = list(
        Registration.objects.filter(event=event, status="registered").values_list("created_at", flat=True)
    )
    waiting = list(
        Registration.objects.filter(event=event, status="waiting").values_list("created_at", flat=True)
    )
    assert max(registered) <= min(waiting)
