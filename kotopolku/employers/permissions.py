"""Employer actions.

Employer data belongs to the service point that keeps it and is shared inside its network: the
staff of every member service point see the companies the others keep, record their own work
with them and match their clients to their openings (``shared_service_point_ids``). Matching
and proposing also need the client's own ``clients.view``; placements are client data and follow
the default rule of the client's service point.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, grants_for, register, roles
from kotopolku.core.scoping import service_point_id_of

EMPLOYER_STAFF = roles(Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR)
EMPLOYER_WORKERS = roles(Role.ADVISOR, Role.COORDINATOR)
SHARED_ACTIONS = ("employers.view", "employers.manage", "employers.match", "employers.propose")

_CACHE = "_kotopolku_employer_points"


def shared_service_point_ids(user: Any, action: str) -> frozenset[int]:
    """The service points whose employer data ``user`` may do ``action`` to: where they hold one
    of the action's roles (directly or through a network), and every member of a network any of
    those belongs to. Loaded once per user and action."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return frozenset()
    cache: dict[str, frozenset[int]] = user.__dict__.setdefault(_CACHE, {})
    if action in cache:
        return cache[action]
    from kotopolku.organisations.models import Network

    wanted = _ROLES[action]
    grants = grants_for(user)
    held = {pk for pk, held in grants.direct.items() if held & wanted}
    held |= {pk for pk, held in grants.via_network.items() if held & wanted}
    points = set(held)
    if held:
        membership = Network.service_points.through.objects
        networks = membership.filter(servicepoint_id__in=held).values("network_id")
        points |= set(membership.filter(network_id__in=networks).values_list("servicepoint_id", flat=True))
    cache[action] = frozenset(points)
    return cache[action]


def employer_scope(user: Any, action: str = "employers.view", *, field: str = "service_point_id") -> Q:
    """``can`` as one filter: the rows of the service points ``shared_service_point_ids`` names."""
    return Q(**{f"{field}__in": sorted(shared_service_point_ids(user, action))})


def _shared_check(action: str) -> Any:
    def check(user: Any, obj: Any) -> bool:
        if not (getattr(user, "is_authenticated", False) and user.is_active):
            return False
        if obj is None:
            return bool(grants_for(user).all_roles() & _ROLES[action])
        point = service_point_id_of(obj)
        return point is not None and point in shared_service_point_ids(user, action)

    return check


_ROLES = {
    "employers.view": EMPLOYER_STAFF,
    "employers.manage": EMPLOYER_WORKERS,
    "employers.match": EMPLOYER_WORKERS,
    "employers.propose": EMPLOYER_WORKERS,
}

_PURPOSES = {
    "employers.view": "employer cooperation",
    "employers.manage": "employer cooperation",
    "employers.match": "matching clients to job openings",
    "employers.propose": "proposing a client to an employer",
}

register(
    *(
        Action(name, _ROLES[name], check=_shared_check(name), purpose=_PURPOSES[name])
        for name in SHARED_ACTIONS
    ),
    Action("employers.placement", EMPLOYER_WORKERS, purpose="recording a placement"),
    Action(
        "employers.report",
        roles(Role.COORDINATOR, Role.REPORTING_VIEWER),
        purpose="reporting supported enterprises",
    ),
)
