from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kotopolku.audit.models import AuditEvent
from kotopolku.clients.hooks import client_anonymised, export_sources, timeline_sources
from kotopolku.clients.models import Client
from kotopolku.contacts.hooks import contact_export, contact_timeline
from kotopolku.contacts.models import ClientGroup, Contact, ContactTopic, Topic
from kotopolku.contacts.services import (
    ContactData,
    clean_note,
    contact_delete,
    contact_log,
    contact_update,
    topics_by_code,
)
from kotopolku.contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def data(**overrides):
    values = {
        "channel": "walk_in",
        "language": "uk",
        "topics": list(Topic.objects.filter(code__in=["kela", "housing"])),
        "duration_minutes": 15,
        "outcome": "guided",
    }
    values.update(overrides)
    return ContactData(**values)


def test_code_lists__are_seeded_in_three_languages():
    assert Topic.objects.count() == 14
    assert ClientGroup.objects.count() == 10
    kela = Topic.objects.get(code="kela")
    assert (kela.name_in("fi"), kela.name_in("sv"), kela.name_in("en")) == (
        "Kelan etuudet",
        "FPA:s förmåner",
        "Kela benefits",
    )


def test_contact_log__anonymous__holds_no_personal_data(desk):
    contact = contact_log(service_point=desk.point, data=data(), by=desk.advisor)
    assert contact.is_anonymous
    assert contact.client_id is None and contact.note == ""
    assert sorted(contact.topics.values_list("code", flat=True)) == ["housing", "kela"]
    event = AuditEvent.objects.get(action="contacts.log")
    assert event.target_id == str(contact.uuid)
    assert event.details == {"channel": "walk_in", "topics": ["kela", "housing"], "anonymous": True}


def test_contact_log__client_of_another_service_point__is_refused(desk):
    stranger = Client.objects.create(service_point=desk.other_point, given_names="Olena")
    with pytest.raises(ValidationError) as raised:
        contact_log(service_point=desk.point, data=data(client=stranger), by=desk.advisor)
    assert "client" in raised.value.message_dict
    assert not Contact.objects.exists()


def test_contact_log__linked_client__is_not_anonymous(desk):
    client = Client.objects.create(service_point=desk.point, given_names="Olena")
    contact = contact_log(service_point=desk.point, data=data(client=client), by=desk.advisor)
    assert not contact.is_anonymous
    assert AuditEvent.objects.get(action="contacts.log").details["anonymous"] is False


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"duration_minutes": -5}, "duration_minutes"),
        ({"duration_minutes": 100_000}, "duration_minutes"),
        ({"channel": "pigeon"}, "channel"),
        ({"language": "xx-evil"}, "language"),
        ({"outcome": "maybe"}, "outcome"),
        ({"interpreter": "telepathy"}, "interpreter"),
        ({"topics": []}, "topics"),
        ({"note": "x" * 10_000}, "note"),
        ({"note": "Call back \u202egnp.exe"}, "note"),
        ({"note": "bell\x07"}, "note"),
        ({"happened_at": timezone.now() + timedelta(days=400)}, "happened_at"),
        ({"happened_at": timezone.now() - timedelta(days=800)}, "happened_at"),
    ],
)
def test_contact_log__bad_input__is_refused_per_field_and_nothing_is_written(desk, overrides, field):
    with pytest.raises(ValidationError) as raised:
        contact_log(service_point=desk.point, data=data(**overrides), by=desk.advisor)
    assert field in raised.value.message_dict
    assert not Contact.objects.exists() and not ContactTopic.objects.exists()
    assert not AuditEvent.objects.filter(action="contacts.log").exists()


def test_clean_note__keeps_line_breaks_and_right_to_left_text():
    assert clean_note("  مرحبا\r\nсвет\tok  ") == "مرحبا\nсвет\tok"


def test_topics_by_code__unknown_code__names_the_field():
    with pytest.raises(ValidationError) as raised:
        topics_by_code(["kela", "astrology"])
    assert "astrology" in raised.value.message_dict["topics"][0]


