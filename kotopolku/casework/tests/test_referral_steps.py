"""A referral made from a plan step moves the step: sent or accepted it is under way, completed
it is done, declined it is the advisor's to do again; audited and on the client's timeline."""

from __future__ import annotations

import pytest

from kotopolku.audit.models import AuditEvent
from kotopolku.casework.models import CaseEvent, Step
from kotopolku.casework.tests.factories import GoalFactory, PlanFactory, StepFactory
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.referrals import services as referrals
from kotopolku.referrals.tests.factories import SharingConsentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def step(world):  # type: ignore[no-untyped-def]
    plan = PlanFactory(client=world.client, status="active")
    plan.partners.set([world.kela])
    goal = GoalFactory(plan=plan, text="Perhe-etuudet")
    SharingConsentFactory(client=world.client, organisation=world.kela)
    return StepFactory(
        goal=goal, plan=plan, text="Lapsilisähakemus", owner="partner", organisation=world.kela, status="todo"
    )


def _sent_from(world, step, client=None):  # type: ignore[no-untyped-def]
    data = referrals.ReferralData(
        client=client or world.client,
        organisation=world.kela,
        reason="Child benefit",
        source_type="casework.step",
        source_id=step.uuid,
    )
    return referrals.referral_send(
        referral=referrals.referral_create(data=data, by=world.advisor), by=world.advisor
    )


def _status(step: Step) -> str:
    step.refresh_from_db()
    return step.status


def test_referral_from_a_step__sent_accepted_completed__step_under_way_then_done(world, step):
    version = step.version
    referral = _sent_from(world, step)
    assert _status(step) == "in_progress" and step.version == version + 1
    referral = referrals.referral_accept(referral=referral, by=world.partner_staff)
    assert _status(step) == "in_progress"
    referrals.referral_complete(referral=referral, by=world.partner_staff, note="Application filed")
    assert _status(step) == "done"
    audited = AuditEvent.objects.filter(action="casework.step_status", target_id=str(step.plan.uuid))
    assert [event.details["status"] for event in audited.order_by("id")] == ["in_progress", "done"]
    assert all(event.details["referral"] == str(referral.uuid) for event in audited)
    timeline = CaseEvent.objects.filter(client=world.client, kind="step_changed").order_by("id")
    assert [row.details["referral_status"] for row in timeline] == ["sent", "completed"]


def test_referral_from_a_step__declined__step_back_on_the_advisors_list(world, step):
    referral = _sent_from(world, step)
    referrals.referral_decline(referral=referral, by=world.partner_staff, reason="Not our service")
    assert _status(step) == "todo"


def test_referral_from_a_step__a_step_already_done_is_left_as_it_is(world, step):
    Step.objects.filter(pk=step.pk).update(status="done")
    referral = _sent_from(world, step)
    referrals.referral_cancel(referral=referral, by=world.advisor, reason="Sent twice")
    assert _status(step) == "done"
    assert not AuditEvent.objects.filter(action="casework.step_status").exists()


def test_referral_naming_another_clients_step__changes_nothing(world, step):
    other = ClientFactory(service_point=world.rovaniemi)
    SharingConsentFactory(client=other, organisation=world.kela)
    _sent_from(world, step, client=other)
    assert _status(step) == "todo"


def test_referral_without_a_step__changes_no_step(world, step):
    data = referrals.ReferralData(client=world.client, organisation=world.kela, reason="Child benefit")
    referrals.referral_send(referral=referrals.referral_create(data=data, by=world.advisor), by=world.advisor)
    assert _status(step) == "todo"
