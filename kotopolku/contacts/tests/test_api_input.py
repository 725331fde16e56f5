"""The contacts API refuses bad input with a message per field (422), never a server error."""

from __future__ import annotations

import json

import pytest

from kotopolku.contacts.models import Contact
from kotopolku.contacts.tests.test_api import bearer, payload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query, field",
    [
        ("topic=%00", "topic"),
        ("language=fi%00", "language"),
        ("channel=%1b", "channel"),
        ("page=0", "page"),
        ("page=9223372036854775808", "page"),
        ("page_size=100000", "page_size"),
        ("date_to=0", "date_to"),
        ("date_from=2026-13-01", "date_from"),
    ],
)
def test_contact_list__bad_filter__422_with_a_message(client, desk, query, field):
    response = client.get(f"/api/v1/contacts?{query}", **bearer(desk.advisor))
    assert response.status_code == 422, response.content
    assert list(response.json()["errors"]) == [field]


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"topics": ["\x00"]}, "topics"),
        ({"note": "null\x00byte"}, "note"),
        ({"note": "right\u202eleft"}, "note"),
        ({"channel": "walk_in\n"}, "channel"),
        ({"happened_at": 0}, "happened_at"),
        ({"duration_minutes": 2**70}, "duration_minutes"),
    ],
)
def test_contact_create__bad_text_or_number__422_nothing_saved(client, desk, code_lists, overrides, field):
    body = json.dumps(payload(desk, **overrides))
    response = client.post("/api/v1/contacts", body, content_type="application/json", **bearer(desk.advisor))
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]
    assert not Contact.objects.exists()


def test_contact_create__note_keeps_its_lines(client, desk, code_lists):
    body = json.dumps(payload(desk, note="first line\nsecond\tline"))
    response = client.post("/api/v1/contacts", body, content_type="application/json", **bearer(desk.advisor))
    assert response.status_code == 201, response.content
    assert Contact.objects.get().note == "first line\nsecond\tline"
