from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from kotopolku.audit.models import AuditEvent
from kotopolku.casework import services
from kotopolku.casework.enums import PlanStatus, TransferStatus
from kotopolku.casework.models import Assessment, Case, CaseNote, Plan, Step
from kotopolku.casework.selectors import assessment_changes, notes_visible, work_list
from kotopolku.casework.tests.factories import GoalFactory, PlanFactory, StepFactory
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.models import Client
from kotopolku.clients.selectors import retention_due
from kotopolku.clients.tests.factories import ClientFactory, ConsentFactory
from kotopolku.core.versioning import StaleVersion

pytestmark = pytest.mark.django_db


def _assessment(**overrides):  # type: ignore[no-untyped-def]
    values = {
        "languages": [
            {"language": "fi", "listening": "A1", "speaking": "A1", "reading": "A1", "writing": "A1"}
        ],
        "literacy": "literate",
        "reads_latin": True,
        "education": [
            {"level": "6", "field": "091", "country": "UA", "year": 2012, "recognition_needed": True}
        ],
        "work_history": [{"occupation": "2221", "title": "", "country": "UA", "years": 5}],
        "occupation": "2221",
        "family_situation": "",
        "service_needs": ["work"],
        "service_needs_note": "",
        "own_goals": "Work as a nurse",
        "conclusion": "integration",
    }
    values.update(overrides)
    return services.AssessmentData(**values)


def test_case_close__closes_the_client_and_retention_counts_from_the_case(world):
    case = services.case_open(client=world.client, by=world.advisor, opened_because="desk")
    services.case_close(case=case, by=world.advisor, reason="moved_away")
    client = Client.objects.get(pk=world.client.pk)
    assert client.status == ClientStatus.CLOSED
    # The client's own closing is old, the case closed yesterday: the case's date counts.
    Client.objects.filter(pk=client.pk).update(closed_at=timezone.now() - dt.timedelta(days=365 * 6))
    Case.objects.filter(pk=case.pk).update(closed_on=timezone.localdate() - dt.timedelta(days=1))
    assert client.pk not in [c.pk for c in retention_due()]
    Case.objects.filter(pk=case.pk).update(closed_on=timezone.localdate() - dt.timedelta(days=365 * 6))
    assert client.pk in [c.pk for c in retention_due()]


def test_retention__an_open_case_keeps_the_client(world):
    Client.objects.filter(pk=world.client.pk).update(
        status=ClientStatus.CLOSED, closed_at=timezone.now() - dt.timedelta(days=365 * 6)
    )
    Case.objects.create(client=world.client, service_point=world.rovaniemi, opened_because="desk")
    assert world.client.pk not in [c.pk for c in retention_due()]


def test_case_open__twice__is_refused(world):
    services.case_open(client=world.client, by=world.advisor, opened_because="desk")
    with pytest.raises(ValidationError):
        services.case_open(client=world.client, by=world.advisor, opened_because="desk")


def test_transfer__accepted__moves_the_case_and_client_but_not_notes(world):
    client = ClientFactory(service_point=world.kemi)
    case = services.case_open(client=client, by=world.kemi_advisor, opened_because="desk")
    note = services.note_add(
        client=client, service_point=world.kemi, text="x", special_category=False, by=world.kemi_advisor
    )
    transfer = services.transfer_request(
        case=case,
        to_service_point=world.rovaniemi,
        reason="moves",
        client_consented=True,
        by=world.kemi_advisor,
    )
    assert Case.objects.get(pk=case.pk).service_point == world.kemi  # kept until accepted
    services.transfer_decide(transfer=transfer, accept=True, by=world.advisor)
    assert Case.objects.get(pk=case.pk).service_point == world.rovaniemi
    assert Client.objects.get(pk=client.pk).service_point == world.rovaniemi
    assert CaseNote.objects.get(pk=note.pk).service_point == world.kemi
    assert AuditEvent.objects.filter(action="casework.transfer_accept").exists()


def test_transfer__without_consent_or_outside_the_network__is_refused(world):
    client = ClientFactory(service_point=world.kemi)
    case = services.case_open(client=client, by=world.kemi_advisor, opened_because="desk")
    with pytest.raises(ValidationError) as error:
        services.transfer_request(
            case=case,
            to_service_point=world.outside,
            reason="x",
            client_consented=False,
            by=world.kemi_advisor,
        )
    assert set(error.value.message_dict) == {"to_service_point", "client_consented"}


