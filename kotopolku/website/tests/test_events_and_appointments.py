"""The service point's events and the appointment request on its site: the events and
appointments apps' services do the work; the site asks and answers in the reader's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kotopolku.appointments.models import AppointmentRequest
from kotopolku.audit.models import AuditEvent
from kotopolku.events.models import Registration
from kotopolku.events.tests.factories import EventFactory, RegistrationFactory
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(site):
    return EventFactory(service_point=site.service_point, title="Tervetuloa Testiin", capacity=1)


def _register(client, event, language="fi", **fields):
    data = {"name": "Amina", "email": "amina@example.test", "phone": "", "needs": "", **fields}
    return client.post(f"/ih-testi/{language}/events/{event.uuid}/", data)


def test_events__the_sites_own_upcoming_events_in_the_readers_language(
    client, site, event, django_assert_max_num_queries
):
    EventFactory(service_point=ServicePointFactory(), title="Muualla")
    EventFactory(
        service_point=site.service_point, title="Mennyt", starts_at=timezone.now() - dt.timedelta(days=3)
    )
    client.get("/ih-testi/so/events/")
    with django_assert_max_num_queries(4):
        response = client.get("/ih-testi/so/events/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tervetuloa Testiin" in html and "Muualla" not in html and "Mennyt" not in html
    assert "Munaasabadaha" in html  # the page's own words in Somali
    home = client.get("/ih-testi/fi/").content.decode()
    assert "Tervetuloa Testiin" in home and "Tulevat tapahtumat" in home


def test_event_registration__registered_then_the_same_address_refused_in_the_readers_language(client, event):
    response = _register(client, event, "uk")
    assert response.status_code == 302 and response["Location"].endswith("/registered/")
    registration = Registration.objects.get(event=event)
    assert registration.status == "registered" and registration.language == "uk"
    assert AuditEvent.objects.filter(action="events.register").exists()
    assert "Ви зареєстровані" in client.get(response["Location"]).content.decode()
    again = _register(client, event, "uk")
    assert again.status_code == 400
    assert "вже зареєстровано" in again.content.decode()
    assert Registration.objects.filter(event=event).count() == 1


def test_event_registration__full_event_puts_the_reader_on_the_waiting_list(client, event):
    RegistrationFactory(event=event)
    response = _register(client, event, "en")
    assert response.status_code == 302 and response["Location"].endswith("?waiting=1")
    assert Registration.objects.get(event=event, email="amina@example.test").status == "waiting"


@pytest.mark.parametrize(
    "fields",
    [
        {"email": "not an address"},
        {"name": ""},
        {"name": "Amina\u202e"},
        {"phone": "12"},
        {"needs": "x" * 1001},
    ],
)
def test_event_registration__bad_input__a_message_in_the_readers_language_and_nothing_saved(
    client, event, fields
):
    response = _register(client, event, "sv", **fields)
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert not Registration.objects.exists()


def test_event_registration__honeypot_closed_event_and_another_sites_event_are_refused(client, site, event):
    assert _register(client, event, website="http://spam.example").status_code == 400
    started = EventFactory(
        service_point=site.service_point, starts_at=timezone.now() - dt.timedelta(minutes=5)
    )
    assert _register(client, started).status_code in (404, 409)
    elsewhere = EventFactory(service_point=ServicePointFactory())
    assert client.get(f"/ih-testi/fi/events/{elsewhere.uuid}/").status_code == 404
    assert not Registration.objects.exists()


def _request(client, site_language="fi", **fields):
    data = {
        "topic": "Oleskelulupa",
        "language": "ar",
        "preferred_times": "Tiistaisin aamupäivällä",
        "name": "Omar",
        "email": "omar@example.test",
        "phone": "",
        "message": "",
        **fields,
    }
    return client.post(f"/ih-testi/{site_language}/appointment/", data)


def test_appointment_request__lands_in_the_service_points_queue(client, site):
    page = client.get("/ih-testi/fa/appointment/")
    assert page.status_code == 200 and "وقت ملاقات بگیرید" in page.content.decode()
    response = _request(client, "fa")
    assert response.status_code == 302 and response["Location"] == "/ih-testi/fa/appointment/sent/"
    request = AppointmentRequest.objects.get()
    assert request.service_point == site.service_point and request.language == "ar"
    assert AuditEvent.objects.filter(action="appointments.request").exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "", "phone": ""}, "Anna sähköpostiosoite tai puhelinnumero"),
        ({"topic": "a\x00b"}, "merkkejä, joita ei voi lähettää"),
        ({"language": "xx"}, "Valitse vaihtoehto listasta"),
        ({"topic": "x" * 201}, "Liian pitkä"),
    ],
)
def test_appointment_request__bad_input__finnish_message_and_nothing_saved(client, site, fields, message):
    response = _request(client, "fi", **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AppointmentRequest.objects.exists()


def test_appointment_request__honeypot_and_rate_limit(client, site):
    assert _request(client, website="x").status_code == 400
    assert not AppointmentRequest.objects.exists()
    for _ in range(5):
        assert _request(client).status_code == 302
    limited = _request(client, "tr")
    assert limited.status_code == 429
    assert AppointmentRequest.objects.count() == 5
