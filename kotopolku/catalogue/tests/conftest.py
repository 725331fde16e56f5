from __future__ import annotations

import pytest
from django.test import Client

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.organisations.tests.factories import ServicePointFactory


def user_with_role(role: Role) -> User:
    user = UserFactory()
    if role == Role.PARTNER_STAFF:
        from kotopolku.organisations.tests.factories import OrganisationFactory

        Membership.objects.create(user=user, role=role, organisation=OrganisationFactory())
    else:
        Membership.objects.create(user=user, role=role, service_point=ServicePointFactory())
    return user


@pytest.fixture
def coordinator(db: None) -> User:
    return user_with_role(Role.COORDINATOR)


@pytest.fixture
def advisor(db: None) -> User:
    return user_with_role(Role.ADVISOR)


@pytest.fixture
def coordinator_client(coordinator: User) -> Client:
    client = Client()
    client.force_login(coordinator)
    return client


@pytest.fixture
def advisor_client(advisor: User) -> Client:
    client = Client()
    client.force_login(advisor)
    return client


__all__ = ["TEST_PASSWORD"]
