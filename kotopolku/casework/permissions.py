"""Case work actions.

Staff of the client's service point work on the client's cases, assessments and plans; a role
held through a network (the region's residence-permit expert) reaches them only for the clients
the user works with. Case notes stay inside the service point where they were written: no
network role reaches them. Partner staff see only the plan steps assigned to their organisation.
Every check is made against the client's record or the casework record itself; both carry the
service point.
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

CASEWORKERS = roles(Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR)
PLANNERS = roles(Role.ADVISOR, Role.COORDINATOR)
WORKS_WITH_CASE_CLIENT = "casework.works_with_client"


def _client_of(obj: Any) -> Any:
    if obj._meta.label_lower == "clients.client":
        return obj
    if hasattr(obj, "client_id"):
        return obj.client
    return None


def _works_with(user: Any, obj: Any) -> bool | None:
    if obj is None:
        return None
    client = _client_of(obj)
    if client is None:
        return None
    return works_with(user, client)


register_network_reach(
    WORKS_WITH_CASE_CLIENT,
    NetworkReach(
        works_with=_works_with, condition=lambda user: works_with_condition(user, prefix="client__")
    ),
)


def _casework(name: str, allowed: frozenset[str], purpose: str) -> Action:
    return Action(name, allowed, purpose=purpose, network_reach=WORKS_WITH_CASE_CLIENT)


def _partner_step(user: Any, obj: Any) -> bool:
    """Partner staff, for a step assigned to their organisation (no object: whether they may
    see such steps at all)."""
    held = grants_for(user).organisations
    if obj is None:
        return any(str(Role.PARTNER_STAFF) in role_set for role_set in held.values())
    organisation_id = getattr(obj, "organisation_id", None)
    return organisation_id is not None and str(Role.PARTNER_STAFF) in held.get(organisation_id, set())


register(
    _casework("casework.view", CASEWORKERS, "integration services: case work"),
    _casework("casework.manage", CASEWORKERS, "integration services: case work"),
    _casework("casework.assess", CASEWORKERS, "needs assessment"),
    _casework("casework.plan", PLANNERS, "settlement or integration plan"),
    _casework("casework.transfer_request", PLANNERS, "case transfer"),
    # The receiving service point decides; the object is that service point.
    Action("casework.transfer_decide", PLANNERS, via_network=False, purpose="case transfer"),
    Action("casework.notes", CASEWORKERS, via_network=False, purpose="case notes"),
    _casework("casework.handover", PLANNERS, "hand-over to Koto-AJ"),
    # A service point's migration to Koto-AJ at once: the object is the service point.
    Action(
        "casework.handover_bulk", roles(Role.COORDINATOR), via_network=False, purpose="hand-over to Koto-AJ"
    ),
    Action(
        "casework.partner_steps",
        roles(Role.PARTNER_STAFF),
        check=_partner_step,
        purpose="plan steps assigned to a partner",
    ),
)
