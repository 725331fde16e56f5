from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import can
from kotopolku.appointments.models import AppointmentRequest, AppointmentSeries
from kotopolku.appointments.tests.factories import AppointmentFactory
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix
from kotopolku.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

BOOKERS = {Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR}
# Actions on an appointment; the network's permit expert reaches those where they are the
# worker (tested below), not every appointment of a member point.
APPOINTMENT_ACTIONS = {
    "appointments.view": {Role.ADVISOR, Role.COORDINATOR},
    "appointments.book": {Role.ADVISOR, Role.COORDINATOR},
    "appointments.change": {Role.ADVISOR, Role.COORDINATOR},
    "appointments.interpreter": {Role.ADVISOR, Role.COORDINATOR},
}
POINT_ACTIONS = {
    "appointments.calendar": BOOKERS,
    "appointments.series": {Role.ADVISOR, Role.COORDINATOR},
    "appointments.report": {Role.COORDINATOR, Role.REPORTING_VIEWER, Role.ADMINISTRATOR},
    "appointments.requests": BOOKERS,
}


@pytest.mark.parametrize("case", permission_matrix(APPOINTMENT_ACTIONS))
def test_permission_matrix__appointment_actions(case, permission_world):
    permission_world.assert_case(
        case,
        make_object=lambda point: AppointmentFactory(
            service_point=point, client=ClientFactory(service_point=point)
        ),
    )


@pytest.mark.parametrize("case", permission_matrix({k: BOOKERS for k in APPOINTMENT_ACTIONS}))
def test_permission_matrix__appointment_actions__as_the_appointments_worker(case, permission_world):
    user = permission_world.user_with(case.role)
    appointment = AppointmentFactory(service_point=permission_world.service_point(case.where), worker=user)
    assert can(user, case.action, appointment) is case.allowed, str(case)


def _series(point):
    return AppointmentSeries.objects.create(
        service_point=point,
        organisation=OrganisationFactory(),
        title="Kela",
        first_date="2030-01-01",
        last_date="2030-02-01",
        starts="10:00",
        ends="12:00",
    )


def _request(point):
    return AppointmentRequest.objects.create(
        service_point=point,
        topic="Permit",
        language="en",
        preferred_times="Mornings",
        name="Ali",
        source_hash="x",
    )


@pytest.mark.parametrize(
    "case", permission_matrix({"appointments.series": POINT_ACTIONS["appointments.series"]})
)
def test_permission_matrix__series(case, permission_world):
    permission_world.assert_case(case, make_object=_series)


@pytest.mark.parametrize("case", permission_matrix({"appointments.requests": BOOKERS}))
def test_permission_matrix__requests(case, permission_world):
    permission_world.assert_case(case, make_object=_request)


@pytest.mark.parametrize(
    "case",
    permission_matrix(
        {"appointments.calendar": BOOKERS, "appointments.report": POINT_ACTIONS["appointments.report"]},
    ),
)
def test_permission_matrix__calendar_and_report_at_a_service_point(case, permission_world):
    permission_world.assert_case(case, make_object=lambda point: point)


def test_permission_matrix__covers_every_appointments_action():
    assert_actions_declared("appointments.", {**APPOINTMENT_ACTIONS, **POINT_ACTIONS})
