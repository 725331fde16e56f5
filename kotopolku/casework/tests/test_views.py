from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kotopolku.audit.models import AuditEvent
from kotopolku.casework import services
from kotopolku.casework.models import Assessment, Case, CaseTransfer, Plan
from kotopolku.casework.tests.factories import GoalFactory, PlanFactory, StepFactory
from kotopolku.clients.tests.factories import ClientFactory, ConsentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor_client(client, world):  # type: ignore[no-untyped-def]
    client.force_login(world.advisor)
    return client


def test_client_casework_page__shows_cases_household_assessments_plans_and_notes(advisor_client, world):
    services.case_open(client=world.client, by=world.advisor, opened_because="desk")
    services.household_create(client=world.client, name="Kovalenko family", by=world.advisor)
    services.note_add(
        client=world.client,
        service_point=world.rovaniemi,
        text="Visible note",
        special_category=False,
        by=world.advisor,
    )
    PlanFactory(client=world.client)
    response = advisor_client.get(reverse("casework:client", args=[world.client.uuid]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kovalenko family" in body and "Visible note" in body
    assert AuditEvent.objects.filter(action="casework.read", purpose="case notes").exists()


def test_case_open_and_close_through_the_page(advisor_client, world):
    url = reverse("casework:case_open", args=[world.client.uuid])
    assert advisor_client.post(url, {"opened_because": "desk"}).status_code == 302
    case = Case.objects.get(client=world.client)
    response = advisor_client.post(
        reverse("casework:case_close", args=[world.client.uuid]),
        {"close_reason": "goals_reached", "version": case.version},
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == "closed"


def test_assessment_form__valid__saved_and_the_next_starts_from_it(advisor_client, world):
    url = reverse("casework:assessment_new", args=[world.client.uuid])
    data = {
        "literacy": "literate",
        "reads_latin": "on",
        "conclusion": "integration",
        "language_0": "ar",
        "language_0_listening": "native",
        "education_0_level": "6",
        "education_0_field": "091",
        "education_0_country": "SY",
        "work_0_occupation": "2221",
        "occupation": "2221",
        "own_goals": "Sairaanhoitajaksi",
    }
    assert advisor_client.post(url, data).status_code == 302
    assert Assessment.objects.get(client=world.client).education[0]["level"] == "6"
    page = advisor_client.get(url)
    assert (
        page.status_code == 200 and 'value="Sairaanhoitajaksi"' in page.content.decode()
    ) or "Sairaanhoitajaksi" in page.content.decode()


def test_assessment_form__cefr_out_of_scale_and_unknown_isco__400_with_messages(advisor_client, world):
    response = advisor_client.post(
        reverse("casework:assessment_new", args=[world.client.uuid]),
        {
            "literacy": "literate",
            "conclusion": "none",
            "language_0": "fi",
            "language_0_reading": "D1",
            "occupation": "0000",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert not Assessment.objects.exists()
    body = response.content.decode()
    assert "Select a valid choice" in body


def test_plan_edit__second_save_with_a_stale_version__shows_what_changed_and_saves_nothing(
    advisor_client, client, world
):
    plan = PlanFactory(client=world.client, summary="Original")
    page = advisor_client.get(reverse("casework:plan", args=[plan.uuid]))
    assert page.status_code == 200
    form = {
        "kind": plan.kind,
        "starts_on": plan.starts_on.isoformat(),
        "ends_on": plan.ends_on.isoformat(),
        "version": plan.version,
        "original": page.context["edit_form"].initial["original"],
    }
    # A colleague saves first.
    services.plan_update(
        plan=plan, changes={"summary": "Colleague's text"}, expected_version=1, by=world.coordinator
    )
    response = advisor_client.post(
        reverse("casework:plan_edit", args=[plan.uuid]), {**form, "summary": "Mine"}
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Colleague&#x27;s text" in body and "Mine" in body
    assert Plan.objects.get(pk=plan.pk).summary == "Colleague's text"
    # Applying theirs again with the version the conflict page gave.
    again = response.context["edit_form"].initial
    response = advisor_client.post(
        reverse("casework:plan_edit", args=[plan.uuid]),
        {**form, "summary": "Mine", "version": again["version"]},
    )
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).summary == "Mine"


def test_plan_page__steps_goals_follow_ups_and_status(advisor_client, world):
    plan = PlanFactory(client=world.client)
    plan.partners.set([world.kela])
    url = reverse("casework:goal_add", args=[plan.uuid])
    assert advisor_client.post(url, {"text": "Työ"}).status_code == 302
    goal = plan.goals.get()
    response = advisor_client.post(
        reverse("casework:step_add", args=[plan.uuid]),
        {
            "goal": str(goal.uuid),
            "text": "Hae",
            "owner": "partner",
            "organisation": str(world.te.uuid),
            "due_on": str(plan.starts_on),
        },
    )
    assert response.status_code == 400  # the plan does not involve that organisation
    response = advisor_client.post(
        reverse("casework:step_add", args=[plan.uuid]),
        {
            "goal": str(goal.uuid),
            "text": "Hae",
            "owner": "partner",
            "organisation": str(world.kela.uuid),
            "due_on": str(plan.starts_on),
        },
    )
    assert response.status_code == 302
    assert (
        advisor_client.post(
            reverse("casework:follow_up_add", args=[plan.uuid]), {"planned_on": str(plan.starts_on)}
        ).status_code
        == 302
    )
    plan.refresh_from_db()
    response = advisor_client.post(
        reverse("casework:plan_status", args=[plan.uuid]), {"status": "active", "version": plan.version}
    )
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == "active"


def test_plan_pdf_view__in_the_chosen_language_and_audited(advisor_client, world):
    plan = PlanFactory(client=world.client)
    response = advisor_client.get(reverse("casework:plan_pdf", args=[plan.uuid]) + "?lang=so")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert advisor_client.get(reverse("casework:plan_pdf", args=[plan.uuid]) + "?lang=xx").status_code == 400
    assert AuditEvent.objects.filter(action="casework.read", purpose__contains="PDF").exists()


def test_plan_page__another_service_point__403_and_audited(client, world):
    plan = PlanFactory(client=world.client)
    client.force_login(world.kemi_advisor)
    assert client.get(reverse("casework:plan", args=[plan.uuid])).status_code == 403
    assert AuditEvent.objects.filter(actor=world.kemi_advisor, outcome="denied").exists()


def test_worklist__constant_queries(advisor_client, world, django_assert_max_num_queries):
    today = timezone.localdate()
    for _ in range(6):
        plan = PlanFactory(
            client=ClientFactory(service_point=world.rovaniemi),
            responsible=world.advisor,
            status="active",
            ends_on=today + dt.timedelta(days=5),
        )
        StepFactory(goal__plan=plan, plan=plan, due_on=today)
        services.follow_up_plan(plan=plan, planned_on=today, by=world.advisor)
    with django_assert_max_num_queries(12):
        response = advisor_client.get(reverse("casework:worklist"))
    assert response.status_code == 200
    assert len(response.context["work"].steps_due) == 6


def test_transfers__the_receiving_point_accepts(client, world):
    moving = ClientFactory(service_point=world.kemi)
    case = services.case_open(client=moving, by=world.kemi_advisor, opened_because="desk")
    transfer = services.transfer_request(
        case=case,
        to_service_point=world.rovaniemi,
        reason="moves",
        client_consented=True,
        by=world.kemi_advisor,
    )
    client.force_login(world.advisor)
    assert "moves" in client.get(reverse("casework:transfers")).content.decode()
    client.force_login(world.kemi_advisor)
    assert (
        client.post(reverse("casework:transfer_decide", args=[transfer.uuid]), {"accept": "yes"}).status_code
        == 403
    )
    client.force_login(world.advisor)
    assert (
        client.post(reverse("casework:transfer_decide", args=[transfer.uuid]), {"accept": "yes"}).status_code
        == 302
    )
    assert CaseTransfer.objects.get(pk=transfer.pk).status == "accepted"


def test_partner_staff__see_and_mark_their_steps(client, world):
    plan = PlanFactory(client=world.client)
    plan.partners.set([world.kela])
    step = StepFactory(
        goal=GoalFactory(plan=plan), plan=plan, owner="partner", organisation=world.kela, text="Kela step"
    )
    StepFactory(goal=GoalFactory(plan=plan), plan=plan, owner="client", text="Private step")
    client.force_login(world.partner_staff)
    page = client.get(reverse("casework:partner_steps")).content.decode()
    assert "Kela step" in page and "Private step" not in page
    assert (
        client.post(reverse("casework:partner_step_status", args=[step.uuid]), {"status": "done"}).status_code
        == 302
    )
    step.refresh_from_db()
    assert step.status == "done"
    assert client.get(reverse("casework:plan", args=[plan.uuid])).status_code == 403


def test_handover__summary_page_json_and_bulk(client, world):
    Assessment.objects.create(
        client=world.client,
        service_point=world.rovaniemi,
        number=1,
        literacy="literate",
        reads_latin=True,
        conclusion="integration",
    )
    client.force_login(world.advisor)
    page = client.get(reverse("casework:handover", args=[world.client.uuid]))
    assert page.status_code == 200
    data = client.get(reverse("casework:handover", args=[world.client.uuid]) + "?format=json").json()
    assert data["law"] == "681/2023"
    assert client.get(reverse("casework:handover_bulk", args=[world.rovaniemi.uuid])).status_code == 403
    client.force_login(world.coordinator)
    bulk = client.get(reverse("casework:handover_bulk", args=[world.rovaniemi.uuid]))
    assert bulk.status_code == 200 and len(bulk.json()["clients"]) == 1
    assert AuditEvent.objects.filter(action="casework.handover_bulk").exists()


def test_client_profile__timeline_at_the_top_with_casework_and_the_family_panel(
    advisor_client, world, django_assert_max_num_queries
):
    services.case_open(client=world.client, by=world.advisor, opened_because="desk")
    household = services.household_create(client=world.client, name="Family", by=world.advisor)
    spouse = ClientFactory(service_point=world.rovaniemi, given_names_latin="Olena")
    services.household_add(household=household, client=spouse, relation="spouse", by=world.advisor)
    ConsentFactory(client=world.client, purpose="special_category")
    services.note_add(
        client=world.client,
        service_point=world.rovaniemi,
        text="Health note",
        special_category=True,
        by=world.advisor,
    )
    url = reverse("clients:profile", args=[world.client.uuid])
    response = advisor_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert body.index('id="timeline-heading"') < body.index('id="details-heading"')
    assert "Case opened" in body and "Health note" in body and "Olena" in body
    for index in range(30):
        services.note_add(
            client=world.client,
            service_point=world.rovaniemi,
            text=f"n{index}",
            special_category=False,
            by=world.advisor,
        )
    # 12: the session and the user (2), the client with its languages, identifiers, consents and
    # team (1), the user's memberships (1), the audited read (4 with its savepoint), the timeline's
    # page of every app's sources with its count (1), case work's panel (1), the theme (1) and the
    # team form's staff (1). The other apps' profile actions use the permissions already read.
    with django_assert_max_num_queries(12) as counted:
        advisor_client.get(url)
    first = len(counted.captured_queries)
    for index in range(30):
        services.note_add(
            client=world.client,
            service_point=world.rovaniemi,
            text=f"m{index}",
            special_category=False,
            by=world.advisor,
        )
    with django_assert_max_num_queries(first):
        response = advisor_client.get(url + "?page=2")
    assert response.context["timeline"].number == 2


def test_home__shows_the_advisors_work_list_panel(advisor_client, world):
    today = timezone.localdate()
    plan = PlanFactory(client=world.client, responsible=world.advisor, status="active")
    StepFactory(goal__plan=plan, plan=plan, due_on=today)
    body = advisor_client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="home-worklist-heading"' in body
    assert "1 step due within 7 days or overdue" in body


def test_client_profile__casework_panel_reads_one_query_whatever_the_plans_hold(
    world, django_assert_num_queries
):
    from kotopolku.casework.hooks import casework_profile_panel

    today = timezone.localdate()
    for _index in range(3):
        plan = PlanFactory(client=world.client, responsible=world.advisor, status="active")
        for _step in range(5):
            StepFactory(goal__plan=plan, plan=plan, due_on=today)
    services.case_open(client=world.client, by=world.advisor, opened_because="desk")
    household = services.household_create(client=world.client, name="Family", by=world.advisor)
    services.household_add(
        household=household,
        client=ClientFactory(service_point=world.rovaniemi),
        relation="child",
        by=world.advisor,
    )
    # The permission check reads the user's memberships once; the panel itself one query.
    casework_profile_panel(world.client, world.advisor)
    with django_assert_num_queries(1):
        html = casework_profile_panel(world.client, world.advisor)
    assert html and "Family" in html
    assert "15" in html and "the open case has no needs assessment" in html
