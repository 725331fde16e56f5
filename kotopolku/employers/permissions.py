"""Employer actions.

Employer data belongs to the service point that keeps it and is shared inside its network: the
staff of every member service point see the companies the others keep, record their own work
with them and match their clients to their openings (``shared_service_point_ids``). Matching
and proposing also need the client's own ``clients.view``; placements are client data and follow
the default rule of the client's service point.
"""

from __future__ import annotations

from collections import defaultdict
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
    those belongs to. Loaded once per user, for every shared action at once (one query)."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return frozenset()
    cache: dict[str, frozenset[int]] = user.__dict__.setdefault(_CACHE, {})
    if action not in cache:
        cache.update(_shared_points(user))
    return cache[action]


def _shared_points(user: Any) -> dict[str, frozenset[int]]:
    from kotopolku.organisations.models import Network

    grants = grants_for(user)
    holdings = [*grants.direct.items(), *grants.via_network.items()]
    held = {action: {pk for pk, roles in holdings if roles & wanted} for action, wanted in _ROLES.items()}
    everywhere = set().union(*held.values())
    partners: dict[int, set[int]] = {pk: {pk} for pk in everywhere}
    if everywhere:
        membership = Network.service_points.through.objects
        networks = membership.filter(servicepoint_id__in=everywhere).values("network_id")
        members: dict[int, set[int]] = defaultdict(set)
        for network_id, point in membership.filter(network_id__in=networks).values_list(
            "network_id", "servicepoint_id"
        ):
            members[network_id].add(point)
        for points in members.values():
            for pk in points & everywhere:
                partners[pk] |= points
    return {
        action: frozenset(point for pk in points for point in partners[pk]) for action, points in held.items()
    }


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
