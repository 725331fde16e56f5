from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix

pytestmark = pytest.mark.django_db

DUPLICATE_ACTIONS = {
    "duplicates.sweep": {Role.COORDINATOR},
    "duplicates.review": {Role.COORDINATOR, Role.ADVISOR},
    "duplicates.learn": {Role.COORDINATOR, Role.ADMINISTRATOR},
}


@pytest.mark.parametrize("case", permission_matrix(DUPLICATE_ACTIONS))
def test_permission_matrix__on_a_client(case, permission_world):
    permission_world.assert_case(case, make_object=lambda point: ClientFactory(service_point=point))


def test_permission_matrix__covers_every_duplicates_action():
    assert_actions_declared("duplicates.", DUPLICATE_ACTIONS)
