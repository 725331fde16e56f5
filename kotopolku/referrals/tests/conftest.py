from __future__ import annotations

from dataclasses import dataclass

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.clients.models import Client
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.smtp import smtp_server  # noqa: F401
from kotopolku.organisations.models import Organisation, ServicePoint
from kotopolku.organisations.tests.factories import OrganisationFactory, ServicePointFactory


@dataclass
class World:
    point: ServicePoint
    other_point: ServicePoint
    kela: Organisation
    migri: Organisation
    client: Client
    advisor: User
    coordinator: User
    outsider: User
    kela_staff: User
    migri_staff: User


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    point = ServicePointFactory(name="International House Rovaniemi")
    other = ServicePointFactory(name="International Pointti Kemi")
    kela = OrganisationFactory(name="Kela", short_name="Kela", email="kela@example.org")
    migri = OrganisationFactory(name="Migri", short_name="Migri")
    users = {}
    for name, role, scope in (
        ("advisor", Role.ADVISOR, {"service_point": point}),
        ("coordinator", Role.COORDINATOR, {"service_point": point}),
        ("outsider", Role.ADVISOR, {"service_point": other}),
        ("kela_staff", Role.PARTNER_STAFF, {"organisation": kela}),
        ("migri_staff", Role.PARTNER_STAFF, {"organisation": migri}),
    ):
        user = UserFactory(full_name=f"{name.title()} Testinen")
        Membership.objects.create(user=user, role=role, **scope)
        users[name] = user
    client = ClientFactory(service_point=point, phone="+358401234567", email="anna@example.org")
    return World(point=point, other_point=other, kela=kela, migri=migri, client=client, **users)
