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


# A municipality's look: an administrator of a service point in that municipality.
THEME_ACTIONS = {"organisations.theme": {Role.ADMINISTRATOR}}


@pytest.mark.parametrize("case", permission_matrix(THEME_ACTIONS))
def test_permission_matrix__municipality_theme(case, permission_world):
    from kotopolku.organisations.tests.factories import municipality

    # Both service points of the world are in Rovaniemi; "other" stands for Kemi here.
    permission_world.assert_case(
        case,
        make_object=lambda point: (
            point.municipality if point == permission_world.own else municipality("240")
        ),
    )


# Users and roles: an administrator of the service point the user works at.
ADMINISTRATION_ACTIONS = {
    "accounts.administer": {Role.ADMINISTRATOR},
    "accounts.second_factor_reset": {Role.ADMINISTRATOR},
}


@pytest.mark.parametrize("case", permission_matrix(ADMINISTRATION_ACTIONS))
def test_permission_matrix__user_administration(case, permission_world):
    permission_world.assert_case(case, make_object=lambda service_point: service_point)


def test_permission_matrix__covers_every_foundation_action():
    for prefix in ("organisations.", "audit.", "accounts."):
        assert_actions_declared(prefix, {**FOUNDATION_ACTIONS, **THEME_ACTIONS, **ADMINISTRATION_ACTIONS})


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


# --- narrowing what a network role reaches (``network_reach``) --------------------------------


def _network_world():  # type: ignore[no-untyped-def]
    from kotopolku.organisations.tests.factories import NetworkFactory

    lead, member_point = ServicePointFactory(), ServicePointFactory()
    network = NetworkFactory(lead=lead, members=[lead, member_point])
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.ADVISOR, service_point=lead)
    Membership.objects.create(user=user, role=Role.ADVISOR, network=network)
    return lead, member_point, user


def _register_named_reach() -> None:
    """A reach that says the user works with the service points named "worked with ..."."""
    from django.db.models import Q

    from kotopolku.accounts.permissions import NetworkReach, register_network_reach

    def works_with(user, obj):  # type: ignore[no-untyped-def]
        if obj is None or obj._meta.label_lower != "organisations.servicepoint" or obj.name == "":
            return None
        return obj.name.startswith("worked with")

    register_network_reach(
        "testing.named",
        NetworkReach(works_with=works_with, condition=lambda user: Q(name__startswith="worked with")),
    )
    register(Action("testing.narrowed", roles(Role.ADVISOR), network_reach="testing.named"))


def test_network_reach__a_role_through_a_network__covers_only_the_objects_the_user_works_with():
    from kotopolku.accounts.permissions import scope_condition, service_point_reach
    from kotopolku.organisations.models import ServicePoint

    _register_named_reach()
    lead, member_point, user = _network_world()
    assert can(user, "testing.narrowed", lead)  # held at the point itself: every object there
    assert not can(user, "testing.narrowed", member_point)
    with pytest.raises(PermissionDenied):
        require(user, "testing.narrowed", member_point)
    assert AuditEvent.objects.filter(actor=user, action="testing.narrowed", outcome="denied").exists()
    reach = service_point_reach(user, "testing.narrowed")
    assert (reach.full, reach.narrowed) == (frozenset({lead.pk}), frozenset({member_point.pk}))
    assert service_point_ids(user, "testing.narrowed") == {lead.pk, member_point.pk}
    scoped = ServicePoint.objects.filter(scope_condition(user, "testing.narrowed", service_point_field="id"))
    assert list(scoped) == [lead]

    member_point.name = "worked with Kemi"
    member_point.save()
    assert can(user, "testing.narrowed", member_point)
    assert set(
        ServicePoint.objects.filter(scope_condition(user, "testing.narrowed", service_point_field="id"))
    ) == {
        lead,
        member_point,
    }


def test_network_reach__actions_without_it__keep_the_whole_network():
    from kotopolku.accounts.permissions import service_point_reach

    register(Action("testing.whole_network", roles(Role.ADVISOR)))
    lead, member_point, user = _network_world()
    assert can(user, "testing.whole_network", member_point)
    assert service_point_reach(user, "testing.whole_network").full == {lead.pk, member_point.pk}


def test_network_reach__unregistered_name__is_a_programming_error():
    from kotopolku.accounts import permissions

    register(Action("testing.unknown_reach", roles(Role.ADVISOR), network_reach="testing.nowhere"))
    try:
        _lead, member_point, user = _network_world()
        with pytest.raises(LookupError):
            can(user, "testing.unknown_reach", member_point)
    finally:
        del permissions._actions["testing.unknown_reach"]  # nothing else should meet it
