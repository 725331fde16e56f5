"""The one permission layer: may user U do action A to object O?

Each app registers its actions (``register``) with the roles allowed to do them. The default rule:

* an object that belongs to a service point (a ``ServicePoint`` or anything with
  ``service_point_id``) is allowed when the user holds one of the roles at that service point,
  directly or through a network the service point belongs to (unless the action says
  ``via_network=False``). An action may narrow what a network role reaches (``network_reach``):
  then a role held only through a network covers only the objects the user works with, as the
  app's registered ``NetworkReach`` says (DOMAIN.md: "network roles see the clients of member
  service points only where they work with them"); a role held at the service point itself
  still covers all of them;
* an object of a partner organisation (``organisation_id``) is allowed to partner staff of that
  organisation when the action lists ``Role.PARTNER_STAFF``;
* no object ("may the user do this anywhere?") is allowed when the user holds one of the roles
  anywhere.

An action may replace the rule with its own ``check``. Views, the API and selectors all ask here
(selectors through ``scope_condition``, which says the same as ``can`` as one filter);
``require`` also writes the denied attempt to the audit log.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q

from kotopolku.accounts.enums import Role
from kotopolku.core.scoping import organisation_id_of, service_point_id_of

if TYPE_CHECKING:
    from kotopolku.accounts.models import User


@dataclass(frozen=True)
class Action:
    name: str
    roles: frozenset[str]
    via_network: bool = True
    check: Callable[[Any, Any], bool] | None = None
    purpose: str = ""
    # The name of a registered ``NetworkReach``: a role held only through a network covers only
    # the objects the user works with.
    network_reach: str = ""


@dataclass(frozen=True)
class NetworkReach:
    """Which objects a user whose role at their service point comes through a network works with.

    ``works_with(user, obj)`` answers for one object: True or False, or None when ``obj`` is not
    an object the rule is about (a service point: "may the user do this somewhere there" stays
    allowed, for the objects they work with). ``condition(user)`` says the same as a filter on
    the objects' model, so that a selector's one query and ``can`` agree; it is given a user
    known by id alone (``Scope``), so it filters by ``user.pk``.
    """

    works_with: Callable[[Any, Any], bool | None]
    condition: Callable[[Any], Q]


_actions: dict[str, Action] = {}
_network_reaches: dict[str, NetworkReach] = {}


def register_network_reach(name: str, reach: NetworkReach) -> None:
    existing = _network_reaches.get(name)
    if existing is not None and existing != reach:
        raise ValueError(f"Network reach {name!r} is registered twice with different rules")
    _network_reaches[name] = reach


def _network_reach(spec: Action) -> NetworkReach | None:
    if not spec.network_reach:
        return None
    try:
        return _network_reaches[spec.network_reach]
    except KeyError:
        raise LookupError(
            f"Action {spec.name!r} names the network reach {spec.network_reach!r}, which is not registered"
        ) from None


def register(*actions: Action) -> None:
    for action in actions:
        existing = _actions.get(action.name)
        if existing is not None and existing != action:
            raise ValueError(f"Action {action.name!r} is registered twice with different rules")
        _actions[action.name] = action


def action_named(name: str) -> Action:
    try:
        return _actions[name]
    except KeyError:
        raise LookupError(f"Unknown action {name!r}; register it in the app's permissions module") from None


def registered_actions() -> dict[str, Action]:
    return dict(_actions)


def roles(*members: Role) -> frozenset[str]:
    return frozenset(str(member) for member in members)


@dataclass
class Grants:
    """Every role a user holds, resolved to service points and organisations. Loaded once per user."""

    direct: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    via_network: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    organisations: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    networks: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    organisation_label: str = ""

    def roles_at_service_point(self, service_point_id: int, *, include_network: bool) -> set[str]:
        held = set(self.direct.get(service_point_id, ()))
        if include_network:
            held |= self.via_network.get(service_point_id, set())
        return held

    def service_roles(self) -> set[str]:
        """Roles held at service points or networks (not on behalf of a partner organisation)."""
        held: set[str] = set()
        for mapping in (self.direct, self.networks):
            for role_set in mapping.values():
                held |= role_set
        return held

    def all_roles(self) -> set[str]:
        held = self.service_roles()
        for role_set in self.organisations.values():
            held |= role_set
        return held


_CACHE_ATTRIBUTE = "_kotopolku_grants"


def grants_for(user: User) -> Grants:
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    from kotopolku.organisations.models import Network

    grants = Grants()
    labels: list[str] = []
    with connection.cursor() as cursor:
        cursor.execute(_memberships_sql(), [user.pk])
        memberships = cursor.fetchall()
    network_roles: dict[int, set[str]] = defaultdict(set)
    for role, point_id, point_name, org_id, org_short, org_name, network_id, network_name in memberships:
        if point_id is not None:
            grants.direct[point_id].add(role)
            labels.append(point_name)
        elif org_id is not None:
            grants.organisations[org_id].add(role)
            labels.append(org_short or org_name)
        elif network_id is not None:
            grants.networks[network_id].add(role)
            labels.append(network_name)
            network_roles[network_id].add(role)
    if network_roles:
        members = Network.service_points.through.objects.filter(network_id__in=network_roles)
        for network_id, service_point_id in members.values_list("network_id", "servicepoint_id"):
            grants.via_network[service_point_id] |= network_roles[network_id]
    grants.organisation_label = ", ".join(dict.fromkeys(labels))
    setattr(user, _CACHE_ATTRIBUTE, grants)
    return grants


@cache
def _memberships_sql() -> str:
    """The statement that reads a user's memberships, compiled once from the ORM.

    It runs on every request: as plain values (no model instances), and without compiling the
    same five-table query again each time (that cost more than running it)."""
    from kotopolku.accounts.models import Membership

    query = Membership.objects.filter(user_id=0).values_list(
        "role",
        "service_point_id",
        "service_point__name",
        "organisation_id",
        "organisation__short_name",
        "organisation__name",
        "network_id",
        "network__name",
    )
    sql, params = query.query.sql_with_params()
    assert params == (0,), params  # the user id is the statement's only parameter
    return sql


def forget_grants(user: User) -> None:
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _is_active_user(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def can(user: Any, action: str, obj: Any = None) -> bool:
    spec = action_named(action)
    if not _is_active_user(user):
        return False
    if spec.check is not None:
        return bool(spec.check(user, obj))
    grants = grants_for(user)
    if obj is None:
        return bool(grants.all_roles() & spec.roles)
    service_point_id = service_point_id_of(obj)
    if service_point_id is not None:
        if grants.direct.get(service_point_id, set()) & spec.roles:
            return True
        if not (spec.via_network and grants.via_network.get(service_point_id, set()) & spec.roles):
            return False
        reach = _network_reach(spec)
        if reach is None:
            return True
        verdict = reach.works_with(user, obj)
        return True if verdict is None else bool(verdict)
    organisation_id = organisation_id_of(obj)
    if organisation_id is not None and grants.organisations.get(organisation_id, set()) & spec.roles:
        return True
    # Objects that belong to no service point (catalogue entries, code lists) follow the
    # "anywhere" rule, except that partner staff only reach their own organisation's.
    return bool(grants.service_roles() & spec.roles)


def require(user: Any, action: str, obj: Any = None, *, purpose: str = "") -> None:
    """Raise PermissionDenied (after auditing the attempt) unless ``can`` allows it.

    Call it before the service's transaction opens, so the denied event is not rolled back.
    """
    if can(user, action, obj):
        return
    from kotopolku.audit.enums import Outcome
    from kotopolku.audit.services import audit_record

    audit_record(
        actor=user if _is_active_user(user) else None,
        action=action,
        target=obj,
        purpose=purpose or action_named(action).purpose,
        outcome=Outcome.DENIED,
    )
    raise PermissionDenied(action)


def service_point_ids(user: Any, action: str) -> set[int]:
    """The service points where ``user`` may do ``action`` (to some of their objects at least).

    Selectors scope their querysets with it; for an action with a ``network_reach``, scope the
    objects with ``scope_condition`` instead (at a point reached only through a network, only
    the objects the user works with)."""
    reach = service_point_reach(user, action)
    return set(reach.full | reach.narrowed)


@dataclass(frozen=True)
class Reach:
    """Where a user may do an action: ``full`` service points (every object there) and
    ``narrowed`` ones (reached only through a network, for an action with a ``network_reach``:
    only the objects the user works with)."""

    full: frozenset[int] = frozenset()
    narrowed: frozenset[int] = frozenset()


def service_point_reach(user: Any, action: str) -> Reach:
    spec = action_named(action)
    if not _is_active_user(user):
        return Reach()
    grants = grants_for(user)
    if spec.check is not None:
        from kotopolku.organisations.models import ServicePoint

        candidates: Iterable[int] = set(grants.direct) | set(grants.via_network)
        points = ServicePoint.objects.in_bulk(list(candidates))
        return Reach(full=frozenset(pk for pk, point in points.items() if spec.check(user, point)))
    direct = {pk for pk, held in grants.direct.items() if held & spec.roles}
    network: set[int] = set()
    if spec.via_network:
        network = {pk for pk, held in grants.via_network.items() if held & spec.roles} - direct
    if _network_reach(spec) is None:
        return Reach(full=frozenset(direct | network))
    return Reach(full=frozenset(direct), narrowed=frozenset(network))


@dataclass(frozen=True)
class Scope:
    """What ``scope_condition`` decides for a user and an action, as a plain value: two equal
    scopes filter the same rows, so a statement compiled for one serves the other.

    The user's id is kept only where a network narrows the reach (the filter names the user
    there); the condition is written for a user known by that id alone."""

    action: str
    reach: Reach
    user_id: Any = None

    def condition(self, *, service_point_field: str = "service_point_id") -> Q:
        """``Q(service_point_id__in=<full>) | (Q(service_point_id__in=<narrowed>) & <works with>)``;
        matches nothing when the user may do the action nowhere."""
        condition = Q(**{f"{service_point_field}__in": sorted(self.reach.full)})
        network_reach = _network_reach(action_named(self.action))
        if self.reach.narrowed and network_reach is not None:
            from kotopolku.accounts.models import User

            narrowed = Q(**{f"{service_point_field}__in": sorted(self.reach.narrowed)})
            condition |= narrowed & network_reach.condition(User(pk=self.user_id))
        return condition


def scope_of(user: Any, action: str) -> Scope:
    reach = service_point_reach(user, action)
    narrowed = reach.narrowed and _network_reach(action_named(action)) is not None
    return Scope(action=action, reach=reach, user_id=user.pk if narrowed else None)


def scope_condition(user: Any, action: str, *, service_point_field: str = "service_point_id") -> Q:
    """The objects ``user`` may do ``action`` to, as one filter on their model (``can`` as a query,
    ``Scope.condition``)."""
    return scope_of(user, action).condition(service_point_field=service_point_field)


def organisation_ids(user: Any, action: str) -> set[int]:
    """The partner organisations on whose behalf ``user`` may do ``action``."""
    spec = action_named(action)
    if not _is_active_user(user):
        return set()
    return {pk for pk, held in grants_for(user).organisations.items() if held & spec.roles}
