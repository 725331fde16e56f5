from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent
from kotopolku.clients.models import ClientTeamMember
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix

pytestmark = pytest.mark.django_db

CASEWORKERS = {Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR}
# In the matrix world the residence-permit expert holds their role through the network: a client
# of a member service point they do not work with is out of their reach (the team tests below and
# in test_team.py cover the clients they do work with).
CLIENT_ACTIONS = {
    "clients.view": {Role.ADVISOR, Role.COORDINATOR},
    "clients.register": {Role.ADVISOR, Role.COORDINATOR},
    "clients.change": {Role.ADVISOR, Role.COORDINATOR},
    "clients.export": {Role.ADVISOR, Role.COORDINATOR},
    "clients.erase": {Role.COORDINATOR},
    "clients.merge": {Role.ADVISOR, Role.COORDINATOR},
    "clients.retention": {Role.COORDINATOR, Role.ADMINISTRATOR},
    "clients.team": {Role.ADVISOR, Role.COORDINATOR},
}
# The same world, with the user on the client's team: the network's expert now reaches the client
# for what their role allows; nothing else changes (the team does not widen a role).
ON_THE_TEAM = {
    **CLIENT_ACTIONS,
    "clients.view": CASEWORKERS,
    "clients.register": CASEWORKERS,
    "clients.change": CASEWORKERS,
}


@pytest.mark.parametrize("case", permission_matrix(CLIENT_ACTIONS))
def test_permission_matrix__client_actions(case, permission_world):
    permission_world.assert_case(
        case, make_object=lambda service_point: ClientFactory(service_point=service_point)
    )


@pytest.mark.parametrize("case", permission_matrix(ON_THE_TEAM))
def test_permission_matrix__client_actions__user_on_the_clients_team(case, permission_world):
    user = permission_world.user_with(case.role)
    client = ClientFactory(service_point=permission_world.service_point(case.where))
    ClientTeamMember.objects.create(client=client, user=user, added_at=timezone.now())
    assert can(user, case.action, client) is case.allowed, case
    if not case.allowed:
        with pytest.raises(PermissionDenied):
            require(user, case.action, client)
        assert AuditEvent.objects.filter(actor=user, action=case.action, outcome=Outcome.DENIED).exists()


def test_permission_matrix__covers_every_client_action():
    assert_actions_declared("clients.", CLIENT_ACTIONS)


def test_service_point_ids__partner_staff_and_reporting_viewer__see_no_clients(permission_world):
    for role in (Role.PARTNER_STAFF, Role.REPORTING_VIEWER):
        user = permission_world.user_with(role)
        assert service_point_ids(user, "clients.view") == set()
