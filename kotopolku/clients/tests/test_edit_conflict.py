"""A correction saved over a colleague's: the form shows what they changed and keeps both."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from kotopolku.audit.models import AuditEvent
from kotopolku.clients import services
from kotopolku.clients.models import Client
from kotopolku.clients.tests.conftest import staff
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.clients.tests.test_views import BASE, logged_in

pytestmark = pytest.mark.django_db


def _hidden(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, name
    return match.group(1)


def _form_data(page: str, **changes: str) -> dict[str, str]:
    return {
        **BASE,
        "given_names": "Anna",
        "family_name": "Ivanova",
        "given_names_latin": "Anna",
        "family_name_latin": "Ivanova",
        "birth_year": "1990",
        "version": _hidden(page, "version"),
        "snapshot": _hidden(page, "snapshot"),
        **changes,
    }


def test_client_edit__stale_save__lists_their_changes_and_applies_mine_on_top(client, advisor, rovaniemi):
    from kotopolku.accounts.enums import Role

    colleague = staff(Role.ADVISOR, rovaniemi, full_name="Ville Kollega")
    registered = ClientFactory(service_point=rovaniemi, given_names="Anna", given_names_latin="Anna")
    logged_in(client, advisor)
    url = reverse("clients:edit", args=[registered.uuid])
    page = client.get(url).content.decode()
    assert _hidden(page, "version") == "1"

    services.client_update(
        client=Client.objects.get(pk=registered.pk),
        fields={"email": "anna@example.fi", "permit_type": "A"},
        by=colleague,
    )
    response = client.post(url, _form_data(page, permit_type="B", phone="0401234567"))

    assert response.status_code == 409
    text = response.content.decode()
    assert "Someone else saved this record" in text
    table = text[text.index("<table>") : text.index("</table>")]
    assert re.search(r"mail</th><td><bdi>anna@example.fi</bdi></td><td><bdi>—</bdi></td>", table)
    assert re.search(r"permit type</th><td><bdi>A</bdi></td><td><bdi>B</bdi> <strong>", table)
    stored = Client.objects.get(pk=registered.pk)
    assert (stored.phone, stored.permit_type, stored.version) == ("", "A", 2)
    # The form again: their e-mail, my permit type and phone, at their version.
    assert 'value="anna@example.fi"' in text and 'value="B"' in text and 'value="+358401234567"' in text
    assert _hidden(text, "version") == "2"

    again = client.post(
        url, _form_data(text, email="anna@example.fi", permit_type="B", phone="+358401234567")
    )
    assert again.status_code == 302
    stored.refresh_from_db()
    assert (stored.email, stored.permit_type, stored.phone, stored.version) == (
        "anna@example.fi",
        "B",
        "+358401234567",
        3,
    )
    last = AuditEvent.objects.filter(action="clients.change").order_by("-id").first()
    assert last is not None and last.details == {"fields": ["permit_type", "phone"], "version": 3}


def test_client_edit__form_without_version__is_not_saved_over_the_record(client, advisor, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi, given_names="Anna", given_names_latin="Anna")
    logged_in(client, advisor)
    data = {**BASE, "given_names": "Hanna", "family_name_latin": "Ivanova", "birth_year": "1990"}
    response = client.post(reverse("clients:edit", args=[registered.uuid]), data)
    assert response.status_code == 409
    assert Client.objects.get(pk=registered.pk).given_names == "Anna"


def test_client_register__empty_form__says_to_give_a_name(client, advisor, rovaniemi):
    logged_in(client, advisor)
    response = client.post(reverse("clients:register"), BASE)
    assert response.status_code == 400
    assert "Give at least one name: a given name or a family name." in response.content.decode()
    assert not Client.objects.exists()


def _warning_items(html: str) -> list[str]:
    listing = html[html.index('<ul class="clients-matching-list">') :]
    listing = listing[: listing.index("</ul>")]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip() for item in listing.split("<li>")[1:]]


def test_duplicate_warning__same_wording_live_and_after_saving__localised_percentage_and_name_once(
    client, advisor, rovaniemi
):
    ClientFactory(
        service_point=rovaniemi,
        given_names="Anna",
        family_name="Ivanova",
        given_names_latin="Anna",
        family_name_latin="Ivanova",
        birth_year=1990,
    )
    logged_in(client, advisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
    person = {"given_names": "Anna", "family_name": "Ivanova", "birth_year": "1990"}
    live = client.get(reverse("clients:duplicates"), person).content.decode()
    saved = client.post(
        reverse("clients:register"),
        {**BASE, **person, "given_names_latin": "Anna", "family_name_latin": "Ivanova"},
    ).content.decode()
    (live_item,) = _warning_items(live)
    (saved_item,) = _warning_items(saved)
    assert live_item == saved_item
    assert re.search(r"\b\d+ % ", saved_item) and "0," not in saved_item  # "97 %" in Finnish
    assert saved_item.count("Anna Ivanova") == 1
