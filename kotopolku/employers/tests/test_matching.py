from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import CharField, F, Value
from django.utils import timezone

from kotopolku.clients.models import Client, ClientLanguage
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.employers import matching, occupations, services
from kotopolku.employers.models import DesiredOccupation, JobSeekerProfile
from kotopolku.employers.tests.factories import EmployerFactory, OpeningFactory, occupation
from kotopolku.organisations.tests.factories import municipality

pytestmark = pytest.mark.django_db


def job_seeker(point, *, codes=(), languages=(), home="698", travel="own", available=None):
    client = ClientFactory(service_point=point, municipality=municipality(home))
    for code, level in languages:
        ClientLanguage.objects.create(client=client, language=code, level=level)
    for code in codes:
        DesiredOccupation.objects.create(client=client, occupation=occupation(code), isco_code=code)
    JobSeekerProfile.objects.create(
        client=client, service_point=point, travel=travel, available_from=available
    )
    return client


def test_clients_for_opening__ranked_by_occupation_language_place_and_availability(office):
    opening = OpeningFactory(
        employer=EmployerFactory(service_point=office.point), finnish_required=False, other_languages=["en"]
    )
    today = timezone.localdate()
    best = job_seeker(office.point, codes=["5120"], languages=[("en", "B2")], available=today)
    related = job_seeker(office.point, codes=["5131"], languages=[("en", "A2")], home="240")
    language_only = job_seeker(office.point, languages=[("fi", "B1")], home="240")
    job_seeker(office.point, codes=["2512"], languages=[("ru", "native")])  # nothing in common
    matches = matching.clients_for_opening(opening=opening, user=office.advisor)
    assert [m.client for m in matches] == [best, language_only, related]
    assert [m.score for m in matches] == [40 + 30 + 20 + 10, 30, 10 + 15]
    assert any("5120" in reason for reason in matches[0].reasons)
    assert any("B2" in reason for reason in matches[0].reasons)
    assert len(matches[0].reasons) == 4


def test_clients_for_opening__the_sql_rank_and_the_python_explanation_agree(office):
    opening = OpeningFactory(
        employer=EmployerFactory(service_point=office.point), finnish_required=True, other_languages=[]
    )
    today = timezone.localdate()
    seekers = [
        job_seeker(
            office.point, codes=["5120", "5131"], languages=[("fi", "A2")], travel="anywhere", home="240"
        ),
        job_seeker(
            office.point, codes=["5141"], languages=[("fi", "")], available=today - dt.timedelta(days=3)
        ),
        job_seeker(office.point, languages=[("fi", "C1"), ("en", "C1")], travel="region", home="240"),
    ]
    for match in matching.clients_for_opening(opening=opening, user=office.advisor):
        assert match.client in seekers
        assert match.score == matching.explain_pair(opening=opening, client=match.client).score


def test_clients_for_opening__only_clients_the_user_may_see(office):
    opening = OpeningFactory(employer=EmployerFactory(service_point=office.point))
    mine = job_seeker(office.point, codes=["5120"])
    job_seeker(office.other_point, codes=["5120"])
    job_seeker(office.neighbour, codes=["5120"])  # a neighbour's client: not the advisor's to see
    assert [m.client for m in matching.clients_for_opening(opening=opening, user=office.advisor)] == [mine]


def test_clients_for_opening__reads_a_registered_occupation_source(office):
    opening = OpeningFactory(employer=EmployerFactory(service_point=office.point))
    assessed_client = ClientFactory(service_point=office.point)

    def assessed():
        # Stands in for another app's table of assessed occupations: (client_id, isco_code).
        return Client.objects.filter(pk=assessed_client.pk).annotate(
            client_id=F("id"), isco_code=Value("5120", output_field=CharField())
        )

    occupations.register_occupation_source(assessed)
    try:
        found = matching.clients_for_opening(opening=opening, user=office.advisor)
    finally:
        occupations._sources.remove(assessed)
    assert [m.client for m in found] == [assessed_client]
    assert found[0].score >= 40 and any("5120" in reason for reason in found[0].reasons)


