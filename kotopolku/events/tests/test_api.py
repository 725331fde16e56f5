from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kotopolku.audit.models import AuditEvent
from kotopolku.events.models import Event, Registration
from kotopolku.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


def event_payload(**overrides):
    start = timezone.now() + dt.timedelta(days=5)
    values = {
        "kind": "job_fair",
        "status": "published",
        "starts_at": start.isoformat(),
        "ends_at": (start + dt.timedelta(hours=4)).isoformat(),
        "texts": {
            "fi": {"title": "Rekrytointimessut"},
            "en": {"title": "Job fair", "description": "Meet employers"},
        },
        "place": "Lappia-talo",
        "capacity": 100,
        "target_groups": ["job_seekers"],
        "languages": ["fi", "en"],
    }
    values.update(overrides)
    return values


def test_events__create_list_and_change_with_version(client, office, django_assert_max_num_queries):
    client.force_login(office.advisor)
    created = client.post(f"{API}/events", event_payload(), content_type="application/json")
    assert created.status_code == 201, created.content
    event_id = created.json()["id"]
    EventFactory.create_batch(4, service_point=office.point)
    with django_assert_max_num_queries(15):
        listed = client.get(f"{API}/events")
    assert len(listed.json()) == 5
    stale = client.put(f"{API}/events/{event_id}", event_payload(version=7), content_type="application/json")
    assert stale.status_code == 409
    assert stale.json()["version"] == 1 and stale.json()["detail"]
    ok = client.put(
        f"{API}/events/{event_id}", event_payload(capacity=50, version=1), content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["capacity"] == 50


def test_events__capacity_below_registrations__422(client, office):
    event = EventFactory(service_point=office.point, capacity=5)
    RegistrationFactory.create_batch(3, event=event)
    client.force_login(office.advisor)
    response = client.put(
        f"{API}/events/{event.uuid}", event_payload(capacity=2), content_type="application/json"
    )
    assert response.status_code == 422 and "capacity" in response.json()["errors"]


def test_registrations__staff_list_is_audited_and_attendance_marked(client, office):
    event = EventFactory(service_point=office.point)
    registration = RegistrationFactory(event=event)
    client.force_login(office.advisor)
    listed = client.get(f"{API}/events/{event.uuid}/registrations")
    assert [r["id"] for r in listed.json()] == [str(registration.uuid)]
    assert AuditEvent.objects.filter(action="events.registrations", target_id=str(event.uuid)).exists()
    marked = client.put(
        f"{API}/events/{event.uuid}/registrations/{registration.uuid}/attendance",
        {"attendance": "present"},
        content_type="application/json",
    )
    assert marked.json()["attendance"] == "present"
    client.force_login(office.outsider)
    assert client.get(f"{API}/events/{event.uuid}/registrations").status_code == 403


def test_public_events__published_only_without_login_and_no_personal_data(client, office):
    shown = EventFactory(service_point=office.point, capacity=3)
    RegistrationFactory(event=shown)
    EventFactory(service_point=office.point, status="draft")
    response = client.get(f"{API}/public/events")
    assert response.status_code == 200
    [item] = response.json()
    assert item["id"] == str(shown.uuid) and item["places_left"] == 2 and item["registration_open"]
    assert "registrations" not in item and "@" not in str(item)


def test_public_registration__honeypot_deadline_duplicate_and_rate_limit(client, office):
    event = EventFactory(service_point=office.point)
    url = f"{API}/public/events/{event.uuid}/registrations"
    person = {"name": "Mira", "email": "mira@example.test", "language": "uk"}
    assert client.post(url, {**person, "website": "spam"}, content_type="application/json").status_code == 422
    assert client.post(url, person, content_type="application/json").status_code == 201
    again = client.post(url, person, content_type="application/json")
    assert again.status_code == 422 and "email" in again.json()["errors"]
    for n in range(10):
        client.post(url, {**person, "email": f"m{n}@example.test"}, content_type="application/json")
    assert (
        client.post(
            url, {**person, "email": "late@example.test"}, content_type="application/json"
        ).status_code
        == 429
    )
    Event.objects.filter(pk=event.pk).update(registration_deadline=timezone.now() - dt.timedelta(minutes=1))
    closed = client.post(
        url,
        {**person, "email": "x@example.test"},
        content_type="application/json",
        REMOTE_ADDR="198.51.100.7",
    )
    assert closed.status_code == 422
    assert Registration.objects.filter(email="x@example.test").count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"place": "Lappia\ntalo"}, "place"),
        ({"texts": {"fi": {"title": "Messut\u202e"}}}, "texts.fi.title"),
        ({"languages": ["fi\x00"]}, "languages"),
    ],
)
def test_events__control_characters__422_on_the_field(client, office, overrides, field):
    client.force_login(office.advisor)
    response = client.post(f"{API}/events", event_payload(**overrides), content_type="application/json")
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]
    assert not Event.objects.exists()


def test_events__multi_line_description__kept(client, office):
    client.force_login(office.advisor)
    texts = {"fi": {"title": "Messut", "description": "Rivi yksi.\nRivi kaksi."}}
    response = client.post(f"{API}/events", event_payload(texts=texts), content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["texts"]["fi"]["description"] == "Rivi yksi.\nRivi kaksi."


def test_public_events__control_character_in_the_filter__422(client, office):
    response = client.get(f"{API}/public/events?service_point=a%1bb")
    assert response.status_code == 422 and list(response.json()["errors"]) == ["service_point"]
