from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kotopolku.accounts.services import api_token_create
from kotopolku.audit.models import AuditEvent
from kotopolku.casework.models import Assessment, Household, Plan, Step
from kotopolku.casework.tests.factories import GoalFactory, PlanFactory, StepFactory
from kotopolku.clients.tests.factories import ClientFactory

pytestmark = pytest.mark.django_db


def _api(client, user):  # type: ignore[no-untyped-def]
    _, raw = api_token_create(user=user, name="test")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client


@pytest.fixture
def api(client, world):  # type: ignore[no-untyped-def]
    return _api(client, world.advisor)


ASSESSMENT = {
    "literacy": "literate",
    "reads_latin": True,
    "languages": [
        {
            "language": "ar",
            "listening": "native",
            "speaking": "native",
            "reading": "native",
            "writing": "native",
        }
    ],
    "education": [{"level": "6", "field": "091", "country": "SY", "year": 2015, "recognition_needed": True}],
    "work_history": [{"occupation": "2221", "title": "Nurse", "country": "SY", "years": 6}],
    "occupation": "2221",
    "service_needs": ["work"],
    "own_goals": "أريد أن أعمل ممرضة",
    "conclusion": "integration",
}


def test_cases__open_list_and_close(api, world):
    url = f"/api/v1/clients/{world.client.uuid}/cases"
    assert api.post(url, {"opened_because": "desk"}, content_type="application/json").status_code == 201
    listed = api.get(url).json()
    assert [row["status"] for row in listed] == ["open"]
    response = api.post(
        url, {"close": True, "close_reason": "moved_away", "version": 7}, content_type="application/json"
    )
    assert response.status_code == 409
    response = api.post(
        url, {"close": True, "close_reason": "moved_away", "version": 1}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "closed"


def test_assessment__created_and_listed_with_an_audited_read(api, world):
    url = f"/api/v1/clients/{world.client.uuid}/assessments"
    response = api.post(url, ASSESSMENT, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["number"] == 1
    assert api.get(url).json()[0]["own_goals"] == ASSESSMENT["own_goals"]
    assert AuditEvent.objects.filter(action="casework.read", actor=world.advisor).exists()


def test_assessment__bad_input__422_per_field_in_finnish_and_nothing_saved(api, world):
    bad = {
        **ASSESSMENT,
        "occupation": "99999",
        "languages": [
            {"language": "fi", "listening": "D9", "speaking": "A1", "reading": "A1", "writing": "A1"}
        ],
        "education": [{"level": "12", "field": "091", "country": "SY", "year": 2015}],
        "own_goals": "evil\u202etext",
    }
    response = api.post(
        f"/api/v1/clients/{world.client.uuid}/assessments",
        bad,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"languages.0.listening", "education.0.level", "own_goals"} <= set(errors)
    assert (
        "kelvollinen" in " ".join(errors["languages.0.listening"]).lower() or errors["languages.0.listening"]
    )
    assert not Assessment.objects.exists()


def test_assessment__unknown_isco_code__422(api, world):
    response = api.post(
        f"/api/v1/clients/{world.client.uuid}/assessments",
        {**ASSESSMENT, "occupation": "9999"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "occupation" in response.json()["errors"]


def test_plan__create_get_and_patch_with_if_match(api, world):
    today = timezone.localdate()
    response = api.post(
        f"/api/v1/clients/{world.client.uuid}/plans",
        {
            "kind": "integration",
            "starts_on": str(today),
            "ends_on": str(today + dt.timedelta(days=300)),
            "partners": [str(world.kela.uuid)],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    plan_id = response.json()["id"]
    goal = api.post(
        f"/api/v1/plans/{plan_id}/goals", {"text": "Finnish to B1"}, content_type="application/json"
    )
    step = api.post(
        f"/api/v1/plans/{plan_id}/steps",
        {
            "goal": goal.json()["id"],
            "text": "Apply",
            "owner": "partner",
            "organisation": str(world.kela.uuid),
            "due_on": str(today + dt.timedelta(days=3)),
            "status": "todo",
        },
        content_type="application/json",
    )
    assert step.status_code == 201, step.content
    got = api.get(f"/api/v1/plans/{plan_id}")
    assert got["ETag"] == '"3"'
    assert got.json()["goals"][0]["steps"][0]["text"] == "Apply"
    stale = api.patch(
        f"/api/v1/plans/{plan_id}", {"summary": "x"}, content_type="application/json", HTTP_IF_MATCH='"1"'
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["version"] == 3
    fresh = api.patch(
        f"/api/v1/plans/{plan_id}", {"summary": "x"}, content_type="application/json", HTTP_IF_MATCH='"3"'
    )
    assert fresh.status_code == 200, fresh.content
    assert fresh.json()["summary"] == "x" and fresh["ETag"] == '"4"'


def test_plan__bad_dates_and_uninvolved_partner__422_nothing_saved(api, world):
    today = timezone.localdate()
    response = api.post(
        f"/api/v1/clients/{world.client.uuid}/plans",
        {"kind": "integration", "starts_on": str(today), "ends_on": str(today + dt.timedelta(days=900))},
        content_type="application/json",
    )
    assert response.status_code == 422 and "ends_on" in response.json()["errors"]
    plan = PlanFactory(client=world.client)
    goal = GoalFactory(plan=plan)
    response = api.post(
        f"/api/v1/plans/{plan.uuid}/steps",
        {
            "goal": str(goal.uuid),
            "text": "x",
            "owner": "partner",
            "organisation": str(world.te.uuid),
            "due_on": str(plan.starts_on - dt.timedelta(days=1)),
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert {"organisation", "due_on"} <= set(response.json()["errors"])
    assert not Step.objects.exists()
    assert Plan.objects.count() == 1


def test_plan__another_service_points_advisor__403_and_audited(client, world):
    plan = PlanFactory(client=world.client)
    api = _api(client, world.kemi_advisor)
    assert api.get(f"/api/v1/plans/{plan.uuid}").status_code == 403
    assert AuditEvent.objects.filter(actor=world.kemi_advisor, outcome="denied").exists()


def test_plan_pdf__api_answers_pdf_and_refuses_unknown_language(api, world):
    plan = PlanFactory(client=world.client)
    StepFactory(goal__plan=plan, plan=plan)
    response = api.get(f"/api/v1/plans/{plan.uuid}/pdf?lang=uk")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert api.get(f"/api/v1/plans/{plan.uuid}/pdf?lang=xx").status_code == 422


def test_households__create_and_list_with_constant_queries(api, world, django_assert_max_num_queries):
    spouse = ClientFactory(service_point=world.rovaniemi)
    response = api.post(
        "/api/v1/households",
        {
            "name": "Family",
            "client": str(world.client.uuid),
            "members": [{"client": str(spouse.uuid), "relation": "spouse"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    for index in range(5):
        head = ClientFactory(service_point=world.rovaniemi)
        api.post(
            "/api/v1/households",
            {"name": f"F{index}", "client": str(head.uuid)},
            content_type="application/json",
        )
    with django_assert_max_num_queries(6):
        listed = api.get("/api/v1/households").json()
    assert len(listed) == 6
    assert Household.objects.count() == 6


def test_plans_list__constant_queries(api, world, django_assert_max_num_queries):
    for _ in range(5):
        PlanFactory(client=world.client).partners.set([world.kela])
    with django_assert_max_num_queries(8):
        assert len(api.get(f"/api/v1/clients/{world.client.uuid}/plans").json()) == 5


def test_handover__json_valid_against_the_schema_and_audited(api, world):
    import jsonschema

    from kotopolku.casework.handover import handover_schema

    api.post(f"/api/v1/clients/{world.client.uuid}/assessments", ASSESSMENT, content_type="application/json")
    plan = PlanFactory(client=world.client)
    plan.partners.set([world.kela])
    StepFactory(goal__plan=plan, plan=plan, owner="partner", organisation=world.kela, due_on=plan.starts_on)
    document = api.get(f"/api/v1/clients/{world.client.uuid}/handover").json()
    jsonschema.validate(document, handover_schema(), format_checker=jsonschema.FormatChecker())
    entry = document["clients"][0]
    assert list(entry["initial_assessment"])[3:] == [
        "1_language_skills",
        "2_education",
        "3_work_history",
        "4_family_situation",
        "5_service_needs",
        "6_own_goals",
        "7_conclusion",
    ]
    assert (
        entry["initial_assessment"]["3_work_history"]["occupation_sought"]["label"]
        == "Ylihoitajat ja osastonhoitajat"
    )
    assert AuditEvent.objects.filter(action="casework.handover", actor=world.advisor).exists()
