from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.catalogue.tests.factories import ServiceFactory, ServicePathFactory
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix

pytestmark = pytest.mark.django_db

CATALOGUE_ACTIONS = {
    "catalogue.view": {Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR, Role.ADMINISTRATOR},
    "catalogue.manage": {Role.COORDINATOR, Role.ADMINISTRATOR},
}
# Catalogue entries belong to no service point: the roles count at any service point ("anywhere").
OTHER = CATALOGUE_ACTIONS


@pytest.mark.parametrize("case", permission_matrix(CATALOGUE_ACTIONS, other=OTHER))
def test_permission_matrix__catalogue_service(case, permission_world):
    permission_world.assert_case(case, make_object=lambda service_point: ServiceFactory())


@pytest.mark.parametrize("case", permission_matrix(CATALOGUE_ACTIONS, other=OTHER))
def test_permission_matrix__service_path(case, permission_world):
    permission_world.assert_case(case, make_object=lambda service_point: ServicePathFactory())


@pytest.mark.parametrize("case", permission_matrix(CATALOGUE_ACTIONS, other=OTHER))
def test_permission_matrix__service_of_the_partner_staffs_own_organisation(case, permission_world):
    # Partner staff get nothing in the catalogue, not even for their own organisation's services.
    permission_world.assert_case(
        case, make_object=lambda sp: ServiceFactory(organisation=permission_world.partner)
    )


def test_permission_matrix__covers_every_catalogue_action():
    assert_actions_declared("catalogue.", CATALOGUE_ACTIONS)
