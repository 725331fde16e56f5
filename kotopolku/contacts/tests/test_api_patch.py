"""PATCH /api/v1/contacts/{id}: a correction with version, If-Match and 409, like the client's."""

from __future__ import annotations

import json

import pytest

from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent
from kotopolku.contacts.models import Contact
from kotopolku.contacts.tests.factories import ContactFactory
from kotopolku.contacts.tests.test_api import bearer

pytestmark = pytest.mark.django_db


def patch(client, auth, contact, body, **headers):
    return client.patch(
        f"/api/v1/contacts/{contact.uuid}",
        data=json.dumps(body),
        content_type="application/json",
        **auth,
        **headers,
    )


@pytest.fixture
def contact(desk, code_lists):
    return ContactFactory(service_point=desk.point, logged_by=desk.advisor, duration_minutes=10)


def test_patch__changes_only_the_fields_sent_and_audits_them(
    client, desk, contact, django_assert_max_num_queries
):
    auth = bearer(desk.advisor)
    before = contact.version
    with django_assert_max_num_queries(40):
        response = patch(
            client, auth, contact, {"duration_minutes": 25, "topics": ["kela"]}, HTTP_IF_MATCH=f'"{before}"'
        )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == before + 1
    assert sorted(body["changed"]) == ["duration_minutes", "topics"]
    assert response["ETag"] == f'"{before + 1}"'
    contact.refresh_from_db()
    assert contact.duration_minutes == 25
    assert [t.code for t in contact.topics.all()] == ["kela"]
    event = AuditEvent.objects.filter(action="contacts.edit_own", target_id=str(contact.uuid)).get()
    assert sorted(event.details["fields"]) == ["duration_minutes", "topics"]


def test_patch__stale_if_match__409_with_what_the_other_person_changed_and_nothing_saved(
    client, desk, contact
):
    first = patch(
        client, bearer(desk.coordinator), contact, {"duration_minutes": 30, "version": contact.version}
    )
    assert first.status_code == 200
    stale = patch(
        client, bearer(desk.advisor), contact, {"duration_minutes": 45}, HTTP_IF_MATCH=f'"{contact.version}"'
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["version"] == contact.version + 1
    assert body["changed"] == {"duration_minutes": 30}
    assert "Someone else changed this contact" in body["detail"] or body["detail"]
    assert Contact.objects.get(pk=contact.pk).duration_minutes == 30


def test_patch__unreadable_if_match_counts_as_stale(client, desk, contact):
    assert (
        patch(
            client, bearer(desk.advisor), contact, {"duration_minutes": 12}, HTTP_IF_MATCH="garbage"
        ).status_code
        == 409
    )


def test_patch__bad_fields__422_per_field_and_nothing_written(client, desk, contact):
    auth = bearer(desk.advisor)
    response = patch(client, auth, contact, {"duration_minutes": 9999, "topics": ["no-such-topic"]})
    assert response.status_code == 422
    assert {"duration_minutes", "topics"} <= set(response.json()["errors"])
    client.cookies["django_language"] = "sv"
    response = patch(client, auth, contact, {"channel": None})
    assert response.status_code == 422
    assert response.json()["errors"] == {"channel": ["Fältet får inte vara tomt."]}
    assert Contact.objects.get(pk=contact.pk).version == contact.version


def test_patch__nul_in_text__422(client, desk, contact):
    assert patch(client, bearer(desk.advisor), contact, {"note": "a\u0000b"}).status_code == 422


def test_patch__another_points_advisor__403_and_audited_as_denied(client, desk, contact):
    response = patch(client, bearer(desk.outsider), contact, {"duration_minutes": 12})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(actor=desk.outsider, outcome=Outcome.DENIED).exists()
    assert Contact.objects.get(pk=contact.pk).duration_minutes == 10


def test_patch__unknown_contact__404(client, desk, code_lists):
    response = client.patch(
        "/api/v1/contacts/00000000-0000-0000-0000-000000000000",
        data="{}",
        content_type="application/json",
        **bearer(desk.advisor),
    )
    assert response.status_code == 404
