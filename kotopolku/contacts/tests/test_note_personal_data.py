"""The note of an anonymous contact holds no personal data: what looks like an identity code, a
phone number or an e-mail address is pointed out before saving, and the advisor may confirm."""

from __future__ import annotations

import pytest
from django.conf import settings

from kotopolku.clients.models import Client
from kotopolku.contacts.models import Contact
from kotopolku.contacts.services import personal_data_in_note
from kotopolku.contacts.tests.test_api import bearer, payload, post
from kotopolku.contacts.tests.test_views import DESK, form_data

pytestmark = pytest.mark.django_db

NOTE = "Matti Meikäläinen 010190-123M puh 0401234567"


@pytest.mark.parametrize(
    ("note", "found"),
    [
        (NOTE, ["an identity code", "a phone number"]),
        ("kysyi asiaa osoitteesta matti.m@example.fi", ["an e-mail address"]),
        ("+358 40 123 4567", ["a phone number"]),
        ("Asiakas kysyi Kelan asumistuesta 2024, huone 123, klo 12.30", []),
    ],
)
def test_personal_data_in_note__finds_codes_phones_and_addresses(note, found):
    assert personal_data_in_note(note) == found


def test_desk__anonymous_note_with_personal_data__is_pointed_out_then_saved_when_confirmed(client, desk):
    client.force_login(desk.advisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(DESK, form_data(note=NOTE))
    assert response.status_code == 400
    html = response.content.decode()
    assert "seems to contain an identity code, a phone number" in html
    assert 'name="confirm_note"' in html
    assert not Contact.objects.exists()
    confirmed = client.post(DESK, form_data(note=NOTE, confirm_note="on"))
    assert confirmed.status_code == 302
    assert Contact.objects.get().note == NOTE


def test_desk__note_of_a_linked_contact__is_not_questioned(client, desk):
    own = Client.objects.create(service_point=desk.point, given_names="Matti")
    client.force_login(desk.advisor)
    assert client.post(DESK, form_data(note=NOTE, client=str(own.uuid))).status_code == 302


def test_api__anonymous_note_with_personal_data__422_unless_confirmed(client, desk):
    auth = bearer(desk.advisor)
    response = post(client, auth, payload(desk, note=NOTE))
    assert response.status_code == 422
    assert "note" in response.json()["errors"]
    assert not Contact.objects.exists()
    assert post(client, auth, payload(desk, note=NOTE, confirm_note=True)).status_code == 201
