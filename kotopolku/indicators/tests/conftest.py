from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.clients.enums import ConsentPurpose
from kotopolku.clients.models import Client, Consent
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.indicators.models import Project
from kotopolku.indicators.tests.factories import ProjectFactory, ProjectPointFactory
from kotopolku.organisations.models import ServicePoint
from kotopolku.organisations.tests.factories import ServicePointFactory, municipality


@dataclass
class Office:
    point: ServicePoint
    other_point: ServicePoint
    project: Project
    advisor: User
    coordinator: User
    viewer: User
    outsider: User

    def client(self, **fields: object) -> Client:
        """A client of the point who has consented to ESF+ participant data."""
        fields.setdefault("birth_year", 1990)
        fields.setdefault("birth_month", 6)
        fields.setdefault("birth_day", 15)
        client = ClientFactory(service_point=self.point, **fields)
        Consent.objects.create(client=client, purpose=ConsentPurpose.ESF_PARTICIPANT, given_at=timezone.now())
        return client


@pytest.fixture
def office(db) -> Office:  # type: ignore[no-untyped-def]
    point = ServicePointFactory(name="International Pointti Kemi", municipality=municipality("240"))
    other = ServicePointFactory(name="International House Helsinki", municipality=municipality("091"))
    project = ProjectFactory(
        name="International Pointti", starts_on=dt.date(2024, 5, 1), ends_on=dt.date(2027, 4, 30)
    )
    ProjectPointFactory(project=project, service_point=point)
    users = {}
    for name, role, where in (
        ("advisor", Role.ADVISOR, point),
        ("coordinator", Role.COORDINATOR, point),
        ("viewer", Role.REPORTING_VIEWER, point),
        ("outsider", Role.COORDINATOR, other),
    ):
        user = UserFactory(full_name=f"{name.title()} Testinen")
        Membership.objects.create(user=user, role=role, service_point=where)
        users[name] = user
    return Office(point=point, other_point=other, project=project, **users)


ENTRY = {"labour_status": "unemployed", "isced": "3_4", "foreign_background": True}


@pytest.fixture
def enrol(office):  # type: ignore[no-untyped-def]
    """Make a client (by default a new consenting client of the office) a participant of the
    office's project through the entry service, as the office's advisor."""
    from kotopolku.indicators import services

    def enrol_one(
        client: Client | None = None, entered_on: dt.date = dt.date(2025, 1, 2), data: dict | None = None
    ):  # type: ignore[no-untyped-def]
        return services.participant_enrol(
            by=office.advisor,
            client=client if client is not None else office.client(),
            project=office.project,
            entered_on=entered_on,
            data=ENTRY if data is None else data,
        )

    return enrol_one
