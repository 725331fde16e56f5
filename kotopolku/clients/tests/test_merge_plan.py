"""The merge preview and the merge agree, and no name either record holds is lost."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from kotopolku.accounts.enums import Role
from kotopolku.clients.matching.selectors import client_search
from kotopolku.clients.matching.services import client_merge
from kotopolku.clients.models import Client
from kotopolku.clients.tests.matching_support import make_client, member
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def point():
    return ServicePointFactory()


@pytest.fixture
def advisor(point):
    return member(Role.ADVISOR, point, language="en")


def _preview(client, advisor, keep, remove) -> dict[str, tuple[str, str, str]]:
    client.force_login(advisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("clients:merge", args=[keep.uuid, remove.uuid])).content.decode()
    rows = {}
    for label, *cells in re.findall(
        r'<th scope="row">([^<]+)</th>\s*<td><bdi>(.*?)</bdi></td>\s*'
        r"<td><bdi>(.*?)</bdi>.*?</td>\s*<td><bdi>(.*?)</bdi></td>",
        html,
        re.S,
    ):
        rows[label] = tuple(cells)
    return rows


def test_merge__preview_says_what_the_merged_record_holds(client, advisor, point):
    keep = make_client(point, given_names="Oleksandr", family_name="Shevchenko", birth_year=1990)
    keep.given_names_latin, keep.family_name_latin = "Oleksandr", "Shevchenko"
    keep.save()
    remove = make_client(
        point,
        given_names="Олександр",
        family_name="Шевченко",
        given_names_latin="Aleksandr",
        family_name_latin="Shevchenko",
        birth_year=1990,
        birth_month=5,
        birth_day=14,
    )
    preview = _preview(client, advisor, keep, remove)
    merged = client_merge(keep=keep, remove=remove, by=advisor)
    merged.refresh_from_db()
    assert preview["Born"][2] == merged.birth_date_display == "14.5.1990"
    assert preview["Given names as written"][2] == merged.given_names == "Олександр"
    assert preview["Other names"][2] == ", ".join(merged.other_names)
    # Every name either record held is on the merged record, as its name or another name.
    held = {
        merged.written_name,
        f"{merged.given_names_latin} {merged.family_name_latin}",
        *merged.other_names,
    }
    assert {"Олександр Шевченко", "Oleksandr Shevchenko", "Aleksandr Shevchenko"} <= held


def test_merge__written_name_of_the_removed_record_survives_and_is_found(advisor, point):
    keep = make_client(point, given_names_latin="Oleksandr", family_name_latin="Shevchenko")
    keep.given_names = "Alex"
    keep.save()
    remove = make_client(
        point, given_names="Олександр", family_name="Шевченко", given_names_latin="Oleksandr"
    )
    merged = client_merge(keep=keep, remove=remove, by=advisor)
    merged.refresh_from_db()
    assert merged.written_name == "Олександр Шевченко"
    assert merged.other_names == ["Alex"]
    assert [hit.client.pk for hit in client_search(user=advisor, text="Alex")][:1] == [merged.pk]


def test_merge__other_names_are_removed_with_the_personal_data(advisor, point):
    from kotopolku.clients.services import client_anonymise

    keep = make_client(point, given_names_latin="Anna", family_name_latin="Ivanova")
    remove = make_client(point, given_names_latin="Hanna", family_name_latin="Ivanova")
    merged = client_merge(keep=keep, remove=remove, by=advisor)
    assert Client.objects.get(pk=merged.pk).other_names == ["Hanna Ivanova"]
    client_anonymise(client=merged, by=advisor)
    assert Client.objects.get(pk=merged.pk).other_names == []
