from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kotopolku.events.models import Event, HeadCount, Registration, WorkshopOutput
from kotopolku.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def event_form(**overrides):
    start = timezone.localtime() + dt.timedelta(days=3)
    values = {
        "kind": "workshop",
        "status": "published",
        "title_fi": "Työpaja",
        "description_fi": "",
        "title_sv": "",
        "description_sv": "",
        "title_en": "Workshop",
        "description_en": "",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Kaupungintalo",
        "online_url": "",
        "capacity": "10",
        "public_registration": "on",
    }
    values.update(overrides)
    return values


def test_event_list__in_few_queries(client, office, django_assert_max_num_queries):
    for _ in range(8):
        RegistrationFactory(event=EventFactory(service_point=office.point))
    client.force_login(office.advisor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:list"))
    assert response.status_code == 200 and len(response.context["events"]) == 8


def test_event_create__ends_before_start__message_on_the_field(client, office):
    client.force_login(office.advisor)
    start = timezone.localtime() + dt.timedelta(days=3)
    response = client.post(
        reverse("events:create"),
        event_form(ends_at=(start - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")),
    )
    assert response.status_code == 200 and response.context["form"].errors["ends_at"]
    assert not Event.objects.exists()


def test_event_detail__attendance_head_count_and_workshop_output(client, office):
    client.force_login(office.advisor)
    client.post(reverse("events:create"), event_form())
    event = Event.objects.get()
    registration = RegistrationFactory(event=event)
    client.post(reverse("events:attendance", args=[registration.uuid]), {"attendance": "present"})
    client.post(
        reverse("events:head_count", args=[event.uuid]), {"language": "ar", "gender": "woman", "count": "3"}
    )
    client.post(
        reverse("events:output_add", args=[event.uuid]),
        {"title": "Ideat", "note": "Työpaikkalistaus englanniksi"},
    )
    page = client.get(reverse("events:detail", args=[event.uuid]))
    assert page.context["counts"] == {"registered": 1, "waiting": 0, "present": 1, "walk_ins": 3}
    assert HeadCount.objects.get().count == 3 and WorkshopOutput.objects.get().title == "Ideat"


def test_public_event__registers_with_the_form_and_refuses_the_honeypot(client, office):
    event = EventFactory(service_point=office.point)
    url = reverse("events:public_event", args=[event.uuid])
    assert client.get(url).status_code == 200
    data = {
        "name": "Olga",
        "email": "olga@example.test",
        "language": "ru",
        "phone": "",
        "needs": "",
        "website": "",
    }
    assert client.post(url, {**data, "website": "http://spam"}).status_code == 400
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["done"].status == "registered"
    duplicate = client.post(url, data)
    assert duplicate.status_code == 400 and duplicate.context["form"].errors["email"]
    assert Registration.objects.count() == 1


def test_public_event__a_draft_is_not_found(client, office):
    event = EventFactory(service_point=office.point, status="draft")
    assert client.get(reverse("events:public_event", args=[event.uuid])).status_code == 404


def test_feed__the_service_points_published_events_as_icalendar(client, office):
    EventFactory(service_point=office.point, title="Kaupunkikierros")
    EventFactory(service_point=office.point, status="draft", title="Luonnos")
    EventFactory(service_point=office.other_point, title="Muualla")
    response = client.get(reverse("events:feed", args=[office.point.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == ["Kaupunkikierros"]


def test_cancel_link__unknown_token_404(client):
    assert client.get(reverse("events:cancel", args=["nope"])).status_code == 404
