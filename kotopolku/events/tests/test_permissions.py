from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix
from kotopolku.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

EVENT_ACTIONS = {
    "events.view": {Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR},
    "events.manage": {Role.ADVISOR, Role.COORDINATOR},
    "events.registrations": {Role.ADVISOR, Role.COORDINATOR},
}


@pytest.mark.parametrize("case", permission_matrix(EVENT_ACTIONS))
def test_permission_matrix__on_an_event(case, permission_world):
    permission_world.assert_case(case, make_object=lambda point: EventFactory(service_point=point))


@pytest.mark.parametrize(
    "case", permission_matrix({"events.registrations": EVENT_ACTIONS["events.registrations"]})
)
def test_permission_matrix__on_a_registration(case, permission_world):
    permission_world.assert_case(
        case, make_object=lambda point: RegistrationFactory(event=EventFactory(service_point=point))
    )


def test_permission_matrix__covers_every_events_action():
    assert_actions_declared("events.", EVENT_ACTIONS)
