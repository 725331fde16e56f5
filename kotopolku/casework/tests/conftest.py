from __future__ import annotations

from dataclasses import dataclass

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.clients.models import Client
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.organisations.models import Organisation, ServicePoint
from kotopolku.organisations.tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    ServicePointFactory,
    municipality,
)


@dataclass
class World:
    rovaniemi: ServicePoint
    kemi: ServicePoint
    outside: ServicePoint
    advisor: User
    coordinator: User
    kemi_advisor: User
    expert: User
    partner_staff: User
    kela: Organisation
    te: Organisation
    client: Client


def _staff(role: Role, **scope: object) -> User:
    user = UserFactory(language="en")
    Membership.objects.create(user=user, role=role, **scope)
    return user


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    rovaniemi = ServicePointFactory(name="International House Rovaniemi", municipality=municipality("698"))
    kemi = ServicePointFactory(name="International Pointti Kemi", municipality=municipality("240"))
    outside = ServicePointFactory(name="International Info Kajaani", municipality=municipality("205"))
    network = NetworkFactory(lead=rovaniemi, members=[rovaniemi, kemi])
    kela = OrganisationFactory(name="Kela")
    te = OrganisationFactory(name="Työllisyyspalvelut")
    return World(
        rovaniemi=rovaniemi,
        kemi=kemi,
        outside=outside,
        advisor=_staff(Role.ADVISOR, service_point=rovaniemi),
        coordinator=_staff(Role.COORDINATOR, service_point=rovaniemi),
        kemi_advisor=_staff(Role.ADVISOR, service_point=kemi),
        expert=_staff(Role.PERMIT_EXPERT, network=network),
        partner_staff=_staff(Role.PARTNER_STAFF, organisation=kela),
        kela=kela,
        te=te,
        client=ClientFactory(service_point=rovaniemi, municipality=municipality("698")),
    )
