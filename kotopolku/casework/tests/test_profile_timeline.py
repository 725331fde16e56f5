"""The profile's timeline reads every app's part as one statement: entries of each app show,
newest first, in the user's language, and the count of queries does not grow with the apps'
rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kotopolku.accounts.permissions import can
from kotopolku.appointments.tests.factories import AppointmentFactory
from kotopolku.casework import services
from kotopolku.clients.selectors import client_timeline
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.contacts.tests.factories import ContactFactory
from kotopolku.duplicates.models import DuplicatePair, PairStatus
from kotopolku.employers.tests.factories import PlacementFactory
from kotopolku.events.tests.factories import RegistrationFactory
from kotopolku.indicators.tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def _rows_in_every_app(world, stamp: str) -> None:  # type: ignore[no-untyped-def]
    point, person = world.rovaniemi, world.client
    ContactFactory(service_point=point, client=person, note=f"contact {stamp}")
    services.note_add(
        client=person, service_point=point, text=f"note {stamp}", special_category=False, by=world.advisor
    )
    AppointmentFactory(service_point=point, client=person, worker=world.advisor)
    PlacementFactory(client=person, organisation_name=f"Employer {stamp}")
    RegistrationFactory(event__service_point=point, client=person)
    ParticipantFactory(
        service_point=point, client=person, exited_on=dt.date(2025, 9, 1), exit_reason="employed"
    )
    other = ClientFactory(service_point=point, given_names_latin=f"Other {stamp}")
    first, second = sorted([person, other], key=lambda record: record.pk)
    DuplicatePair.objects.create(
        first=first,
        second=second,
        service_point=point,
        other_service_point=point,
        probability=0.9,
        status=PairStatus.DIFFERENT,
        decided_at=timezone.now(),
    )


def test_timeline__every_apps_entries_newest_first_in_the_users_language(world):
    services.case_open(client=world.client, by=world.advisor, opened_because="desk")
    _rows_in_every_app(world, "one")
    from django.utils import translation

    with translation.override("en"):
        entries = list(client_timeline(client=world.client, user=world.advisor))
    kinds = {entry.kind for entry in entries}
    assert {"contact", "casework.note", "casework.case_opened", "appointment", "placement", "event"} <= kinds
    assert "duplicates" in kinds
    assert any(entry.detail.startswith("Other one") for entry in entries)
    if can(world.advisor, "indicators.individuals", world.client):
        assert {"esf_entry", "esf_exit"} <= kinds
    assert [entry.when for entry in entries] == sorted((entry.when for entry in entries), reverse=True)
    assert any(entry.title.startswith("Appointment") and entry.url for entry in entries)


def test_profile__timeline_page_is_one_query_however_many_apps_have_rows(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.advisor)
    url = reverse("clients:profile", args=[world.client.uuid])
    _rows_in_every_app(world, "one")
    client.get(url)
    with django_assert_max_num_queries(12) as first:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert "contact one" in response.content.decode() and "Employer one" in response.content.decode()
    for stamp in ("two", "three"):
        _rows_in_every_app(world, stamp)
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    timeline = [query for query in first.captured_queries if "UNION ALL" in query["sql"]]
    assert len(timeline) == 1 and "COUNT(*) OVER ()" in timeline[0]["sql"]
    assert "Employer three" in response.content.decode()


def test_timeline__one_kept_statement_reads_each_clients_own_rows_and_each_users_own_parts(world):
    from kotopolku.clients import timeline
    from kotopolku.clients.services import client_team_add

    other = ClientFactory(service_point=world.rovaniemi)
    for person, stamp in ((world.client, "first"), (other, "second")):
        services.case_open(client=person, by=world.advisor, opened_because="desk")
        services.note_add(
            client=person,
            service_point=world.rovaniemi,
            text=f"note {stamp}",
            special_category=False,
            by=world.advisor,
        )
        ContactFactory(service_point=world.rovaniemi, client=person, note=f"contact {stamp}")
    timeline._statements.clear()

    def details(person, user):  # type: ignore[no-untyped-def]
        return " ".join(entry.detail for entry in client_timeline(client=person, user=user))

    first, second = details(world.client, world.advisor), details(other, world.advisor)
    assert "note first" in first and "contact first" in first and "second" not in first
    assert "note second" in second and "contact second" in second and "first" not in second
    assert len(timeline._statements) == 1  # the second client was read by the same statement
    assert details(world.client, world.coordinator) == first  # the same decisions, the same statement
    assert len(timeline._statements) == 1

    # A network expert on the client's team sees the case's events, but no notes (no network
    # role reaches them): other decisions, another statement.
    client_team_add(client=world.client, user=world.expert, by=world.advisor)
    entries = list(client_timeline(client=world.client, user=world.expert))
    assert any(entry.kind == "casework.case_opened" for entry in entries)
    assert not any(entry.kind == "casework.note" for entry in entries)
    assert len(timeline._statements) == 2
    # A user who may not see the case work sees none of it.
    entries = list(client_timeline(client=world.client, user=world.kemi_advisor))
    assert not any(entry.kind.startswith("casework.") for entry in entries)


def test_timeline__pages_counts_and_slices_read_from_the_kept_statement(world):
    for number in range(5):
        services.note_add(
            client=world.client,
            service_point=world.rovaniemi,
            text=f"note {number}",
            special_category=False,
            by=world.advisor,
        )
    whole = list(client_timeline(client=world.client, user=world.advisor))
    assert len(whole) == 5 and client_timeline(client=world.client, user=world.advisor).count() == 5
    read = client_timeline(client=world.client, user=world.advisor)
    assert read[1:3] == whole[1:3] and read[0] == whole[0] and read[-1] == whole[-1] and read[3:] == whole[3:]
    paged = client_timeline(client=world.client, user=world.advisor).expect(page=9, size=2)
    assert paged.count() == 5  # a page past the end still counts
    assert paged[4:6] == whole[4:]