def test_clients_for_opening__query_count_does_not_grow_with_clients(office, django_assert_max_num_queries):
    opening = OpeningFactory(employer=EmployerFactory(service_point=office.point))
    for _ in range(15):
        job_seeker(office.point, codes=["5120"], languages=[("en", "B1")])
    with django_assert_max_num_queries(8):
        matches = matching.clients_for_opening(opening=opening, user=office.advisor)
    assert len(matches) == 15


def test_openings_for_client__open_openings_of_the_network_best_first(office):
    client = job_seeker(office.point, codes=["5120"], languages=[("en", "B2")])
    cook = OpeningFactory(employer=EmployerFactory(service_point=office.neighbour), title="Kokki")
    waiter = OpeningFactory(
        employer=EmployerFactory(service_point=office.point),
        title="Tarjoilija",
        occupation=occupation("5131"),
    )
    OpeningFactory(employer=EmployerFactory(service_point=office.point), title="Suljettu", status="closed")
    OpeningFactory(employer=EmployerFactory(service_point=office.other_point), title="Muualla")
    found = matching.openings_for_client(client=client, user=office.advisor)
    assert [m.opening for m in found] == [cook, waiter]


def test_job_profile_save__keeps_the_desired_occupations(office):
    client = ClientFactory(service_point=office.point)
    both = [occupation("5120"), occupation("9412")]
    services.job_profile_save(
        client=client, occupations=both, available_from=None, travel="region", by=office.advisor
    )
    services.job_profile_save(
        client=client,
        occupations=[occupation("9412")],
        available_from=None,
        travel="anywhere",
        by=office.advisor,
    )
    assert list(client.desired_occupations.values_list("isco_code", flat=True)) == ["9412"]
    assert JobSeekerProfile.objects.get(client=client).travel == "anywhere"


def test_clients_for_opening__the_occupation_pass_alone_gives_the_same_first_ones(office):
    opening = OpeningFactory(
        employer=EmployerFactory(service_point=office.point), finnish_required=False, other_languages=["en"]
    )
    today = timezone.localdate()
    strong = [
        job_seeker(office.point, codes=["5120"], languages=[("en", "C1")], available=today) for _ in range(3)
    ]
    job_seeker(office.point, languages=[("en", "C2")], available=today)  # a language only: at most 60
    weak = job_seeker(office.point, codes=["5141"])
    top_two = matching.clients_for_opening(opening=opening, user=office.advisor, limit=2)
    everyone = matching.clients_for_opening(opening=opening, user=office.advisor, limit=50)
    assert [m.client for m in top_two] == strong[:2]
    assert [m.client for m in everyone][:3] == strong and everyone[-1].client == weak
    assert [m.score for m in top_two] == [100, 100]


@pytest.mark.parametrize("limit", [2, 4, 6])
def test_clients_for_opening__the_widening_circles_rank_as_everyone_ranked_at_once(
    office, monkeypatch, limit
):
    opening = OpeningFactory(
        employer=EmployerFactory(service_point=office.point), finnish_required=False, other_languages=["en"]
    )
    today = timezone.localdate()
    for _ in range(3):
        job_seeker(office.point, codes=["5120"], languages=[("en", "C1")], available=today)
    job_seeker(office.point, codes=["5131"], languages=[("en", "B2")], available=today)
    job_seeker(office.point, languages=[("en", "C2")], available=today)  # lives where the job is
    job_seeker(office.point, languages=[("en", "B1")], home="091", travel="anywhere", available=today)
    job_seeker(office.point, codes=["5141"], home="091")
    monkeypatch.setattr(matching, "SAME_ENOUGH", 1)  # rank the first circle however few are in it
    circles = matching.clients_for_opening(opening=opening, user=office.advisor, limit=limit)
    monkeypatch.setattr(matching, "OTHER_OCCUPATION_MAX", 1000)
    monkeypatch.setattr(matching, "OUTSIDE_MAX", 1000)  # never conclusive: everyone ranked
    at_once = matching.clients_for_opening(opening=opening, user=office.advisor, limit=limit)
    assert [(m.client, m.score) for m in circles] == [(m.client, m.score) for m in at_once]
    assert len(circles) == limit
