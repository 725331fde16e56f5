from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.clients.tests.matching_support import make_client, member
from kotopolku.organisations.tests.factories import ServicePointFactory


@pytest.fixture
def point(db):  # type: ignore[no-untyped-def]
    return ServicePointFactory()


@pytest.fixture
def coordinator(point):  # type: ignore[no-untyped-def]
    return member(Role.COORDINATOR, point, language="en")


@pytest.fixture
def advisor(point):  # type: ignore[no-untyped-def]
    return member(Role.ADVISOR, point, language="en")


@pytest.fixture
def registry(point):  # type: ignore[no-untyped-def]
    """Two records of one person (another spelling, one typo in the date, the same phone), two
    of another (Cyrillic and Latin), and strangers who share a name or a birth date with them."""
    same = dict(birth_year=1990, birth_month=5, phone="+358401112233", gender="man")
    return {
        "oleksandr": make_client(
            point, given_names_latin="Oleksandr", family_name_latin="Shevchenko", birth_day=17, **same
        ),
        "aleksandr": make_client(
            point, given_names_latin="Aleksandr", family_name_latin="Shevchenko", birth_day=18, **same
        ),
        "olena": make_client(
            point, given_names="Олена", family_name="Коваленко", birth_year=1985, birth_month=3, birth_day=2
        ),
        "olena_latin": make_client(
            point,
            given_names_latin="Olena",
            family_name_latin="Kovalenko",
            birth_year=1985,
            birth_month=3,
            birth_day=2,
        ),
        "namesake": make_client(
            point,
            given_names_latin="Olena",
            family_name_latin="Shevchenko",
            birth_year=1961,
            birth_month=1,
            birth_day=9,
        ),
        "stranger": make_client(
            point,
            given_names_latin="Mikko",
            family_name_latin="Virtanen",
            birth_year=1990,
            birth_month=5,
            birth_day=17,
        ),
    }
