from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import can
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix
from kotopolku.employers.tests.factories import EmployerFactory, OpeningFactory

pytestmark = pytest.mark.django_db

WORKERS = {Role.ADVISOR, Role.COORDINATOR}
EMPLOYER_ACTIONS = {
    "employers.view": {Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR},
    "employers.manage": WORKERS,
    "employers.match": WORKERS,
    "employers.propose": WORKERS,
}
CLIENT_DATA_ACTIONS = {
    "employers.placement": WORKERS,
    "employers.report": {Role.COORDINATOR, Role.REPORTING_VIEWER},
}


@pytest.mark.parametrize("case", permission_matrix(EMPLOYER_ACTIONS))
def test_permission_matrix__on_an_employer(case, permission_world):
    permission_world.assert_case(case, make_object=lambda point: EmployerFactory(service_point=point))


@pytest.mark.parametrize("case", permission_matrix(EMPLOYER_ACTIONS))
def test_permission_matrix__on_a_job_opening(case, permission_world):
    permission_world.assert_case(
        case, make_object=lambda point: OpeningFactory(employer=EmployerFactory(service_point=point))
    )


@pytest.mark.parametrize("case", permission_matrix(CLIENT_DATA_ACTIONS))
def test_permission_matrix__on_a_client(case, permission_world):
    permission_world.assert_case(case, make_object=lambda point: ClientFactory(service_point=point))


def test_permission_matrix__covers_every_employers_action():
    assert_actions_declared("employers.", {**EMPLOYER_ACTIONS, **CLIENT_DATA_ACTIONS})


def test_employer_data__is_shared_inside_the_network_not_outside(office):
    neighbours_company = EmployerFactory(service_point=office.neighbour)
    assert can(office.advisor, "employers.view", neighbours_company)
    assert can(office.advisor, "employers.manage", neighbours_company)
    assert not can(office.outsider, "employers.view", neighbours_company)
    assert not can(office.outsider, "employers.view", EmployerFactory(service_point=office.point))
