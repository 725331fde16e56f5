from __future__ import annotations

import pytest
from django.urls import reverse

from kotopolku.clients.tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


def test_profile__advisor__links_to_the_clients_possible_duplicates(client, advisor, rovaniemi):
    record = ClientFactory(service_point=rovaniemi)
    client.force_login(advisor)
    response = client.get(reverse("clients:profile", args=[record.uuid]))
    assert reverse("clients:client_duplicates", args=[record.uuid]) in response.content.decode()


def test_registration_form__asks_for_live_duplicate_suggestions(client, advisor):
    client.force_login(advisor)
    body = client.get(reverse("clients:register")).content.decode()
    assert f'hx-get="{reverse("clients:duplicates")}"' in body
