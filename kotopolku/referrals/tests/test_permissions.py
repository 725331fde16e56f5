from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.permissions import can, require
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.audit.models import AuditEvent
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix
from kotopolku.organisations.tests.factories import OrganisationFactory
from kotopolku.referrals.enums import ReferralStatus
from kotopolku.referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

SENDERS = {Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR}
SENDER_ACTIONS = {
    "referrals.view": SENDERS,
    "referrals.create": SENDERS,
    "referrals.send": SENDERS,
    "referrals.cancel": SENDERS,
    "referrals.complete": SENDERS,
    "referrals.override_consent": {Role.COORDINATOR},
}
# Partner staff of the addressed organisation, wherever the sender is; nobody else.
PARTNER_ACTIONS = {
    "referrals.partner_view": {Role.PARTNER_STAFF},
    "referrals.partner_answer": {Role.PARTNER_STAFF},
}


def _referral_worked_with(world, service_point, role_user=None):
    client = ClientFactory(service_point=service_point)
    if role_user is not None:
        client.responsible_worker = role_user
        client.save()
    return ReferralFactory(client=client, organisation=world.partner, status=ReferralStatus.SENT)


@pytest.mark.parametrize("case", permission_matrix(SENDER_ACTIONS))
def test_permission_matrix__sender_actions(case, permission_world):
    # The network's permit expert works with the client (responsible worker), as the network
    # rule asks; every other role is tested on the same referral.
    permission_world.assert_case(
        case,
        make_object=lambda point: ReferralFactory(
            client=ClientFactory(service_point=point), organisation=permission_world.partner
        ),
    ) if case.role != Role.PERMIT_EXPERT else _expert_case(case, permission_world)


def _expert_case(case, world):
    user = world.user_with(case.role)
    referral = _referral_worked_with(world, world.service_point(case.where), role_user=user)
    assert can(user, case.action, referral) is case.allowed, str(case)


@pytest.mark.parametrize("case", permission_matrix(PARTNER_ACTIONS, other=PARTNER_ACTIONS))
def test_permission_matrix__partner_actions__addressed_organisation(case, permission_world):
    permission_world.assert_case(
        case,
        make_object=lambda point: ReferralFactory(
            client=ClientFactory(service_point=point), organisation=permission_world.partner, status="sent"
        ),
    )


@pytest.mark.parametrize("action", sorted(PARTNER_ACTIONS))
def test_partner_staff_of_another_organisation__denied_and_audited(action, permission_world):
    stranger = UserFactory()
    Membership.objects.create(user=stranger, role=Role.PARTNER_STAFF, organisation=OrganisationFactory())
    referral = ReferralFactory(
        client=ClientFactory(service_point=permission_world.own), organisation=permission_world.partner
    )
    assert not can(stranger, action, referral)
    with pytest.raises(PermissionDenied):
        require(stranger, action, referral)
    assert AuditEvent.objects.filter(actor=stranger, action=action, outcome="denied").exists()


def test_partner_staff__cannot_see_the_client_or_the_senders_side(permission_world):
    user = permission_world.user_with(Role.PARTNER_STAFF)
    referral = ReferralFactory(
        client=ClientFactory(service_point=permission_world.own), organisation=permission_world.partner
    )
    assert not can(user, "referrals.view", referral)
    assert not can(user, "clients.view", referral.client)


def test_network_expert__not_working_with_the_client__is_denied(permission_world):
    user = permission_world.user_with(Role.PERMIT_EXPERT)
    referral = _referral_worked_with(permission_world, permission_world.own)
    assert not can(user, "referrals.view", referral)


def test_permission_matrix__covers_every_referrals_action():
    assert_actions_declared("referrals.", {**SENDER_ACTIONS, **PARTNER_ACTIONS})