def test_transfer__declined__needs_a_reason_and_keeps_the_case(world):
    client = ClientFactory(service_point=world.kemi)
    case = services.case_open(client=client, by=world.kemi_advisor, opened_because="desk")
    transfer = services.transfer_request(
        case=case,
        to_service_point=world.rovaniemi,
        reason="moves",
        client_consented=True,
        by=world.kemi_advisor,
    )
    with pytest.raises(ValidationError):
        services.transfer_decide(transfer=transfer, accept=False, by=world.advisor)
    transfer = services.transfer_decide(
        transfer=transfer, accept=False, by=world.advisor, decline_reason="no"
    )
    assert transfer.status == TransferStatus.DECLINED
    assert Case.objects.get(pk=case.pk).service_point == world.kemi


def test_assessment__numbers_grow_and_the_previous_stays(world):
    first = services.assessment_create(client=world.client, data=_assessment(), by=world.advisor)
    second = services.assessment_create(
        client=world.client,
        data=_assessment(
            languages=[
                {"language": "fi", "listening": "B1", "speaking": "A2", "reading": "A2", "writing": "A1"}
            ]
        ),
        by=world.advisor,
    )
    assert (first.number, second.number) == (1, 2)
    assert Assessment.objects.get(pk=first.pk).languages[0]["listening"] == "A1"
    with translation.override("en"):
        changes = assessment_changes(second, first)
    assert [change.what for change in changes] == ["Language fi"]


def test_assessment__unknown_codes__are_refused_per_field_in_the_users_language(world):
    with translation.override("fi"), pytest.raises(ValidationError) as error:
        services.assessment_create(
            client=world.client,
            data=_assessment(
                occupation="9999",
                education=[
                    {"level": "9", "field": "777", "country": "UA", "year": 2000, "recognition_needed": False}
                ],
            ),
            by=world.advisor,
        )
    messages = error.value.message_dict
    assert set(messages) == {"occupation", "education.0.level", "education.0.field"}
    assert Assessment.objects.count() == 0


def test_plan__integration_over_two_years__is_refused(world):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.plan_create(
            client=world.client,
            data=services.PlanData(
                kind="integration", starts_on=today, ends_on=today + dt.timedelta(days=800)
            ),
            by=world.advisor,
        )
    assert "ends_on" in error.value.message_dict
    assert Plan.objects.count() == 0


