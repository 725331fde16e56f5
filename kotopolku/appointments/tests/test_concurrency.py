"""Two bookings of one slot at the same moment, from two threads with their own database
connections: one booking and one clear refusal."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from kotopolku.appointments import services
from kotopolku.appointments.models import Appointment

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite runs one write transaction at a time, so two bookings cannot race there",
    ),
]


def _race(book_one) -> list[object]:
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def run() -> None:
        try:
            barrier.wait()
            outcomes.append(book_one())
        except ValidationError as error:
            outcomes.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_bookings_of_one_worker_slot__one_booked_one_refused(world):
    def book_one():
        return services.appointment_book(
            service_point=world.lead,
            data=services.BookingData(
                kind="advisor",
                starts_at=world.at(10),
                ends_at=world.at(10, 30),
                channel="on_site",
                worker=world.advisor,
                client=world.client,
            ),
            by=world.advisor,
        )

    outcomes = _race(book_one)
    refusals = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(refusals) == 1 and "starts_at" in refusals[0].message_dict
    assert Appointment.objects.filter(worker=world.advisor).count() == 1


def test_two_bookings_of_one_popup_slot__one_booked_one_refused(world):
    from datetime import time, timedelta

    series = services.series_create(
        service_point=world.lead,
        data=services.SeriesData(
            organisation=world.kela,
            title="Kela",
            first_date=world.monday + timedelta(days=1),
            last_date=world.monday + timedelta(days=1),
            starts=time(10),
            ends=time(10, 30),
            slot_minutes=30,
        ),
        by=world.coordinator,
    )
    slot = series.slots.get()
    outcomes = _race(lambda: services.popup_slot_book(slot=slot, by=world.advisor, client=world.client))
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1
    assert Appointment.objects.get(pk=slot.pk).status == "booked"
