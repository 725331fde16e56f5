"""Desk contacts are kept in no cache: every contacts page and API answer says ``Cache-Control: no-store``."""

from __future__ import annotations

import json

import pytest

from kotopolku.contacts.models import Topic
from kotopolku.contacts.tests.factories import ContactFactory
from kotopolku.contacts.tests.test_api import bearer, payload
from kotopolku.core.testing.pages import api_operations, page_urls

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:  # type: ignore[no-untyped-def]
    return "no-store" in response.get("Cache-Control", "")


def test_every_contacts_page__get_and_post__no_store(client, desk):
    contact = ContactFactory(service_point=desk.point, logged_by=desk.coordinator)
    client.force_login(desk.coordinator)
    topic = contact.topics.first() or Topic.objects.first()
    assert topic is not None
    for name, url in page_urls("contacts", {"uuid": contact.uuid, "pk": topic.pk}).items():
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code < 500, (name, method)
            assert no_store(response), (name, url, response.status_code)


def test_every_contacts_api_operation__no_store(client, desk, code_lists):
    operations = api_operations("/contacts")
    assert {method for method, _path in operations} == {"GET", "POST", "PATCH"}
    contact = ContactFactory(service_point=desk.point, logged_by=desk.advisor)
    for method, path in operations:
        body = {"POST": payload(desk), "PATCH": {"duration_minutes": 15}}.get(method, {})
        response = client.generic(
            method,
            "/api/v1" + path.replace("{uuid}", str(contact.uuid)),
            json.dumps(body),
            content_type="application/json",
            **bearer(desk.advisor),
        )
        assert response.status_code in (200, 201), (method, path, response.content)
        assert no_store(response), (method, path)
