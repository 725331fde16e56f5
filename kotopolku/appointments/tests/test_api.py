from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kotopolku.appointments import services
from kotopolku.appointments.models import Appointment, InterpreterBooking
from kotopolku.appointments.tests.factories import AppointmentFactory
from kotopolku.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _payload(world, **overrides):
    values = {
        "service_point": str(world.lead.uuid),
        "kind": "advisor",
        "worker": str(world.advisor.uuid),
        "starts_at": world.at(9).isoformat(),
        "ends_at": world.at(9, 30).isoformat(),
        "channel": "on_site",
        "client": str(world.client.uuid),
        "language": "en",
    }
    values.update(overrides)
    return values


def test_book__201_then_the_same_slot__422(client, world):
    client.force_login(world.advisor)
    first = client.post("/api/v1/appointments", _payload(world), content_type="application/json")
    assert first.status_code == 201, first.content
    second = client.post("/api/v1/appointments", _payload(world), content_type="application/json")
    assert second.status_code == 422 and "starts_at" in second.json()["errors"]
    assert Appointment.objects.count() == 1


def test_book__bad_fields__422_in_finnish_nothing_saved(client, world):
    client.force_login(world.advisor)
    response = client.post(
        "/api/v1/appointments",
        _payload(
            world,
            starts_at=(timezone.now() - timedelta(days=1)).isoformat(),
            ends_at=(timezone.now() - timedelta(days=2)).isoformat(),
            language="klingon",
            worker="00000000-0000-0000-0000-000000000000",
        ),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"starts_at", "ends_at", "language", "worker"} <= set(errors)
    assert "Tuntematon" in " ".join(errors["worker"])
    # A control character is refused at the edge, before the other fields are looked at.
    response = client.post(
        "/api/v1/appointments",
        _payload(world, topic="a\x00b"),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["topic"]
    assert not Appointment.objects.exists()


def test_book__other_service_point__403(client, world):
    client.force_login(world.outsider)
    response = client.post("/api/v1/appointments", _payload(world), content_type="application/json")
    assert response.status_code == 403


def test_cancel__stale_version_409_then_reason_code(client, world):
    appointment = AppointmentFactory(service_point=world.lead, worker=world.advisor)
    client.force_login(world.advisor)
    stale = client.post(
        f"/api/v1/appointments/{appointment.uuid}/cancel",
        {"reason": "client_ill"},
        content_type="application/json",
        HTTP_IF_MATCH='"9"',
    )
    assert stale.status_code == 409
    bad = client.post(
        f"/api/v1/appointments/{appointment.uuid}/cancel", {"reason": "nope"}, content_type="application/json"
    )
    assert bad.status_code == 422 and "reason" in bad.json()["errors"]
    done = client.post(
        f"/api/v1/appointments/{appointment.uuid}/cancel",
        {"reason": "client_ill"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "cancelled"


def test_ics__one_appointment(client, world):
    appointment = AppointmentFactory(service_point=world.lead, worker=world.advisor)
    client.force_login(world.advisor)
    response = client.get(f"/api/v1/appointments/{appointment.uuid}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and str(appointment.uuid) in body


def test_calendar__worker_slots_and_list_query_counts(client, world, django_assert_max_num_queries):
    services.appointment_book(
        service_point=world.lead,
        data=services.BookingData(
            kind="advisor",
            starts_at=world.at(9),
            ends_at=world.at(9, 30),
            channel="on_site",
            worker=world.advisor,
            client=world.client,
        ),
        by=world.advisor,
    )
    for hour in (10, 11):
        AppointmentFactory(service_point=world.lead, worker=world.advisor, starts_at=world.at(hour))
    client.force_login(world.advisor)
    with django_assert_max_num_queries(10):
        response = client.get(f"/api/v1/calendars/{world.advisor.uuid}?start={world.monday}&days=7")
    day = response.json()["days"][0]
    assert [slot["state"] for slot in day["slots"]].count("booked") == 3
    with django_assert_max_num_queries(8):
        listing = client.get(
            f"/api/v1/appointments?date_from={world.monday}&date_to={world.monday + timedelta(days=6)}"
        )
    assert listing.json()["count"] == 3


def test_interpreter_bookings__create_and_list(client, world, django_assert_max_num_queries):
    appointment = AppointmentFactory(service_point=world.lead, worker=world.advisor)
    client.force_login(world.advisor)
    bad = client.post(
        "/api/v1/interpreter-bookings",
        {
            "appointment": str(appointment.uuid),
            "language": "xx",
            "mode": "telepathy",
            "provider": str(world.kela.uuid),
            "duration_minutes": 0,
            "cost": "-1",
        },
        content_type="application/json",
    )
    assert bad.status_code == 422 and {"language", "mode", "duration_minutes", "cost"} <= set(
        bad.json()["errors"]
    )
    for _ in range(3):
        ok = client.post(
            "/api/v1/interpreter-bookings",
            {
                "appointment": str(appointment.uuid),
                "language": "ar",
                "mode": "phone",
                "provider": str(world.kela.uuid),
                "duration_minutes": 45,
                "cost": "85.50",
            },
            content_type="application/json",
        )
        assert ok.status_code == 201
    with django_assert_max_num_queries(6):
        listing = client.get("/api/v1/interpreter-bookings")
    assert listing.json()["count"] == 3 == InterpreterBooking.objects.count()
    assert AuditEvent.objects.filter(action="appointments.interpreter").count() == 3
