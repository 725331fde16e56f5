from __future__ import annotations

from datetime import time, timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kotopolku.appointments import services
from kotopolku.appointments.models import Appointment, AppointmentRequest, CalendarFeed
from kotopolku.appointments.tests.factories import AppointmentFactory
from kotopolku.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_calendar_week__service_point_and_worker_views__query_counts(
    client, world, django_assert_max_num_queries
):
    for hour in (9, 10, 11):
        AppointmentFactory(
            service_point=world.lead, worker=world.advisor, starts_at=world.at(hour), client=world.client
        )
    client.force_login(world.advisor)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("appointments:calendar") + f"?date={world.monday}")
    page = response.content.decode()
    assert response.status_code == 200 and world.advisor.full_name in page and world.expert.full_name in page
    assert page.count("slot--booked") == 3
    response = client.get(
        reverse("appointments:calendar") + f"?worker={world.advisor.uuid}&view=day&date={world.monday}"
    )
    assert response.status_code == 200


def test_book_page__free_slot_link_books_and_detail_is_audited(client, world):
    client.force_login(world.advisor)
    url = reverse("appointments:book") + f"?client={world.client.uuid}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": "advisor",
            "service_point": str(world.lead.uuid),
            "worker": str(world.advisor.uuid),
            "starts_at": f"{world.monday}T09:30",
            "ends_at": f"{world.monday}T10:00",
            "channel": "on_site",
            "client": str(world.client.uuid),
            "language": "fi",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    appointment = Appointment.objects.get()
    assert client.get(reverse("appointments:detail", args=[appointment.uuid])).status_code == 200
    assert AuditEvent.objects.filter(action="appointments.view", target_id=str(appointment.uuid)).exists()
    ics = client.get(reverse("appointments:ics", args=[appointment.uuid]))
    assert ics["Content-Type"].startswith("text/calendar")


def test_book_page__outside_availability__400_nothing_saved(client, world):
    client.force_login(world.advisor)
    response = client.post(
        reverse("appointments:book"),
        {
            "kind": "advisor",
            "service_point": str(world.lead.uuid),
            "worker": str(world.advisor.uuid),
            "starts_at": f"{world.monday}T15:00",
            "ends_at": f"{world.monday}T15:30",
            "channel": "on_site",
            "contact_name": "Maija",
            "language": "fi",
        },
    )
    assert response.status_code == 400 and not Appointment.objects.exists()


def test_cancel_in_the_ui_with_a_reason(client, world):
    appointment = AppointmentFactory(service_point=world.lead, worker=world.advisor)
    client.force_login(world.advisor)
    url = reverse("appointments:status", args=[appointment.uuid, "cancel"])
    assert client.post(url, {"cancel-version": 1, "cancel-reason": ""}).status_code == 400
    assert client.post(url, {"cancel-version": 1, "cancel-reason": "client_ill"}).status_code == 302
    assert Appointment.objects.get(pk=appointment.pk).status == "cancelled"


def test_series_pages__create_and_book_a_slot(client, world):
    client.force_login(world.coordinator)
    tuesday = world.monday + timedelta(days=1)
    response = client.post(
        reverse("appointments:series"),
        {
            "organisation": str(world.kela.uuid),
            "title": "Kela pop-up",
            "first_date": tuesday,
            "last_date": tuesday + timedelta(days=14),
            "interval_weeks": 2,
            "starts": "10:00",
            "ends": "12:00",
            "slot_minutes": 20,
            "channel": "on_site",
        },
    )
    assert response.status_code == 302
    slot = Appointment.objects.filter(kind="popup").order_by("starts_at").first()
    assert client.get(reverse("appointments:popup_slot", args=[slot.uuid])).status_code == 200
    booked = client.post(
        reverse("appointments:popup_book", args=[slot.uuid]),
        {"client": str(world.client.uuid), "language": "fi"},
    )
    assert booked.status_code == 302
    assert Appointment.objects.get(pk=slot.pk).client == world.client
    assert client.get(reverse("appointments:calendar") + f"?date={world.monday}").status_code == 200


def test_my_calendar__availability_and_a_revocable_feed(client, world):
    client.force_login(world.advisor)
    url = reverse("appointments:mine")
    response = client.post(
        url,
        {
            "add_availability": "1",
            "service_point": str(world.lead.uuid),
            "weekday": 2,
            "starts": "12:00",
            "ends": "11:00",
            "slot_minutes": 30,
        },
    )
    assert response.status_code == 400
    page = client.post(url, {"new_feed": "1"}).content.decode()
    feed_path = page.split("/appointments/feed/")[1].split(".ics")[0]
    AppointmentFactory(service_point=world.lead, worker=world.advisor, starts_at=world.at(10))
    feed = client.__class__().get(f"/appointments/feed/{feed_path}.ics")
    assert feed.status_code == 200 and b"BEGIN:VEVENT" in feed.content
    assert world.client.family_name.encode() not in feed.content
    client.post(url, {"revoke_feed": "1"})
    assert client.__class__().get(f"/appointments/feed/{feed_path}.ics").status_code == 404
    assert CalendarFeed.objects.filter(revoked_at__isnull=False).count() == 1


