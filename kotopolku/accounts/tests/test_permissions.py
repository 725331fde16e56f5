from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.permissions import Action, can, register, require, roles, service_point_ids
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.audit.models import AuditEvent
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db

FOUNDATION_ACTIONS = {
    "organisations.view": {
        Role.ADVISOR,
        Role.PERMIT_EXPERT,
        Role.COORDINATOR,
        Role.ADMINISTRATOR,
        Role.REPORTING_VIEWER,
    },
    "organisations.manage": {Role.COORDINATOR, Role.ADMINISTRATOR},
    "audit.view": {Role.COORDINATOR, Role.ADMINISTRATOR},
}


@pytest.mark.parametrize("case", permission_matrix(FOUNDATION_ACTIONS))
def test_permission_matrix__foundation_actions(case, permission_world):
    permission_world.assert_case(case, make_object=lambda service_point: service_point)


def test_permission_matrix__covers_every_foundation_action():
    for prefix in ("organisations.", "audit."):
        assert_actions_declared(prefix, FOUNDATION_ACTIONS)


def test_can__unknown_action__is_a_programming_error():
    with pytest.raises(LookupError):
        can(UserFactory(), "clients.teleport")


def test_can__anonymous_or_inactive_user__is_always_denied():
    from django.contrib.auth.models import AnonymousUser

    user = UserFactory(is_active=False)
    point = ServicePointFactory()
    Membership.objects.create(user=user, role=Role.COORDINATOR, service_point=point)
    assert not can(AnonymousUser(), "audit.view", point)
    assert not can(user, "audit.view", point)


def test_require__denied__is_audited_with_target():
    user = UserFactory()
    point = ServicePointFactory()
    with pytest.raises(PermissionDenied):
        require(user, "audit.view", point)
    event = AuditEvent.objects.get(actor=user)
    assert (event.outcome, event.target_type, event.target_id) == (
        "denied",
        "organisations.servicepoint",
        str(point.uuid),
    )


def test_service_point_ids__lists_where_the_user_may_act():
    user = UserFactory()
    own, other = ServicePointFactory(), ServicePointFactory()
    Membership.objects.create(user=user, role=Role.ADVISOR, service_point=own)
    Membership.objects.create(user=user, role=Role.COORDINATOR, service_point=other)
    assert service_point_ids(user, "organisations.view") == {own.id, other.id}
    assert service_point_ids(user, "audit.view") == {other.id}


def test_action__with_own_check__replaces_the_default_rule():
    register(Action("testing.only_on_mondays", roles(Role.ADVISOR), check=lambda user, obj: False))
    user = UserFactory()
    point = ServicePointFactory()
    Membership.objects.create(user=user, role=Role.ADVISOR, service_point=point)
    assert not can(user, "testing.only_on_mondays", point)


def test_grants__are_loaded_once_per_user(django_assert_max_num_queries):
    user = UserFactory()
    point = ServicePointFactory()
    Membership.objects.create(user=user, role=Role.ADVISOR, service_point=point)
    with django_assert_max_num_queries(2):
        for _ in range(20):
            can(user, "organisations.view", point)
