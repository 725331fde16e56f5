"""client_search: any spelling, scoped to the user's service points, bounded queries."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kotopolku.accounts.enums import Role
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.matching.selectors import BROAD_KEY_CAP, client_search
from kotopolku.clients.matching.services import client_search_keys_refresh
from kotopolku.clients.models import ClientIdentifier, ClientNameKey, ClientTeamMember
from kotopolku.clients.tests.matching_support import make_client, member
from kotopolku.organisations.tests.factories import NetworkFactory, ServicePointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def point():
    return ServicePointFactory()


@pytest.fixture
def advisor(point):
    return member(Role.ADVISOR, point)


@pytest.fixture
def muhammad(point):
    return make_client(
        point,
        given_names="محمد",
        family_name="حسن",
        given_names_latin="Muhammad",
        family_name_latin="Hassan",
        birth_year=1987,
        birth_month=3,
        birth_day=12,
        phone="+358401234567",
        personal_identity_code="120387-123A",
    )


@pytest.fixture
def oleksandr(point):
    return make_client(
        point,
        given_names="Олександр",
        family_name="Шевченко",
        given_names_latin="Oleksandr",
        family_name_latin="Shevchenko",
        birth_year=1990,
    )


@pytest.fixture
def others(point):
    names = [("Mikko", "Virtanen"), ("Anna", "Korhonen"), ("Mahmoud", "Karimi"), ("Olga", "Petrova")]
    return [make_client(point, given_names_latin=g, family_name_latin=f, birth_year=1980) for g, f in names]


def found(user, text):
    return [match.client for match in client_search(user=user, text=text)]


@pytest.mark.parametrize(
    "text",
    [
        "Мухаммед",
        "Muhammad",
        "Mohamed",
        "Maxamed",
        "Hasan Mohammed",
        "hassan",
        "محمد حسن",
        "Mohamed al-Hassan",
    ],
)
def test_client_search__any_spelling_or_script_finds_the_client(advisor, muhammad, others, text):
    assert found(advisor, text)[:1] == [muhammad]


@pytest.mark.parametrize(
    "text", ["Олександр", "Oleksandr", "Aleksandr Shevchenko", "Shevchenko Alexander", "Шевченко"]
)
def test_client_search__ukrainian_and_russian_spellings(advisor, oleksandr, others, text):
    assert found(advisor, text)[:1] == [oleksandr]


@pytest.mark.parametrize("text", ["1987", "3.1987", "12.3.1987", "1987-03-12", "Hassan 1987"])
def test_client_search__partial_birth_date(advisor, muhammad, oleksandr, others, text):
    results = client_search(user=advisor, text=text)
    assert results[0].client == muhammad
    assert oleksandr not in [m.client for m in results]


def test_client_search__latin_spellings_of_one_written_name_meet(advisor, point):
    marwan = make_client(point, given_names_latin="Marwan", family_name_latin="Haddad")
    for given in ("Morano", "Mariano", "Marina"):
        make_client(point, given_names_latin=given, family_name_latin="Haddad")
    # Merouane and Marwan are both مروان; the others only look alike in Latin letters.
    assert found(advisor, "Merouane Haddad")[:1] == [marwan]


def test_client_search__a_name_part_the_record_lacks_is_unknown_not_different(advisor, point):
    sebastian = make_client(point, given_names_latin="Sebastian", family_name_latin="")
    make_client(point, given_names_latin="Michael", family_name_latin="Sutherland")
    make_client(point, given_names_latin="Sebastiano", family_name_latin="Rossi")
    assert found(advisor, "Sebastian Mitchell")[:1] == [sebastian]


@pytest.mark.parametrize("text", ["13.3.1987", "1987-03-02", "3.12.1987"])
def test_client_search__a_birth_date_alone_typed_one_digit_off(advisor, muhammad, oleksandr, others, text):
    results = client_search(user=advisor, text=text)
    assert [m.client for m in results] == [muhammad]


@pytest.mark.parametrize("text", ["040 123 4567", "+358401234567", "(040) 1234-567"])
def test_client_search__phone_in_any_format(advisor, muhammad, others, text):
    results = client_search(user=advisor, text=text)
    assert [m.client for m in results] == [muhammad]
    assert "phone" in results[0].reasons


def test_client_search__identity_code_and_other_identifier(advisor, muhammad, oleksandr, others):
    assert found(advisor, "120387-123a") == [muhammad]
    ClientIdentifier.objects.create(client=oleksandr, kind="passport", value="FA 123456")
    client_search_keys_refresh(client=oleksandr)
    assert found(advisor, "FA123456") == [oleksandr]


def test_client_search__never_another_service_points_clients(muhammad):
    elsewhere = ServicePointFactory()
    outsider = member(Role.ADVISOR, elsewhere)
    make_client(elsewhere, given_names_latin="Mohamed", family_name_latin="Ali")
    results = found(outsider, "Muhammad")
    assert muhammad not in results
    assert [c.service_point_id for c in results] == [elsewhere.id]


def test_client_search__network_user_finds_member_points_clients_only_where_they_work_with_them(
    point, muhammad
):
    elsewhere = ServicePointFactory()
    there = make_client(elsewhere, given_names_latin="Mohamed", family_name_latin="Ali")
    network = NetworkFactory(members=[point, elsewhere])
    expert = member(Role.PERMIT_EXPERT, network=network)
    assert found(expert, "Muhammad") == []
    ClientTeamMember.objects.create(client=there, user=expert, added_at=timezone.now())
    assert found(expert, "Muhammad") == [there]
    muhammad.responsible_worker = expert
    muhammad.save()
    assert set(found(expert, "Muhammad")) == {muhammad, there}


def test_client_search__user_without_clients_view_sees_nothing(point, muhammad):
    viewer = member(Role.REPORTING_VIEWER, point)
    assert found(viewer, "Muhammad") == []


@pytest.mark.parametrize("status", [ClientStatus.MERGED, ClientStatus.ANONYMISED])
def test_client_search__merged_and_anonymised_are_excluded(advisor, muhammad, status):
    muhammad.status = status
    muhammad.save()
    assert found(advisor, "Muhammad") == []
    client_search_keys_refresh(client=muhammad)
    assert not ClientNameKey.objects.filter(client=muhammad).exists()


def test_client_search__stale_keys_of_a_merged_record_still_do_not_show_it(advisor, muhammad):
    muhammad.status = ClientStatus.MERGED
    muhammad.save()  # keys not refreshed
    assert found(advisor, "Muhammad") == []


@pytest.mark.parametrize(
    "text",
    [
        "x" * 10_000,
        "\x00\x01\x02\u202e",
        "!!! ??? ...",
        "",
        "   ",
        "<script>alert(1)</script>",
        "9" * 5000,
        "%_%",
    ],
)
def test_client_search__bad_input_gives_empty_or_sane_result(advisor, muhammad, text):
    assert found(advisor, text) == []


def test_client_search__query_count_is_bounded(
    advisor, muhammad, oleksandr, others, django_assert_max_num_queries
):
    for i in range(30):
        make_client(muhammad.service_point, given_names_latin="Mohamed", family_name_latin=f"Hassan{i}")
    # memberships (1), selective keys (1), at most 8 broad keys, clients (1)
    with django_assert_max_num_queries(11):
        results = client_search(
            user=advisor, text="Mohamed Hassan 1987 040 1234567 120387-123A extra words here"
        )
    assert results[0].client == muhammad


def test_client_search__scores_and_reasons(advisor, muhammad, others):
    best = client_search(user=advisor, text="Muhammad Hassan 12.3.1987")[0]
    assert best.client == muhammad
    assert 0.95 <= best.score <= 1.0
    assert set(best.reasons) >= {"name", "birth_date"}
    assert all(0.0 <= m.score <= 1.0 for m in client_search(user=advisor, text="Mo"))


def test_client_search__limit(advisor, point):
    for i in range(15):
        make_client(point, given_names_latin="Anna", family_name_latin=f"Virtanen{i}")
    assert len(client_search(user=advisor, text="Anna", limit=5)) == 5


def test_client_search__a_name_and_birth_year_reach_the_record_beyond_a_common_names_caps(advisor, point):
    # More namesakes than a broad key reads: the broad keys find the first BROAD_KEY_CAP of them,
    # every one of which shares all of the name's keys; the few born in the year typed share only
    # the name-and-year key, yet they are the records the query asks for.
    for number in range(BROAD_KEY_CAP + 5):
        make_client(
            point, given_names_latin=f"Jessica{number}", family_name_latin="Thompson", birth_year=1950
        )
    for month in range(1, 7):
        make_client(
            point, given_names_latin="Mary", family_name_latin="Thompson", birth_year=1967, birth_month=month
        )
    sought = make_client(
        point, given_names_latin="Jessica", family_name_latin="Thompson", birth_year=1967, birth_month=10
    )
    found = client_search(user=advisor, text="Thompson 10.1967", limit=5)
    assert found[0].client == sought
    assert all(match.client.birth_year == 1967 for match in found)
