from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kotopolku.audit.models import AuditEvent
from kotopolku.clients.services import client_anonymise
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.events import hooks, services
from kotopolku.events.models import Event, Registration
from kotopolku.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def person(n, **overrides):
    values = {"name": f"Henkilö {n}", "email": f"person{n}@example.test", "language": "en"}
    values.update(overrides)
    return services.RegistrationData(**values)


def event_data(**overrides):
    start = timezone.now() + dt.timedelta(days=10)
    values = {
        "kind": "workshop",
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=3),
        "titles": {"fi": "Yhteiskehittämistyöpaja", "en": "Co-design workshop"},
        "place": "Rovaniemen kaupungintalo",
        "capacity": 2,
        "status": "published",
    }
    values.update(overrides)
    return services.EventData(**values)


def test_event_create__multilingual_texts_one_row_per_language(office):
    event = services.event_create(service_point=office.point, data=event_data(), by=office.advisor)
    assert {t.language: t.title for t in event.texts.all()} == {
        "fi": "Yhteiskehittämistyöpaja",
        "en": "Co-design workshop",
    }
    assert event.title_in("sv") == "Yhteiskehittämistyöpaja"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"titles": {"en": "Only English"}}, "title_fi"),
        ({"place": "", "online_url": ""}, "place"),
        ({"online_url": "javascript:alert(1)"}, "online_url"),
        ({"capacity": 0}, "capacity"),
        ({"languages": ["xx-evil"]}, "languages"),
        ({"titles": {"fi": "Paha\u202eotsikko"}}, "title_fi"),
    ],
)
def test_event_create__bad_input__message_per_field_nothing_saved(office, overrides, field):
    with pytest.raises(ValidationError) as error:
        services.event_create(service_point=office.point, data=event_data(**overrides), by=office.advisor)
    assert field in error.value.message_dict
    assert not Event.objects.exists()


def test_event_update__capacity_below_the_registrations__is_refused(office):
    event = EventFactory(service_point=office.point, capacity=5)
    RegistrationFactory.create_batch(3, event=event)
    with pytest.raises(ValidationError) as error:
        services.event_update(
            event=event, data=event_data(capacity=2), expected_version=None, by=office.advisor
        )
    assert "capacity" in error.value.message_dict
    event.refresh_from_db()
    assert event.capacity == 5


def test_registration__fills_capacity_then_waits_and_a_cancellation_moves_the_first_up(office):
    event = EventFactory(service_point=office.point, capacity=2)
    first, second, third, fourth = (
        services.registration_create(event=event, data=person(n)) for n in range(4)
    )
    assert [r.status for r in (first, second, third, fourth)] == [
        "registered",
        "registered",
        "waiting",
        "waiting",
    ]
    services.registration_cancel(registration=second)
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses[second.pk] == "cancelled"
    assert statuses[third.pk] == "registered" and statuses[fourth.pk] == "waiting"
    assert AuditEvent.objects.filter(action="events.move_up", target_id=str(third.uuid)).exists()


def test_registration__raising_the_capacity_moves_waiting_people_up(office):
    event = EventFactory(service_point=office.point, capacity=1)
    services.registration_create(event=event, data=person(1))
    waiting = services.registration_create(event=event, data=person(2))
    services.event_update(event=event, data=event_data(capacity=2), expected_version=None, by=office.advisor)
    waiting.refresh_from_db()
    assert waiting.status == "registered"


def test_registration__the_same_person_twice__is_refused(office):
    event = EventFactory(service_point=office.point)
    services.registration_create(event=event, data=person(1))
    with pytest.raises(ValidationError) as error:
        services.registration_create(event=event, data=person(1, email="PERSON1@example.test"))
    assert "email" in error.value.message_dict
    assert Registration.objects.count() == 1


