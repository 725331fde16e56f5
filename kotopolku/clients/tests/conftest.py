from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.organisations.tests.factories import ServicePointFactory, municipality


@pytest.fixture
def rovaniemi(db):  # type: ignore[no-untyped-def]
    return ServicePointFactory(name="International House Rovaniemi", municipality=municipality("698"))


@pytest.fixture
def kemi(db):  # type: ignore[no-untyped-def]
    return ServicePointFactory(name="International Pointti Kemi", municipality=municipality("240"))


def staff(role: Role, service_point, **kwargs):  # type: ignore[no-untyped-def]
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, role=role, service_point=service_point)
    return user


@pytest.fixture
def advisor(rovaniemi):  # type: ignore[no-untyped-def]
    return staff(Role.ADVISOR, rovaniemi, full_name="Aino Neuvoja", language="en")


@pytest.fixture
def coordinator(rovaniemi):  # type: ignore[no-untyped-def]
    return staff(Role.COORDINATOR, rovaniemi, full_name="Kaisa Koordinaattori", language="en")


@pytest.fixture
def kemi_advisor(kemi):  # type: ignore[no-untyped-def]
    return staff(Role.ADVISOR, kemi, full_name="Kalle Ohjaaja", language="en")
