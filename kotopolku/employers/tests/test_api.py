from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kotopolku.audit.models import AuditEvent
from kotopolku.clients.models import ClientLanguage
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.employers.models import Employer, JobOpening, Placement, Proposal
from kotopolku.employers.tests.factories import ActivityFactory, EmployerFactory, OpeningFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


def employer_payload(**overrides):
    values = {
        "business_id": "2617416-4",
        "name": "Lapin Matkailu Oy",
        "size_class": "small",
        "municipality": "698",
        "industry": "55",
    }
    values.update(overrides)
    return values


def test_employers__create_read_and_change_with_if_match(client, office):
    client.force_login(office.advisor)
    created = client.post(f"{API}/employers", employer_payload(), content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["business_id"] == "2617416-4" and body["version"] == 1
    url = f"{API}/employers/{body['id']}"
    changed = client.put(
        url, employer_payload(name="Uusi nimi"), content_type="application/json", HTTP_IF_MATCH='"1"'
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = client.put(
        url, employer_payload(name="Kolmas"), content_type="application/json", HTTP_IF_MATCH='"1"'
    )
    assert stale.status_code == 409 and stale["ETag"] == '"2"'
    conflict = stale.json()
    assert conflict["version"] == 2 and conflict["changed"] == {"name": "Uusi nimi"} and conflict["detail"]
    assert Employer.objects.get().name == "Uusi nimi"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"business_id": "2617416-5"}, "business_id"),
        ({"size_class": "huge"}, "size_class"),
        ({"municipality": "000"}, "municipality"),
        ({"name": "A\u202eB"}, "name"),
        ({"industry": "ZZ"}, "industry"),
    ],
)
def test_employers__bad_input__422_with_a_message_on_the_field_in_the_users_language(
    client, office, overrides, field
):
    client.force_login(office.advisor)
    response = client.post(
        f"{API}/employers",
        employer_payload(**overrides),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 422
    assert field in response.json()["errors"]
    assert not Employer.objects.exists()


def test_employers__list_is_scoped_to_the_network_with_a_bounded_query_count(
    client, office, django_assert_max_num_queries
):
    for _ in range(5):
        EmployerFactory(service_point=office.point)
        EmployerFactory(service_point=office.neighbour)
        EmployerFactory(service_point=office.other_point)
    client.force_login(office.advisor)
    with django_assert_max_num_queries(10):
        response = client.get(f"{API}/employers")
    assert response.status_code == 200 and response.json()["count"] == 10


def test_activities__listed_and_recorded(client, office):
    employer = EmployerFactory(service_point=office.point)
    ActivityFactory(employer=employer, staff=office.advisor)
    client.force_login(office.advisor)
    url = f"{API}/employers/{employer.uuid}/activities"
    created = client.post(
        url,
        {"kind": "settling_hire", "happened_on": str(timezone.localdate()), "outcome": "Perhe asettui."},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert len(client.get(url).json()) == 2
    assert client.get(f"{API}/employers/{employer.uuid}/timeline").status_code == 200


def test_job_openings__filter_by_finnish_required(client, office, django_assert_max_num_queries):
    employer = EmployerFactory(service_point=office.point)
    OpeningFactory.create_batch(3, employer=employer, finnish_required=False)
    OpeningFactory.create_batch(2, employer=employer, finnish_required=True, other_languages=[])
    client.force_login(office.advisor)
    with django_assert_max_num_queries(10):
        response = client.get(f"{API}/job-openings?finnish_required=false")
    assert response.json()["count"] == 3
    assert all(not item["finnish_required"] for item in response.json()["items"])


def test_job_openings__closing_before_opening__422_nothing_saved(client, office):
    employer = EmployerFactory(service_point=office.point)
    client.force_login(office.advisor)
    today = timezone.localdate()
    response = client.post(
        f"{API}/job-openings",
        {
            "employer": str(employer.uuid),
            "title": "Kokki",
            "occupation": "5120",
            "municipality": "698",
            "hours": "full_time",
            "visibility": "hidden",
            "opens_on": str(today),
            "deadline": str(today - dt.timedelta(days=2)),
        },
        content_type="application/json",
    )
    assert response.status_code == 422 and "deadline" in response.json()["errors"]
    assert not JobOpening.objects.exists()


def test_matches__ranked_with_reasons_and_the_read_audited(client, office):
    opening = OpeningFactory(employer=EmployerFactory(service_point=office.point))
    seeker = ClientFactory(service_point=office.point)
    ClientLanguage.objects.create(client=seeker, language="en", level="B2")
    client.force_login(office.advisor)
    response = client.get(f"{API}/job-openings/{opening.uuid}/matches")
    assert response.status_code == 200
    [match] = response.json()
    assert match["client"] == str(seeker.uuid) and match["reasons"]
    assert AuditEvent.objects.filter(action="employers.match", target_id=str(opening.uuid)).exists()


def test_proposals__need_consent_and_the_outsider_is_refused(client, office):
    opening = OpeningFactory(employer=EmployerFactory(service_point=office.point))
    seeker = ClientFactory(service_point=office.point)
    client.force_login(office.advisor)
    url = f"{API}/job-openings/{opening.uuid}/proposals"
    missing = client.post(
        url, {"client": str(seeker.uuid), "consent_given_on": None}, content_type="application/json"
    )
    assert missing.status_code == 422
    ok = client.post(
        url,
        {"client": str(seeker.uuid), "consent_given_on": str(timezone.localdate())},
        content_type="application/json",
    )
    assert ok.status_code == 201
    result = client.put(
        f"{API}/proposals/{ok.json()['id']}/result",
        {"result": "hired", "version": 1},
        content_type="application/json",
    )
    assert result.status_code == 200 and result.json()["result"] == "hired"
    client.force_login(office.outsider)
    assert client.get(f"{API}/job-openings/{opening.uuid}/matches").status_code == 403
    assert Proposal.objects.count() == 1


def test_placements__recorded_and_listed(client, office):
    seeker = ClientFactory(service_point=office.point)
    employer = EmployerFactory(service_point=office.point)
    client.force_login(office.advisor)
    created = client.post(
        f"{API}/placements",
        {
            "client": str(seeker.uuid),
            "kind": "apprenticeship",
            "starts_on": "2026-01-10",
            "employer": str(employer.uuid),
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    bad = client.post(
        f"{API}/placements",
        {
            "client": str(seeker.uuid),
            "kind": "work_trial",
            "starts_on": "2026-01-10",
            "ends_on": "2026-01-01",
        },
        content_type="application/json",
    )
    assert bad.status_code == 422 and "ends_on" in bad.json()["errors"]
    assert len(client.get(f"{API}/placements").json()) == 1
    assert Placement.objects.count() == 1


def test_public_job_openings__only_open_advertised_without_finnish_and_no_login(client, office):
    employer = EmployerFactory(service_point=office.point)
    shown = OpeningFactory(employer=employer, finnish_required=False)
    OpeningFactory(employer=employer, finnish_required=False, visibility="hidden")
    OpeningFactory(employer=employer, finnish_required=True, other_languages=[])
    OpeningFactory(employer=employer, finnish_required=False, status="filled")
    OpeningFactory(
        employer=employer, finnish_required=False, deadline=timezone.localdate() - dt.timedelta(days=1),
        opens_on=timezone.localdate() - dt.timedelta(days=10),
    )  # fmt: skip
    response = client.get(f"{API}/public/job-openings")
    assert response.status_code == 200
    assert [item["id"] for item in response.json()] == [str(shown.uuid)]


def test_supported_enterprises_report__for_a_coordinator(client, office):
    ActivityFactory(employer=EmployerFactory(service_point=office.point, size_class="micro"))
    client.force_login(office.coordinator)
    today = timezone.localdate()
    response = client.get(f"{API}/reports/supported-enterprises?date_from={today}&date_to={today}")
    assert response.status_code == 200 and response.json()["by_size_class"]["micro"] == 1
    client.force_login(office.advisor)
    assert (
        client.get(f"{API}/reports/supported-enterprises?date_from={today}&date_to={today}").status_code
        == 403
    )


def test_employers__control_character_in_the_search__422(client, office):
    client.force_login(office.advisor)
    response = client.get(f"{API}/employers?q=a%00b")
    assert response.status_code == 422 and list(response.json()["errors"]) == ["q"]


def test_job_openings__control_character_in_the_status_filter__422(client, office):
    client.force_login(office.advisor)
    response = client.get(f"{API}/job-openings?status=open%E2%80%AE")
    assert response.status_code == 422 and list(response.json()["errors"]) == ["status"]


def test_employers__a_list_body__422_not_an_empty_object(client, office):
    client.force_login(office.advisor)
    response = client.post(f"{API}/employers", [employer_payload()], content_type="application/json")
    assert response.status_code == 422
    assert not Employer.objects.exists()
