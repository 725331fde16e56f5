"""client_duplicate_candidates: likely duplicates at registration, tuned for precision."""

from __future__ import annotations

import pytest
from django.utils import translation

from kotopolku.accounts.enums import Role
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.matching.selectors import client_duplicate_candidates
from kotopolku.clients.tests.matching_support import make_client, member
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def point():
    return ServicePointFactory()


@pytest.fixture
def advisor(point):
    return member(Role.ADVISOR, point)


@pytest.fixture
def existing(point):
    return make_client(
        point,
        given_names="Олександр",
        family_name="Шевченко",
        given_names_latin="Oleksandr",
        family_name_latin="Shevchenko",
        birth_year=1990,
        birth_month=5,
        birth_day=17,
        phone="+358401112233",
    )


@pytest.fixture
def crowd(point):
    return [
        make_client(point, given_names_latin=g, family_name_latin=f, birth_year=y)
        for g, f, y in [
            ("Olena", "Shevchenko", 1990),
            ("Oleksandr", "Kovalenko", 1990),
            ("Mikko", "Virtanen", 1990),
            ("Aleksandr", "Shevchenko", 1961),
        ]
    ]


def candidates(user, point, **fields):
    return [m.client for m in client_duplicate_candidates(user=user, service_point=point, **fields)]


def test_duplicates__other_spelling_same_birth_date__is_found(advisor, point, existing, crowd):
    found = candidates(
        advisor,
        point,
        given_names_latin="Aleksandr",
        family_name_latin="Shevchenko",
        birth_year=1990,
        birth_month=5,
        birth_day=17,
    )
    assert found == [existing]


def test_duplicates__cyrillic_written_form_only__is_found(advisor, point, existing, crowd):
    assert candidates(advisor, point, given_names="Александр", family_name="Шевченко", birth_year=1990) == [
        existing
    ]


def test_duplicates__same_name_different_birth_date__is_not_warned(advisor, point, existing, crowd):
    found = candidates(
        advisor, point, given_names_latin="Oleksandr", family_name_latin="Shevchenko", birth_year=1961
    )
    assert existing not in found


def test_duplicates__same_phone_and_similar_name(advisor, point, existing, crowd):
    matches = client_duplicate_candidates(
        user=advisor,
        service_point=point,
        given_names_latin="Alex",
        family_name_latin="Sevcenko",
        phone="040 111 2233",
    )
    assert [m.client for m in matches] == [existing]
    assert "phone_same" in matches[0].reasons
    with translation.override("en"):
        assert "same phone" in matches[0].reason_labels


def test_duplicates__same_identity_code_whatever_the_name(advisor, point, crowd):
    coded = make_client(
        point, given_names_latin="Mikael", family_name_latin="Jansson", personal_identity_code="010190-123R"
    )
    matches = client_duplicate_candidates(
        user=advisor, service_point=point, given_names_latin="Michael", personal_identity_code="010190-123r"
    )
    assert [m.client for m in matches] == [coded]
    assert matches[0].reasons[0] == "identifier_same"
    assert matches[0].score > 0.99


def test_duplicates__different_people__none(advisor, point, existing, crowd):
    assert (
        candidates(advisor, point, given_names_latin="Fatima", family_name_latin="Ali", birth_year=1990) == []
    )
    assert candidates(advisor, point) == []


def test_duplicates__only_service_points_the_user_may_see(existing, point):
    elsewhere = ServicePointFactory()
    outsider = member(Role.ADVISOR, elsewhere)
    fields = {"given_names_latin": "Oleksandr", "family_name_latin": "Shevchenko", "birth_year": 1990}
    assert candidates(outsider, elsewhere, **fields) == []
    assert candidates(outsider, point, **fields) == []  # not the user's service point


def test_duplicates__merged_records_are_not_candidates(advisor, point, existing):
    existing.status = ClientStatus.MERGED
    existing.save()
    assert candidates(advisor, point, given_names_latin="Oleksandr", family_name_latin="Shevchenko") == []


def test_duplicates__query_count_is_bounded(advisor, point, existing, crowd, django_assert_max_num_queries):
    with django_assert_max_num_queries(11):
        candidates(
            advisor,
            point,
            given_names="Олександр Іванович",
            family_name="Шевченко",
            given_names_latin="Oleksandr Ivanovych",
            family_name_latin="Shevchenko",
            birth_year=1990,
            phone="0401112233",
        )
