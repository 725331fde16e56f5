from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import can, require
from kotopolku.audit.models import AuditEvent
from kotopolku.casework.selectors import partner_steps
from kotopolku.casework.tests.factories import CaseFactory, NoteFactory, PlanFactory, StepFactory
from kotopolku.clients.models import ClientTeamMember
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix

pytestmark = pytest.mark.django_db

STAFF = {Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR}
PLANNERS = {Role.ADVISOR, Role.COORDINATOR}

# On a client's records. The residence-permit expert's role comes through the network: in the
# matrix's world they do not work with the client, so they are refused (tested below where they do).
CLIENT_RECORD_ACTIONS = {
    "casework.view": {Role.ADVISOR, Role.COORDINATOR},
    "casework.manage": {Role.ADVISOR, Role.COORDINATOR},
    "casework.assess": {Role.ADVISOR, Role.COORDINATOR},
    "casework.plan": PLANNERS,
    "casework.transfer_request": PLANNERS,
    "casework.handover": PLANNERS,
    "casework.notes": {Role.ADVISOR, Role.COORDINATOR},
}
# On a service point: deciding a transfer to it, its bulk hand-over.
SERVICE_POINT_ACTIONS = {
    "casework.transfer_decide": PLANNERS,
    "casework.handover_bulk": {Role.COORDINATOR},
}


@pytest.mark.parametrize("case", permission_matrix(CLIENT_RECORD_ACTIONS))
def test_permission_matrix__on_a_clients_plan(case, permission_world):
    permission_world.assert_case(
        case, make_object=lambda point: PlanFactory(client=ClientFactory(service_point=point))
    )


@pytest.mark.parametrize("case", permission_matrix(CLIENT_RECORD_ACTIONS))
def test_permission_matrix__on_a_clients_case(case, permission_world):
    permission_world.assert_case(
        case, make_object=lambda point: CaseFactory(client=ClientFactory(service_point=point))
    )


@pytest.mark.parametrize("case", permission_matrix(SERVICE_POINT_ACTIONS))
def test_permission_matrix__on_a_service_point(case, permission_world):
    permission_world.assert_case(case, make_object=lambda point: point)


@pytest.mark.parametrize("case", permission_matrix({"casework.partner_steps": set()}))
def test_permission_matrix__partner_steps_of_another_organisation(case, permission_world):
    """No role reaches a step assigned to an organisation the user is not staff of."""
    permission_world.assert_case(
        case, make_object=lambda point: StepFactory(goal__plan__client=ClientFactory(service_point=point))
    )


def test_permission_matrix__covers_every_casework_action():
    assert_actions_declared(
        "casework.", {**CLIENT_RECORD_ACTIONS, **SERVICE_POINT_ACTIONS, "casework.partner_steps": set()}
    )


def test_network_expert__reaches_the_clients_they_work_with_but_not_their_notes(world):
    plan = PlanFactory(client=world.client)
    assert not can(world.expert, "casework.view", plan)
    ClientTeamMember.objects.create(client=world.client, user=world.expert, added_at=plan.created_at)
    assert can(world.expert, "casework.view", plan)
    assert can(world.expert, "casework.assess", world.client)
    assert not can(world.expert, "casework.plan", plan)
    note = NoteFactory(client=world.client)
    assert not can(world.expert, "casework.notes", note)


def test_partner_staff__see_only_their_organisations_steps(world):
    plan = PlanFactory(client=world.client)
    plan.partners.set([world.kela, world.te])
    theirs = StepFactory(goal__plan=plan, plan=plan, owner="partner", organisation=world.kela)
    other = StepFactory(goal__plan=plan, plan=plan, owner="partner", organisation=world.te)
    StepFactory(goal__plan=plan, plan=plan, owner="client")
    assert partner_steps(user=world.partner_staff) == [theirs]
    assert can(world.partner_staff, "casework.partner_steps", theirs)
    assert not can(world.partner_staff, "casework.partner_steps", other)
    assert not can(world.partner_staff, "casework.view", plan)
    with pytest.raises(PermissionDenied):
        require(world.partner_staff, "casework.view", plan)
    assert AuditEvent.objects.filter(actor=world.partner_staff, outcome="denied").exists()
    assert partner_steps(user=world.advisor) == []