def test_interpreter_report__page_and_xlsx(client, world):
    appointment = AppointmentFactory(service_point=world.lead, worker=world.advisor)
    services.interpreter_book(
        appointment=appointment,
        data=services.InterpreterData(
            language="ar", mode="phone", provider=world.kela, duration_minutes=45, cost="85.50"
        ),
        by=world.advisor,
    )
    client.force_login(world.coordinator)
    month = f"{appointment.starts_at:%Y-%m}"
    page = client.get(reverse("appointments:interpreter_report") + f"?month={month}")
    assert "85.50" in page.content.decode() or "85,50" in page.content.decode()
    xlsx = client.get(reverse("appointments:interpreter_report") + f"?month={month}&format=xlsx")
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[2]][:5] == ["ar", "Kela", world.lead.name, 1, 45]
    assert client.get(reverse("appointments:interpreter_report") + "?month=2026-13").status_code == 400


def test_public_request_form__queue__honeypot__rate_limit__size(client, world):
    url = reverse("appointments:request")
    assert client.get(url).status_code == 200
    data = {
        "service_point": str(world.lead.uuid),
        "topic": "Residence permit",
        "language": "ar",
        "preferred_times": "Mornings",
        "name": "Ali",
        "email": "ali@example.org",
    }
    assert client.post(url, {**data, "language": "zz-top"}).status_code == 400
    assert client.post(url, data).status_code == 200
    assert client.post(url, {**data, "website": "http://spam.example"}).status_code == 200
    assert AppointmentRequest.objects.count() == 1
    for _ in range(4):
        client.post(url, data)
    assert client.post(url, data).status_code == 400
    assert AppointmentRequest.objects.count() == 5
    assert client.post(url, {**data, "message": "x" * 20_000}).status_code == 413
    staff = client.__class__()
    staff.force_login(world.advisor)
    queue = staff.get(reverse("appointments:requests"))
    assert queue.status_code == 200 and "Residence permit" in queue.content.decode()
    first = AppointmentRequest.objects.first()
    assert staff.post(reverse("appointments:requests"), {"handled": str(first.uuid)}).status_code == 302
    outsider = client.__class__()
    outsider.force_login(world.outsider)
    assert "Residence permit" not in outsider.get(reverse("appointments:requests")).content.decode()


def test_series_change_page__one_message_per_person(
    client, world, smtp_server, django_capture_on_commit_callbacks
):
    series = services.series_create(
        service_point=world.lead,
        data=services.SeriesData(
            organisation=world.kela,
            title="Kela",
            first_date=world.monday + timedelta(days=1),
            last_date=world.monday + timedelta(days=15),
            starts=time(10),
            ends=time(11),
            slot_minutes=30,
        ),
        by=world.coordinator,
    )
    for slot in series.slots.all():
        services.popup_slot_book(slot=slot, by=world.advisor, client=world.client)
    client.force_login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("appointments:series_detail", args=[series.uuid]),
            {"starts": "13:00", "ends": "14:00", "location": "Room 3", "version": 1},
        )
    assert response.status_code == 302
    assert len(smtp_server.messages) == 1  # four slots, one person, one message


def test_book_page__client_search_keeps_the_chosen_slot(client, world):
    client.force_login(world.advisor)
    page = client.get(
        reverse("appointments:book")
        + f"?q={world.client.given_names} Ivanova&worker={world.advisor.uuid}&starts_at={world.monday}T09:00"
    ).content.decode()
    assert f"?client={world.client.uuid}&amp;starts_at=" in page


def test_client_profile__book_opens_the_booking_form_with_the_client_chosen(client, world):
    client.force_login(world.advisor)
    profile = client.get(reverse("clients:profile", args=[world.client.uuid]))
    target = f"{reverse('appointments:book')}?client={world.client.uuid}"
    assert target in profile.content.decode()
    form = client.get(target)
    assert form.status_code == 200 and world.client.display_name in form.content.decode()


def test_client_profile__network_expert_outside_the_team_gets_no_booking_action(client, world):
    client.force_login(world.expert)
    profile = client.get(reverse("clients:profile", args=[world.kemi_client.uuid]))
    assert reverse("appointments:book") not in profile.content.decode()
