"""Referral actions.

Staff of the sending service point create, send, cancel and follow referrals; a role held
through a network reaches the referrals of the clients it works with. Only a coordinator of the
sending service point sends one without the client's consent, with a written reason. Partner
staff reach the referrals addressed to their own organisation, and only what each shares.
"""

from __future__ import annotations

from typing import Any

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import (
    Action,
    NetworkReach,
    grants_for,
    register,
    register_network_reach,
    roles,
)
from kotopolku.clients.permissions import works_with, works_with_condition

SENDERS = roles(Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR)
PARTNER = roles(Role.PARTNER_STAFF)
WORKS_WITH_REFERRED_CLIENT = "referrals.works_with_client"


def _works_with_client(user: Any, obj: Any) -> bool | None:
    if obj is None or obj._meta.label_lower != "referrals.referral":
        return None
    return works_with(user, obj.client)


register_network_reach(
    WORKS_WITH_REFERRED_CLIENT,
    NetworkReach(
        works_with=_works_with_client, condition=lambda user: works_with_condition(user, prefix="client__")
    ),
)


def _addressed_partner(user: Any, obj: Any) -> bool:
    """Partner staff of the organisation the referral is addressed to (with no object: anywhere)."""
    held = grants_for(user).organisations
    if obj is None:
        return any(Role.PARTNER_STAFF in role_set for role_set in held.values())
    if obj._meta.label_lower != "referrals.referral":
        return False
    return Role.PARTNER_STAFF in held.get(obj.organisation_id, set())


def _sender_action(name: str, allowed: frozenset[str], purpose: str) -> Action:
    return Action(name, allowed, purpose=purpose, network_reach=WORKS_WITH_REFERRED_CLIENT)


register(
    _sender_action("referrals.view", SENDERS, "referral"),
    _sender_action("referrals.create", SENDERS, "referral"),
    _sender_action("referrals.send", SENDERS, "referral"),
    _sender_action("referrals.cancel", SENDERS, "referral"),
    _sender_action("referrals.complete", SENDERS, "referral"),
    Action(
        "referrals.override_consent",
        roles(Role.COORDINATOR),
        via_network=False,
        purpose="referral without the client's consent",
    ),
    Action("referrals.partner_view", PARTNER, check=_addressed_partner, purpose="referral received"),
    Action("referrals.partner_answer", PARTNER, check=_addressed_partner, purpose="referral received"),
)
