from __future__ import annotations

from dataclasses import dataclass

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.organisations.models import ServicePoint
from kotopolku.organisations.tests.factories import ServicePointFactory


@dataclass
class Desk:
    point: ServicePoint
    other_point: ServicePoint
    advisor: User
    colleague: User
    coordinator: User
    outsider: User


@pytest.fixture
def desk(db) -> Desk:  # type: ignore[no-untyped-def]
    point = ServicePointFactory(name="International House Rovaniemi")
    other = ServicePointFactory(name="International Pointti Kemi")
    users = {}
    for name, role, where in (
        ("advisor", Role.ADVISOR, point),
        ("colleague", Role.ADVISOR, point),
        ("coordinator", Role.COORDINATOR, point),
        ("outsider", Role.ADVISOR, other),
    ):
        user = UserFactory(full_name=f"{name.title()} Testinen")
        Membership.objects.create(user=user, role=role, service_point=where)
        users[name] = user
    return Desk(point=point, other_point=other, **users)


@pytest.fixture
def code_lists(db) -> None:  # type: ignore[no-untyped-def]
    """The seeded topics and client groups; transactional tests flush what migrations loaded."""
    from importlib import import_module

    from django.apps import apps

    import_module("kotopolku.contacts.migrations.0002_code_lists").seed(apps, None)
