from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix
from kotopolku.indicators.tests.factories import ParticipantFactory

ACTIONS = {
    "indicators.view": {Role.ADVISOR, Role.COORDINATOR, Role.REPORTING_VIEWER},
    "indicators.individuals": {Role.ADVISOR, Role.COORDINATOR},
    "indicators.participants": {Role.ADVISOR, Role.COORDINATOR},
    "indicators.manage": {Role.COORDINATOR},
}


@pytest.mark.parametrize("case", permission_matrix(ACTIONS))
def test_permission_matrix__on_a_participant(case, permission_world):
    permission_world.assert_case(case, make_object=lambda point: ParticipantFactory(service_point=point))


def test_permission_matrix__covers_every_indicators_action():
    assert_actions_declared("indicators.", ACTIONS)
