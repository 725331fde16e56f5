"""The API's shared answer to a stale version that an operation leaves to it: 409 with the body
the apps give (the stored version, the fields changed since with their stored values)."""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.test import RequestFactory

from kotopolku.api import _stale_version
from kotopolku.contacts.models import Contact
from kotopolku.contacts.services import ContactData, contact_update, topics_by_code
from kotopolku.contacts.tests.factories import ContactFactory
from kotopolku.core.versioning import StaleVersion

pytestmark = pytest.mark.django_db


def test_stale_version__answers_409_with_the_stored_version_and_the_changed_values():
    contact = ContactFactory(duration_minutes=10)
    data = ContactData(
        channel=contact.channel,
        language=contact.language,
        topics=topics_by_code(["kela"]),
        duration_minutes=35,
        outcome=contact.outcome,
    )
    contact_update(contact=contact, data=data, by=None, as_action="contacts.correct")
    with pytest.raises(StaleVersion) as stale, transaction.atomic():
        contact_update(contact=contact, data=data, by=None, as_action="contacts.correct", expected_version=1)
    response = _stale_version(RequestFactory().patch("/api/v1/contacts/x"), stale.value)
    assert response.status_code == 409
    assert response["ETag"] == '"2"'
    body = json.loads(response.content)
    assert body["version"] == Contact.objects.get(pk=contact.pk).version == 2
    assert body["changed"] == {"duration_minutes": 35, "topics": ["kela"]}
    assert body["detail"]
