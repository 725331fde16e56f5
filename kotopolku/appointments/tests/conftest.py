from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.appointments.tests.factories import AvailabilityFactory
from kotopolku.clients.models import Client
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.testing.smtp import smtp_server  # noqa: F401
from kotopolku.organisations.models import Network, Organisation, ServicePoint
from kotopolku.organisations.tests.factories import NetworkFactory, OrganisationFactory, ServicePointFactory


@dataclass
class World:
    lead: ServicePoint
    kemi: ServicePoint
    other: ServicePoint
    network: Network
    kela: Organisation
    advisor: User
    kemi_advisor: User
    coordinator: User
    expert: User
    outsider: User
    client: Client
    kemi_client: Client
    monday: date

    def at(self, hour: int, minute: int = 0, *, day: date | None = None) -> datetime:
        return timezone.make_aware(datetime.combine(day or self.monday, time(hour, minute)))


def next_monday() -> date:
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


def seed_status_reasons() -> None:
    """The seeded reasons; transactional tests flush what migrations loaded."""
    from importlib import import_module

    from django.apps import apps

    import_module("kotopolku.appointments.migrations.0002_status_reasons").seed(apps, None)


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    seed_status_reasons()
    lead = ServicePointFactory(name="International House Joensuu", address="Rantakatu 20")
    kemi = ServicePointFactory(
        name="International Pointti Kemi", address="Valtakatu 1", phone="+358401234000"
    )
    other = ServicePointFactory(name="Elsewhere")
    network = NetworkFactory(lead=lead, members=[lead, kemi])
    users = {}
    for name, role, scope in (
        ("advisor", Role.ADVISOR, {"service_point": lead}),
        ("kemi_advisor", Role.ADVISOR, {"service_point": kemi}),
        ("coordinator", Role.COORDINATOR, {"service_point": lead}),
        ("expert", Role.PERMIT_EXPERT, {"network": network}),
        ("outsider", Role.ADVISOR, {"service_point": other}),
    ):
        user = UserFactory(full_name=f"{name.title()} Testinen")
        Membership.objects.create(user=user, role=role, **scope)
        users[name] = user
    monday = next_monday()
    for worker, point in ((users["advisor"], lead), (users["expert"], lead), (users["kemi_advisor"], kemi)):
        AvailabilityFactory(worker=worker, service_point=point, weekday=0, starts=time(9), ends=time(12))
    return World(
        lead=lead,
        kemi=kemi,
        other=other,
        network=network,
        kela=OrganisationFactory(name="Kela", short_name="Kela"),
        client=ClientFactory(service_point=lead, email="anna@example.org", phone="+358401112223"),
        kemi_client=ClientFactory(service_point=kemi, email="kemi@example.org", phone="+358401112224"),
        monday=monday,
        **users,
    )
