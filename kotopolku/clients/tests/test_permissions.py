from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import service_point_ids
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix

pytestmark = pytest.mark.django_db

CASEWORKERS = {Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR}
CLIENT_ACTIONS = {
    "clients.view": CASEWORKERS,
    "clients.register": CASEWORKERS,
    "clients.change": CASEWORKERS,
    "clients.export": {Role.ADVISOR, Role.COORDINATOR},
    "clients.erase": {Role.COORDINATOR},
    "clients.merge": {Role.ADVISOR, Role.COORDINATOR},
    "clients.retention": {Role.COORDINATOR, Role.ADMINISTRATOR},
}


@pytest.mark.parametrize("case", permission_matrix(CLIENT_ACTIONS))
def test_permission_matrix__client_actions(case, permission_world):
    permission_world.assert_case(
        case, make_object=lambda service_point: ClientFactory(service_point=service_point)
    )


def test_permission_matrix__covers_every_client_action():
    assert_actions_declared("clients.", CLIENT_ACTIONS)


def test_service_point_ids__partner_staff_and_reporting_viewer__see_no_clients(permission_world):
    for role in (Role.PARTNER_STAFF, Role.REPORTING_VIEWER):
        user = permission_world.user_with(role)
        assert service_point_ids(user, "clients.view") == set()
