from __future__ import annotations

from dataclasses import dataclass

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.organisations.models import ServicePoint
from kotopolku.organisations.tests.factories import NetworkFactory, ServicePointFactory


@dataclass
class Office:
    point: ServicePoint
    neighbour: ServicePoint  # in the same network
    other_point: ServicePoint  # outside it
    advisor: User
    coordinator: User
    neighbour_advisor: User
    outsider: User


@pytest.fixture
def office(db) -> Office:  # type: ignore[no-untyped-def]
    point = ServicePointFactory(name="International House Rovaniemi")
    neighbour = ServicePointFactory(name="International Pointti Kemi")
    other = ServicePointFactory(name="International House Helsinki")
    NetworkFactory(lead=point, members=[point, neighbour])
    users = {}
    for name, role, where in (
        ("advisor", Role.ADVISOR, point),
        ("coordinator", Role.COORDINATOR, point),
        ("neighbour_advisor", Role.ADVISOR, neighbour),
        ("outsider", Role.ADVISOR, other),
    ):
        user = UserFactory(full_name=f"{name.title()} Testinen")
        Membership.objects.create(user=user, role=role, service_point=where)
        users[name] = user
    return Office(point=point, neighbour=neighbour, other_point=other, **users)


@pytest.fixture(autouse=True)
def employer_code_lists(request):  # type: ignore[no-untyped-def]
    """TOL 2008 and case work's code lists (ISCO-08) as the migrations load them: a transactional
    test (a browser test) empties every table when it ends, so load them again where they are gone."""
    if "django_db" not in {mark.name for mark in request.node.iter_markers()}:
        return
    request.getfixturevalue("db")
    from kotopolku.casework.codelists import code_lists_load
    from kotopolku.casework.models import CodeListItem
    from kotopolku.employers.codelists import INDUSTRIES, load_classification
    from kotopolku.employers.models import IndustryClass
    from kotopolku.employers.occupations import occupation_items

    if not IndustryClass.objects.exists():
        load_classification(IndustryClass, INDUSTRIES)
    if not occupation_items().exists():
        code_lists_load(CodeListItem)
