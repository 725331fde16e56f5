"""Role × own/other service point × action tests, from one declaration per app.

An app declares which roles may do each of its actions at their own service point (and,
rarely, at another one) and gives a function that makes an object at a service point::

    CASES = permission_matrix({
        "clients.view": {Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR},
        "clients.merge": {Role.COORDINATOR},
    })

    @pytest.mark.parametrize("case", CASES)
    def test_permissions(case, permission_world):
        permission_world.assert_case(case, make_object=lambda sp: ClientFactory(service_point=sp))

The world: service point *own* belongs to a network, *other* does not. Roles held at a service
point are granted at *own*; the residence-permit expert holds the network role; partner staff
belong to a partner organisation. A denied case also checks that ``require`` raises and that
the attempt is in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pytest
from django.core.exceptions import PermissionDenied

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.permissions import can, registered_actions, require
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent
from kotopolku.organisations.models import Network, Organisation, ServicePoint
from kotopolku.organisations.tests.factories import NetworkFactory, OrganisationFactory, ServicePointFactory

Where = Literal["own", "other"]


@dataclass(frozen=True)
class MatrixCase:
    action: str
    role: Role
    where: Where
    allowed: bool

    def __str__(self) -> str:
        verdict = "allowed" if self.allowed else "denied"
        return f"{self.action}-{self.role.value}-{self.where}-{verdict}"


def permission_matrix(
    own: Mapping[str, Iterable[Role]], *, other: Mapping[str, Iterable[Role]] | None = None
) -> list[Any]:
    """Every action × every role × own/other, with the expected verdict, as pytest params."""
    other = other or {}
    cases = []
    for action, allowed_roles in own.items():
        allowed_own = set(allowed_roles)
        allowed_other = set(other.get(action, ()))
        for role in Role:
            for where in ("own", "other"):
                allowed = role in (allowed_own if where == "own" else allowed_other)
                case = MatrixCase(action=action, role=role, where=where, allowed=allowed)  # type: ignore[arg-type]
                cases.append(pytest.param(case, id=str(case)))
    return cases


def assert_actions_declared(prefix: str, declared: Mapping[str, Iterable[Role]]) -> None:
    """Every action the app registers is in its matrix, so a new action cannot go untested."""
    registered = {name for name in registered_actions() if name.startswith(prefix)}
    missing = registered - set(declared)
    assert not missing, f"actions without a permission-matrix row: {sorted(missing)}"


@dataclass
class PermissionWorld:
    own: ServicePoint
    other: ServicePoint
    network: Network
    partner: Organisation

    def service_point(self, where: Where) -> ServicePoint:
        return self.own if where == "own" else self.other

    def user_with(self, role: Role) -> User:
        user = UserFactory()
        if role == Role.PERMIT_EXPERT:
            Membership.objects.create(user=user, role=role, network=self.network)
        elif role == Role.PARTNER_STAFF:
            Membership.objects.create(user=user, role=role, organisation=self.partner)
        else:
            Membership.objects.create(user=user, role=role, service_point=self.own)
        return user

    def assert_case(self, case: MatrixCase, *, make_object: Callable[[ServicePoint], Any]) -> None:
        user = self.user_with(case.role)
        obj = make_object(self.service_point(case.where))
        verdict = can(user, case.action, obj)
        assert verdict is case.allowed, f"{case}: can() said {verdict}"
        if case.allowed:
            require(user, case.action, obj)
            return
        with pytest.raises(PermissionDenied):
            require(user, case.action, obj)
        assert AuditEvent.objects.filter(actor=user, action=case.action, outcome=Outcome.DENIED).exists(), (
            f"{case}: the denied attempt is not in the audit log"
        )


def build_permission_world() -> PermissionWorld:
    own = ServicePointFactory()
    other = ServicePointFactory()
    network = NetworkFactory(lead=own, members=[own])
    return PermissionWorld(own=own, other=other, network=network, partner=OrganisationFactory())
