"""Pop-up series and a worker's availability and absences over the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kotopolku.appointments.enums import AppointmentStatus
from kotopolku.appointments.models import Absence, Appointment, AppointmentSeries, Availability
from kotopolku.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _series_payload(world, **overrides):
    values = {
        "service_point": str(world.lead.uuid),
        "organisation": str(world.kela.uuid),
        "title": "Kela pop-up",
        "first_date": (world.monday + timedelta(days=1)).isoformat(),
        "last_date": (world.monday + timedelta(days=29)).isoformat(),
        "starts": "10:00",
        "ends": "12:00",
        "interval_weeks": 2,
        "slot_minutes": 30,
    }
    values.update(overrides)
    return values


def _create(client, world, **overrides):
    response = client.post(
        "/api/v1/appointment-series", _series_payload(world, **overrides), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_series__create_list_and_read__slots_free(client, world, django_assert_max_num_queries):
    client.force_login(world.coordinator)
    created = _create(client, world)
    assert created["free"] == 12 and created["booked"] == 0 and len(created["slots"]) == 12
    with django_assert_max_num_queries(8):
        page = client.get("/api/v1/appointment-series").json()
    assert page["count"] == 1 and page["items"][0]["id"] == created["id"]
    one = client.get(f"/api/v1/appointment-series/{created['id']}")
    assert one.status_code == 200 and one["ETag"] == '"1"'
    assert AuditEvent.objects.filter(action="appointments.series_create").count() == 1


def test_series__bad_fields__422_per_field_in_swedish_nothing_saved(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        "/api/v1/appointment-series",
        _series_payload(
            world,
            title="",
            first_date=(world.monday - timedelta(days=30)).isoformat(),
            ends="09:00",
            interval_weeks=12,
            channel="pigeon",
        ),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"title", "first_date", "ends", "interval_weeks", "channel"} <= set(errors)
    assert "Detta fält måste fyllas i." in errors["title"] or "obligatoriskt" in " ".join(errors["title"])
    hostile = client.post(
        "/api/v1/appointment-series",
        _series_payload(world, title="Kela\u202e pop-up"),
        content_type="application/json",
    )
    assert hostile.status_code == 422 and "title" in hostile.json()["errors"]
    assert not AppointmentSeries.objects.exists() and not Appointment.objects.exists()


def test_series__advisor_of_another_point_is_refused(client, world):
    client.force_login(world.outsider)
    response = client.post(
        "/api/v1/appointment-series", _series_payload(world), content_type="application/json"
    )
    assert response.status_code == 403
    assert not AppointmentSeries.objects.exists()


def test_series__book_a_slot_then_change_and_cancel_as_one__one_message_per_person(
    client, world, smtp_server, django_capture_on_commit_callbacks
):
    client.force_login(world.coordinator)
    created = _create(client, world)
    slots = [slot["id"] for slot in created["slots"]]
    with django_capture_on_commit_callbacks(execute=True):
        for slot in slots[:2]:
            booked = client.post(
                f"/api/v1/appointments/{slot}/book",
                {"client": str(world.client.uuid), "language": "en"},
                content_type="application/json",
            )
            assert booked.status_code == 200, booked.content
            assert booked.json()["status"] == AppointmentStatus.BOOKED
    again = client.post(
        f"/api/v1/appointments/{slots[0]}/book",
        {"contact_name": "Late Comer"},
        content_type="application/json",
    )
    assert again.status_code == 422 and "starts_at" in again.json()["errors"]

    stale = client.patch(
        f"/api/v1/appointment-series/{created['id']}",
        {"starts": "10:00", "ends": "11:00", "location": "Room 2"},
        content_type="application/json",
        HTTP_IF_MATCH='"0"',
    )
    assert stale.status_code == 409
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changed = client.patch(
            f"/api/v1/appointment-series/{created['id']}",
            {"starts": "10:00", "ends": "11:00", "location": "Room 2", "version": 1},
            content_type="application/json",
        )
    assert changed.status_code == 200, changed.content
    assert changed.json()["people_told"] == 1 and changed.json()["series"]["version"] == 2
    assert len(smtp_server.messages) == 1

    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = client.post(
            f"/api/v1/appointment-series/{created['id']}/cancel",
            {},
            content_type="application/json",
            HTTP_IF_MATCH='"2"',
        )
    assert cancelled.status_code == 200, cancelled.content
    assert cancelled.json()["people_told"] == 1 and cancelled.json()["series"]["cancelled_at"]
    assert len(smtp_server.messages) == 1
    assert (
        not Appointment.objects.filter(series__uuid=created["id"])
        .exclude(status=AppointmentStatus.CANCELLED)
        .exists()
    )
    twice = client.post(
        f"/api/v1/appointment-series/{created['id']}/cancel", {}, content_type="application/json"
    )
    assert twice.status_code == 422


def test_book_slot__not_a_popup_slot_or_bad_email__422(client, world):
    client.force_login(world.coordinator)
    created = _create(client, world)
    slot = created["slots"][0]["id"]
    bad = client.post(
        f"/api/v1/appointments/{slot}/book",
        {"contact_name": "Employer Contact", "contact_email": "not-an-address"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "contact_email" in bad.json()["errors"]
    assert Appointment.objects.get(uuid=slot).status == AppointmentStatus.OPEN


def test_availability__own_rows_created_changed_with_versions_and_removed(client, world):
    client.force_login(world.advisor)
    response = client.post(
        "/api/v1/availabilities",
        {"service_point": str(world.lead.uuid), "weekday": 2, "starts": "09:00", "ends": "11:00"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    row = response.json()
    assert row["version"] == 1 and row["slot_minutes"] == 30
    listed = client.get("/api/v1/availabilities").json()
    assert {item["weekday"] for item in listed} == {0, 2}
    changed = client.patch(
        f"/api/v1/availabilities/{row['id']}",
        {"ends": "12:00"},
        content_type="application/json",
        HTTP_IF_MATCH='"1"',
    )
    assert (
        changed.status_code == 200 and changed.json()["ends"] == "12:00:00" and changed.json()["version"] == 2
    )
    stale = client.patch(
        f"/api/v1/availabilities/{row['id']}",
        {"ends": "13:00", "version": 1},
        content_type="application/json",
    )
    assert stale.status_code == 409
    bad = client.patch(
        f"/api/v1/availabilities/{row['id']}",
        {"ends": "08:00", "weekday": 9},
        content_type="application/json",
    )
    assert bad.status_code == 422 and {"ends", "weekday"} <= set(bad.json()["errors"])
    # A weekly hour has no fixed offset: a time with one is refused, not compared (once a 500).
    with_offset = client.patch(
        f"/api/v1/availabilities/{row['id']}", {"starts": "09:00:00Z"}, content_type="application/json"
    )
    assert with_offset.status_code == 422 and "starts" in with_offset.json()["errors"]
    # Another worker's row is not found.
    client.force_login(world.coordinator)
    assert client.delete(f"/api/v1/availabilities/{row['id']}").status_code == 404
    client.force_login(world.advisor)
    assert client.delete(f"/api/v1/availabilities/{row['id']}", HTTP_IF_MATCH='"1"').status_code == 409
    assert client.delete(f"/api/v1/availabilities/{row['id']}").status_code == 204
    assert not Availability.objects.filter(uuid=row["id"]).exists()
    assert AuditEvent.objects.filter(action__startswith="appointments.availability").count() == 3


def test_availability__at_a_point_the_user_does_not_work_at__422(client, world):
    client.force_login(world.advisor)
    response = client.post(
        "/api/v1/availabilities",
        {"service_point": str(world.other.uuid), "weekday": 2, "starts": "09:00", "ends": "11:00"},
        content_type="application/json",
    )
    assert response.status_code == 422 and "service_point" in response.json()["errors"]


def test_absence__created_changed_and_removed__the_calendar_shows_it(client, world):
    client.force_login(world.advisor)
    payload = {"starts_at": world.at(9).isoformat(), "ends_at": world.at(10).isoformat(), "note": "Training"}
    created = client.post("/api/v1/absences", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    absence = created.json()
    calendar = client.get(
        f"/api/v1/calendars/{world.advisor.uuid}", {"start": world.monday.isoformat(), "days": 1}
    ).json()
    states = {slot["starts_at"][11:16]: slot["state"] for slot in calendar["days"][0]["slots"]}
    assert states and "free" in states.values() and len(set(states.values())) > 1
    backwards = client.patch(
        f"/api/v1/absences/{absence['id']}",
        {"ends_at": world.at(8).isoformat()},
        content_type="application/json",
    )
    assert backwards.status_code == 422 and "ends_at" in backwards.json()["errors"]
    moved = client.patch(
        f"/api/v1/absences/{absence['id']}",
        {"ends_at": world.at(11).isoformat(), "version": 1},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["version"] == 2
    assert client.get("/api/v1/absences").json()[0]["id"] == absence["id"]
    assert client.delete(f"/api/v1/absences/{absence['id']}").status_code == 204
    assert not Absence.objects.exists()


@pytest.mark.parametrize(
    "ends_at",
    [
        "5709-02-14T17:01:03+21:40",  # an offset no time zone has: PostgreSQL refused it with a 500
        "2027-01-01T10:00:00-15:00",
        "9999-12-31T23:59:00-10:00",  # past the year 9999 in UTC
    ],
)
def test_absence__moment_no_time_zone_can_hold__422_per_field_and_nothing_stored(client, world, ends_at):
    client.force_login(world.advisor)
    payload = {"starts_at": world.at(9).isoformat(), "ends_at": ends_at, "note": ""}
    response = client.post("/api/v1/absences", payload, content_type="application/json")
    assert response.status_code == 422 and list(response.json()["errors"]) == ["ends_at"]
    assert not Absence.objects.exists()


def test_absence__moment_at_the_largest_offset__stored_as_the_same_moment(client, world):
    client.force_login(world.advisor)
    starts = world.at(9).astimezone(timezone.get_fixed_timezone(14 * 60))
    payload = {"starts_at": starts.isoformat(), "ends_at": world.at(10).isoformat(), "note": ""}
    response = client.post("/api/v1/absences", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert Absence.objects.get().starts_at == world.at(9)
