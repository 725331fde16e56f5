"""A referral made from a plan step moves the step: sent or accepted it is under way, completed
it is done, declined it is the advisor's to do again; audited and on the client's timeline."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from kotopolku.audit.models import AuditEvent
from kotopolku.casework.models import CaseEvent, Step
from kotopolku.casework.tests.factories import GoalFactory, PlanFactory, StepFactory
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.referrals import services as referrals
from kotopolku.referrals.models import Referral
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


def test_refer_link_of_a_step__the_form_keeps_the_step_and_sending_moves_it(client, world, step):
    client.force_login(world.advisor)
    page = client.get(reverse("casework:plan", args=[step.plan.uuid])).content.decode()
    link = re.search(r'href="([^"]*source_id=' + str(step.uuid) + r'[^"]*)"', page)
    assert link, "the plan page offers a referral for the open step"
    form_url = html.unescape(link.group(1))
    form_page = client.get(form_url).content.decode()
    assert f'value="{step.uuid}"' in form_page and 'value="casework.step"' in form_page
    response = client.post(
        form_url,
        {
            "organisation": str(world.kela.uuid),
            "reason": "Child benefit",
            "shared_fields": ["name"],
            "send_now": "on",
            "source_type": "casework.step",
            "source_id": str(step.uuid),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    referral = Referral.objects.get()
    assert (referral.source_type, referral.source_id) == ("casework.step", step.uuid)
    assert _status(step) == "in_progress"


def test_refer_link__a_forged_source_is_refused_as_a_field_and_no_step_moves(client, world, step):
    client.force_login(world.advisor)
    url = reverse("referrals:create") + f"?client={world.client.uuid}"
    response = client.post(
        url,
        {
            "organisation": str(world.kela.uuid),
            "reason": "Child benefit",
            "shared_fields": ["name"],
            "send_now": "on",
            "source_type": "clients.client'; --",
            "source_id": "not-a-uuid",
        },
    )
    assert response.status_code == 400
    assert not Referral.objects.exists() and _status(step) == "todo"
