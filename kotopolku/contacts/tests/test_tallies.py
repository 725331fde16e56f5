from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from kotopolku.contacts.models import ContactTopic, DeskTally, Topic
from kotopolku.contacts.services import ContactData, contact_delete, contact_log, contact_update
from kotopolku.contacts.tallies import local_day

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


def tallies(point):
    return {
        (kind, code): n
        for kind, code, n in DeskTally.objects.filter(service_point=point, contacts__gt=0).values_list(
            "kind", "code", "contacts"
        )
    }


def test_tallies__follow_logging_correcting_and_removing(desk):
    kela, housing = Topic.objects.get(code="kela"), Topic.objects.get(code="housing")
    first = contact_log(service_point=desk.point, data=data(), by=desk.advisor)
    contact_log(service_point=desk.point, data=data(language="ar"), by=desk.advisor)
    assert tallies(desk.point) == {
        ("contacts", ""): 2,
        ("topic", str(kela.pk)): 2,
        ("topic", str(housing.pk)): 2,
        ("language", "uk"): 1,
        ("language", "ar"): 1,
        ("channel", "walk_in"): 2,
        ("client_group", ""): 2,
        ("outcome", "guided"): 2,
    }
    assert set(DeskTally.objects.values_list("day", flat=True)) == {local_day(first.happened_at)}
    contact_update(
        contact=first,
        data=data(topics=[kela], channel="phone"),
        by=desk.advisor,
        as_action="contacts.edit_own",
    )
    counted = tallies(desk.point)
    assert counted[("topic", str(housing.pk))] == 1 and counted[("channel", "phone")] == 1
    contact_delete(contact=first, by=desk.advisor)
    counted = tallies(desk.point)
    assert counted[("contacts", "")] == 1 and counted[("topic", str(kela.pk))] == 1
    assert ("channel", "phone") not in counted


def test_desk_tallies_recount__counts_rows_copied_in_past_the_services(desk):
    contact = contact_log(service_point=desk.point, data=data(), by=desk.advisor)
    ContactTopic.objects.filter(contact=contact, topic__code="kela").delete()  # by hand
    DeskTally.objects.filter(kind="language").update(contacts=7)
    out = StringIO()
    call_command("desk_tallies_recount", stdout=out)
    assert "6 rows" in out.getvalue()  # all, one topic, language, channel, client group, outcome
    counted = tallies(desk.point)
    assert counted[("language", "uk")] == 1
    assert ("topic", str(Topic.objects.get(code="kela").pk)) not in counted


def test_local_day__is_the_day_in_the_service_s_time_zone():
    assert local_day(dt.datetime(2025, 1, 31, 22, 30, tzinfo=dt.UTC)) == dt.date(2025, 2, 1)