def test_step__due_before_the_plan_or_owned_by_an_uninvolved_partner__is_refused(world):
    plan = PlanFactory(client=world.client)
    plan.partners.set([world.kela])
    goal = GoalFactory(plan=plan)
    data = services.StepData(
        goal=goal,
        text="x",
        owner="partner",
        organisation=world.te,
        due_on=plan.starts_on - dt.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        services.step_add(plan=plan, data=data, by=world.advisor)
    assert set(error.value.message_dict) == {"due_on", "organisation"}
    assert Step.objects.count() == 0


def test_plan_update__stale_version__is_refused_and_nothing_changes(world):
    plan = PlanFactory(client=world.client, summary="first")
    services.plan_update(plan=plan, changes={"summary": "second"}, expected_version=1, by=world.advisor)
    with pytest.raises(StaleVersion):
        services.plan_update(
            plan=plan, changes={"summary": "third"}, expected_version=1, by=world.coordinator
        )
    assert Plan.objects.get(pk=plan.pk).summary == "second"


def test_plan__a_step_change_moves_the_plans_version(world):
    step = StepFactory(goal__plan__client=world.client)
    plan = step.plan
    services.step_set_status(step=step, status="done", by=world.advisor)
    assert Plan.objects.get(pk=plan.pk).version == plan.version + 1


def test_plan_status__ending_early_needs_a_reason(world):
    plan = PlanFactory(client=world.client)
    GoalFactory(plan=plan)
    plan = services.plan_set_status(plan=plan, status=PlanStatus.ACTIVE, by=world.advisor)
    with pytest.raises(ValidationError):
        services.plan_set_status(plan=plan, status=PlanStatus.ENDED, by=world.advisor)
    plan = services.plan_set_status(plan=plan, status=PlanStatus.ENDED, reason="Moved", by=world.advisor)
    assert plan.ended_reason == "Moved"
    with pytest.raises(ValidationError):
        services.plan_set_status(plan=plan, status=PlanStatus.ACTIVE, by=world.advisor)


def test_plan_from_a_service_path__takes_the_local_variants_steps(world):
    from kotopolku.catalogue.enums import StepChange
    from kotopolku.catalogue.models import (
        Service,
        ServicePath,
        ServicePathStep,
        ServicePathVariant,
        ServiceTranslation,
    )

    registration = Service.objects.create(organisation=world.kela)
    ServiceTranslation.objects.create(service=registration, language="en", name="Registration")
    local = Service.objects.create(organisation=world.te)
    ServiceTranslation.objects.create(service=local, language="en", name="Local job club")
    path = ServicePath.objects.create(key="test-work", life_situation="work")
    ServicePathStep.objects.create(path=path, position=1, service=registration)
    variant = ServicePathVariant.objects.create(path=path, municipality=world.client.municipality)
    ServicePathStep.objects.create(
        path=path, variant=variant, change=StepChange.ADD, position=2, service=local
    )
    today = timezone.localdate()
    with translation.override("en"):
        plan = services.plan_create(
            client=world.client,
            data=services.PlanData(kind="settlement", starts_on=today, ends_on=today + dt.timedelta(days=90)),
            by=world.advisor,
            service_path=path,
        )
    steps = list(Step.objects.filter(plan=plan).order_by("position"))
    assert [(s.text, s.service_id, s.organisation_id) for s in steps] == [
        ("Registration", registration.pk, world.kela.pk),
        ("Local job club", local.pk, world.te.pk),
    ]
    assert set(plan.partners.values_list("id", flat=True)) == {world.kela.pk, world.te.pk}


def test_note__special_category_needs_the_consent(world):
    with pytest.raises(ValidationError):
        services.note_add(
            client=world.client,
            service_point=world.rovaniemi,
            text="x",
            special_category=True,
            by=world.advisor,
        )
    ConsentFactory(client=world.client, purpose="special_category")
    note = services.note_add(
        client=world.client, service_point=world.rovaniemi, text="x", special_category=True, by=world.advisor
    )
    assert notes_visible(user=world.advisor, client=world.client) == [note]
    assert notes_visible(user=world.kemi_advisor, client=world.client) == []
    assert notes_visible(user=world.expert, client=world.client) == []


def test_work_list__shows_own_due_steps_follow_ups_ending_plans_and_unassessed_cases(world):
    today = timezone.localdate()
    plan = PlanFactory(
        client=world.client, responsible=world.advisor, status="active", ends_on=today + dt.timedelta(days=10)
    )
    StepFactory(goal__plan=plan, plan=plan, due_on=today - dt.timedelta(days=1))
    StepFactory(goal__plan=plan, plan=plan, due_on=today + dt.timedelta(days=30))
    services.follow_up_plan(plan=plan, planned_on=today + dt.timedelta(days=2), by=world.advisor)
    Client.objects.filter(pk=world.client.pk).update(responsible_worker=world.advisor)
    services.case_open(client=world.client, by=world.advisor, opened_because="desk")
    work = work_list(user=world.advisor)
    assert len(work.steps_due) == 1
    assert len(work.follow_ups_due) == 1
    assert work.plans_ending == [plan]
    assert len(work.cases_without_assessment) == 1
    assert work_list(user=world.kemi_advisor).empty


def test_export_and_anonymisation__casework_is_in_the_export_and_its_free_text_goes(world):
    from kotopolku.casework.hooks import casework_export, casework_export_document
    from kotopolku.clients.services import client_anonymise

    services.case_open(client=world.client, by=world.advisor, opened_because="desk")
    services.assessment_create(client=world.client, data=_assessment(), by=world.advisor)
    services.note_add(
        client=world.client,
        service_point=world.rovaniemi,
        text="private",
        special_category=False,
        by=world.advisor,
    )
    exported = casework_export(world.client)
    assert exported["assessments"][0]["own_goals"] == "Work as a nurse"
    assert casework_export_document(world.client).records
    client_anonymise(client=world.client, by=world.coordinator)
    assert Assessment.objects.get(client=world.client).own_goals == ""
    assert CaseNote.objects.get(client=world.client).text == ""
