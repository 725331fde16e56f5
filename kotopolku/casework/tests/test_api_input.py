"""Casework's bodies and parameters are cleaned at the edge: bad text is a 422 per field."""

from __future__ import annotations

import pytest

from kotopolku.accounts.services import api_token_create
from kotopolku.casework.models import Case, Goal, Household, Plan
from kotopolku.casework.tests.factories import PlanFactory, StepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, world):  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=world.advisor, name="test")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client


def test_case__nul_in_the_opening_note__422_and_nothing_saved(api, world):
    response = api.post(
        f"/api/v1/clients/{world.client.uuid}/cases",
        {"opened_because": "desk", "opening_note": "a\x00b"},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert list(response.json()["errors"]) == ["opening_note"]
    assert not Case.objects.exists()


def test_plan__bidi_override_in_a_field_no_form_reads__422(api, world):
    response = api.post(
        f"/api/v1/clients/{world.client.uuid}/plans",
        {
            "kind": "integration",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "extra": ["ok", "x\u202ey"],
        },
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert "extra.1" in response.json()["errors"]
    assert not Plan.objects.exists()


def test_plan__bad_text_reported_with_the_forms_messages(api, world):
    response = api.post(
        f"/api/v1/clients/{world.client.uuid}/plans",
        {"kind": "no-such-kind", "summary": "ok", "note": "a\x1bb"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert {"kind", "note"} <= set(response.json()["errors"])


def test_goal__line_breaks_and_tabs_in_free_text_pass_the_edge(api, world):
    plan = PlanFactory(client=world.client)
    response = api.post(
        f"/api/v1/plans/{plan.uuid}/goals",
        {"text": "Learn Finnish\n\tto B1"},
        content_type="application/json",
    )
    assert response.status_code in (201, 422), response.content
    if response.status_code == 422:
        assert "text" in response.json()["errors"]
    else:
        assert Goal.objects.filter(plan=plan).exists()


def test_household__control_character_in_a_member__422_nothing_saved(api, world):
    response = api.post(
        "/api/v1/households",
        {
            "name": "Family",
            "client": str(world.client.uuid),
            "members": [{"client": "x", "relation": "child\x07"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert "members.0.relation" in response.json()["errors"]
    assert not Household.objects.exists()


def test_body_not_an_object__422(api, world):
    response = api.post(f"/api/v1/clients/{world.client.uuid}/cases", [1, 2], content_type="application/json")
    assert response.status_code == 422


def test_plan_pdf__lang_defaults_to_finnish_and_is_a_line(api, world):
    plan = PlanFactory(client=world.client)
    StepFactory(goal__plan=plan, plan=plan)
    assert api.get(f"/api/v1/plans/{plan.uuid}/pdf").status_code == 200
    response = api.get(f"/api/v1/plans/{plan.uuid}/pdf?lang=f%00i")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["lang"]
    assert api.get(f"/api/v1/plans/{plan.uuid}/pdf?lang={'x' * 40}").status_code == 422