def test_contact_update__records_changed_field_names_only(desk):
    contact = contact_log(service_point=desk.point, data=data(note="Asked about the form"), by=desk.advisor)
    contact_update(
        contact=contact,
        data=data(duration_minutes=30, note="Asked about the form", topics=topics_by_code(["taxes"])),
        by=desk.advisor,
        as_action="contacts.edit_own",
    )
    contact.refresh_from_db()
    assert contact.duration_minutes == 30
    assert list(contact.topics.values_list("code", flat=True)) == ["taxes"]
    event = AuditEvent.objects.get(action="contacts.edit_own")
    assert event.details["fields"] == ["duration_minutes", "topics"]
    assert "Asked" not in str(event.details)


def test_contact_update__nothing_changed__writes_no_event(desk):
    contact = contact_log(service_point=desk.point, data=data(), by=desk.advisor)
    contact_update(contact=contact, data=data(), by=desk.advisor, as_action="contacts.edit_own")
    assert not AuditEvent.objects.filter(action="contacts.edit_own").exists()


def test_contact_delete__is_recorded_in_the_audit_log(desk):
    contact = contact_log(service_point=desk.point, data=data(note="secret"), by=desk.advisor)
    uuid = str(contact.uuid)
    contact_delete(contact=contact, by=desk.coordinator)
    assert not Contact.objects.exists() and not ContactTopic.objects.exists()
    event = AuditEvent.objects.get(action="contacts.delete")
    assert (event.actor, event.target_id, event.service_point_id) == (desk.coordinator, uuid, desk.point.id)
    assert "secret" not in str(event.details)


def test_hooks__are_registered_with_the_client_registry():
    assert contact_timeline in timeline_sources()
    assert export_sources()["contacts"] is contact_export


def test_client_anonymised__blanks_notes_and_keeps_statistics(desk):
    client = Client.objects.create(service_point=desk.point, given_names="Olena")
    linked = ContactFactory(service_point=desk.point, client=client, note="Olena's brother called")
    other = ContactFactory(service_point=desk.point, note="General question")
    client_anonymised.send(sender=Client, client=client)
    linked.refresh_from_db()
    other.refresh_from_db()
    assert linked.note == "" and linked.client_id == client.id and linked.topics.exists()
    assert other.note == "General question"


def test_contact_timeline__lists_linked_contacts_the_user_may_see(desk):
    client = Client.objects.create(service_point=desk.point, given_names="Olena")
    ContactFactory(service_point=desk.point, client=client, topic_codes=["kela"], note="Form filled")
    ContactFactory(service_point=desk.point, topic_codes=["taxes"])
    entries = list(contact_timeline(client, desk.advisor))
    assert len(entries) == 1
    assert entries[0].kind == "contact" and "Kela" in entries[0].title and "Form filled" in entries[0].detail
    assert list(contact_timeline(client, desk.outsider)) == []


def test_contact_export__gives_the_clients_contacts_as_json_data(desk):
    import json

    client = Client.objects.create(service_point=desk.point, given_names="Olena")
    contact = ContactFactory(service_point=desk.point, client=client, topic_codes=["kela", "taxes"])
    exported = contact_export(client)
    json.dumps(exported)
    assert exported[0]["id"] == str(contact.uuid)
    assert exported[0]["topics"] == ["kela", "taxes"]


def test_contact_update__new_time__moves_the_topic_links_along(desk):
    contact = contact_log(service_point=desk.point, data=data(), by=desk.advisor)
    earlier = timezone.now() - timedelta(days=3)
    contact_update(
        contact=contact, data=data(happened_at=earlier), by=desk.advisor, as_action="contacts.edit_own"
    )
    links = ContactTopic.objects.filter(contact=contact)
    assert links.count() == 2
    assert {(link.happened_at, link.service_point_id) for link in links} == {(earlier, desk.point.id)}
