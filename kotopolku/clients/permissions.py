"""Client registry actions. Client data is scoped to its service point.

A role held at the client's service point reaches all its clients. A role held through a
network (the region's residence-permit expert) reaches a member service point's clients only
where the user works with them: as the client's responsible worker or on the client's team
(``ClientTeamMember``), which the client's own service point keeps (``clients.team``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db.models import Exists, OuterRef, Q

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import Action, NetworkReach, register, register_network_reach, roles

CASEWORKERS = roles(Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR)

WORKS_WITH_CLIENT = "clients.works_with"


# Inside ``remembering_works_with()`` (a page that asks many actions of one client), each
# (user, client) pair is read once.
_remembered: ContextVar[dict[tuple[Any, Any], bool] | None] = ContextVar("works_with", default=None)


@contextmanager
def remembering_works_with() -> Iterator[None]:
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def works_with(user: Any, client: Any) -> bool:
    """Whether ``user`` is the client's responsible worker or on the client's team (one query at most)."""
    if client.responsible_worker_id is not None and client.responsible_worker_id == user.pk:
        return True
    from kotopolku.clients.models import ClientTeamMember

    remembered = _remembered.get()
    key = (user.pk, client.pk)
    if remembered is not None and key in remembered:
        return remembered[key]
    answer = ClientTeamMember.objects.current().filter(client_id=client.pk, user_id=user.pk).exists()
    if remembered is not None:
        remembered[key] = answer
    return answer


def worked_with_ids(user: Any) -> Any:
    """The ids of the clients ``user`` works with, as a query (the team's current rows and the
    clients they are responsible for; both read by index), for a lookup that needs the set."""
    from kotopolku.clients.models import Client, ClientTeamMember

    team = ClientTeamMember.objects.current().filter(user_id=user.pk).order_by().values_list("client_id")
    return team.union(Client.objects.filter(responsible_worker_id=user.pk).order_by().values_list("id"))


def _works_with(user: Any, obj: Any) -> bool | None:
    if obj is None or obj._meta.label_lower != "clients.client":
        return None
    return works_with(user, obj)


def works_with_condition(user: Any, *, prefix: str = "") -> Q:
    """``works_with`` as a filter on clients (``prefix`` for a model that reaches them by a
    foreign key, e.g. ``"client__"``): one EXISTS on the team table, no join that repeats rows."""
    from kotopolku.clients.models import ClientTeamMember

    on_team = ClientTeamMember.objects.current().filter(client_id=OuterRef(f"{prefix}pk"), user_id=user.pk)
    return Q(**{f"{prefix}responsible_worker_id": user.pk}) | Q(Exists(on_team))


register_network_reach(
    WORKS_WITH_CLIENT, NetworkReach(works_with=_works_with, condition=lambda user: works_with_condition(user))
)


def _client_action(name: str, allowed: frozenset[str], purpose: str) -> Action:
    """An action on client data: a role held through a network reaches the clients it works with."""
    return Action(name, allowed, purpose=purpose, network_reach=WORKS_WITH_CLIENT)


register(
    _client_action("clients.view", CASEWORKERS, "client service"),
    _client_action("clients.register", CASEWORKERS, "client service"),
    _client_action("clients.change", CASEWORKERS, "client service"),
    _client_action("clients.export", roles(Role.ADVISOR, Role.COORDINATOR), "data subject access request"),
    _client_action("clients.erase", roles(Role.COORDINATOR), "erasure or anonymisation"),
    _client_action("clients.merge", roles(Role.ADVISOR, Role.COORDINATOR), "duplicate records"),
    _client_action("clients.retention", roles(Role.COORDINATOR, Role.ADMINISTRATOR), "retention period"),
    # Who works with a client is decided at the client's own service point: its staff bring in
    # a network's expert (a role held through a network does not reach this).
    Action("clients.team", CASEWORKERS, via_network=False, purpose="client service"),
)