def test_registration__after_the_deadline_or_of_a_draft__is_refused(office):
    closed = EventFactory(
        service_point=office.point, registration_deadline=timezone.now() - dt.timedelta(hours=1)
    )
    draft = EventFactory(service_point=office.point, status="draft")
    for event in (closed, draft):
        with pytest.raises(ValidationError) as error:
            services.registration_create(event=event, data=person(1))
        assert "__all__" in error.value.message_dict
    assert not Registration.objects.exists()


def test_registration__hostile_text_and_a_bad_email__message_per_field(office):
    event = EventFactory(service_point=office.point)
    with pytest.raises(ValidationError) as error:
        services.registration_create(
            event=event, data=person(1, name="X\x00Y", email="not-an-address", needs="\u202e", language="zz")
        )
    assert {"name", "email", "needs", "language"} <= set(error.value.message_dict)
    assert not Registration.objects.exists()


def test_rate_limit__refuses_past_the_limit_per_address():
    for _ in range(services.RATE_LIMIT):
        services.registration_attempt_check(address="192.0.2.1")
    with pytest.raises(services.RateLimited):
        services.registration_attempt_check(address="192.0.2.1")
    services.registration_attempt_check(address="192.0.2.2")


def test_attendance_and_head_counts(office):
    event = EventFactory(service_point=office.point)
    registration = RegistrationFactory(event=event)
    services.attendance_mark(registration=registration, attendance="present", by=office.advisor)
    services.head_count_set(event=event, language="ar", gender="woman", count=4, by=office.advisor)
    services.head_count_set(event=event, language="ar", gender="woman", count=5, by=office.advisor)
    with pytest.raises(ValidationError):
        services.head_count_set(event=event, language="ar", gender="woman", count=-1, by=office.advisor)
    assert event.head_counts.get().count == 5
    registration.refresh_from_db()
    assert registration.attendance == "present"


def test_anonymisation__a_set_time_after_the_event(office):
    event = EventFactory(
        service_point=office.point,
        starts_at=timezone.now() - dt.timedelta(days=40),
        ends_at=timezone.now() - dt.timedelta(days=40) + dt.timedelta(hours=2),
    )
    registration = RegistrationFactory(event=event, attendance="present", needs="Pyörätuoli")
    recent = EventFactory(service_point=office.point)
    kept = RegistrationFactory(event=recent)
    assert services.registrations_due_anonymise() == 1
    registration.refresh_from_db()
    kept.refresh_from_db()
    assert (registration.name, registration.email, registration.needs) == ("", "", "")
    assert registration.attendance == "present" and registration.anonymised_at
    assert kept.name


def test_linked_client__timeline_export_and_erasure(office):
    person_client = ClientFactory(service_point=office.point)
    event = EventFactory(service_point=office.point, title="Kaupunkikierros")
    registration = RegistrationFactory(event=event)
    services.registration_link_client(registration=registration, client=person_client, by=office.advisor)
    services.attendance_mark(registration=registration, attendance="present", by=office.advisor)
    [entry] = hooks.registration_timeline(person_client, office.advisor)
    assert "Kaupunkikierros" in entry.title
    assert hooks.registration_export(person_client)[0]["email"] == registration.email
    client_anonymise(client=person_client, by=office.coordinator, reason="test")
    registration.refresh_from_db()
    assert registration.email == "" and registration.anonymised_at


def test_link_client__of_another_service_point__is_refused(office):
    registration = RegistrationFactory(event=EventFactory(service_point=office.point))
    with pytest.raises(ValidationError):
        services.registration_link_client(
            registration=registration,
            client=ClientFactory(service_point=office.other_point),
            by=office.advisor,
        )


def test_workshop_output__note_or_file(office):
    event = EventFactory(service_point=office.point, kind="workshop")
    with pytest.raises(ValidationError):
        services.workshop_output_add(event=event, title="Tyhjä", note="", by=office.advisor)
    output = services.workshop_output_add(
        event=event,
        title="Muistiinpanot",
        note="",
        file_name="notes.txt",
        content=b"ideas",
        by=office.advisor,
    )
    assert bytes(output.content) == b"ideas"
