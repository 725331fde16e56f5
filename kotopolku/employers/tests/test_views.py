from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kotopolku.clients.models import ClientLanguage
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.employers.models import Employer, EmployerActivity, Placement, Proposal
from kotopolku.employers.tests.factories import ActivityFactory, EmployerFactory, OpeningFactory, occupation
from kotopolku.organisations.tests.factories import municipality

pytestmark = pytest.mark.django_db


def employer_form(**overrides):
    values = {
        "name": "Lapin Matkailu Oy",
        "business_id": "2617416-4",
        "size_class": "small",
        "municipality": municipality("698").pk,
        "industry": "",
        "website": "",
        "pilot_status": "none",
        "pilot_plan": "",
        "notes": "",
    }
    values.update(overrides)
    return values


def test_employer_list__shows_the_networks_companies_and_follow_ups_in_few_queries(
    client, office, django_assert_max_num_queries
):
    for _ in range(6):
        employer = EmployerFactory(service_point=office.point)
        ActivityFactory(employer=employer, follow_up_on=timezone.localdate(), staff=office.advisor)
    EmployerFactory(service_point=office.other_point, name="Muualla Oy")
    client.force_login(office.advisor)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("employers:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Muualla Oy" not in html
    assert len(response.context["follow_ups"]) == 6


def test_employer_create__bad_business_id__shows_the_message_on_the_field_in_finnish(client, office):
    client.force_login(office.advisor)
    response = client.post(
        reverse("employers:create"), employer_form(business_id="2617416-5"), HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert response.status_code == 200
    assert response.context["form"].errors["business_id"]
    assert not Employer.objects.exists()


def test_employer_create_and_edit__a_stale_form_shows_the_saved_values(client, office):
    client.force_login(office.advisor)
    response = client.post(reverse("employers:create"), employer_form())
    employer = Employer.objects.get()
    assert response.status_code == 302
    edit = reverse("employers:edit", args=[employer.uuid])
    client.post(edit, employer_form(name="Toisen muutos", version=1))
    response = client.post(edit, employer_form(name="Minun muutokseni", version=1))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() and form.initial["name"] == "Toisen muutos"
    employer.refresh_from_db()
    assert employer.name == "Toisen muutos"


def test_employer_detail__timeline_and_activity_recording(client, office):
    employer = EmployerFactory(service_point=office.point)
    client.force_login(office.advisor)
    response = client.post(
        reverse("employers:activity_add", args=[employer.uuid]),
        {
            "kind": "recruitment_support",
            "happened_on": str(timezone.localdate()),
            "outcome": "Haastattelut sovittu",
        },
    )
    assert response.status_code == 302
    assert EmployerActivity.objects.get().staff == office.advisor
    page = client.get(reverse("employers:detail", args=[employer.uuid]))
    assert "Haastattelut sovittu" in page.content.decode()


def test_opening_detail__matches_propose_and_record_the_result(client, office):
    opening = OpeningFactory(employer=EmployerFactory(service_point=office.point))
    seeker = ClientFactory(service_point=office.point, given_names_latin="Amina")
    ClientLanguage.objects.create(client=seeker, language="en", level="C1")
    client.force_login(office.advisor)
    page = client.get(reverse("employers:opening", args=[opening.uuid]))
    assert "Amina" in page.content.decode()
    client.post(
        reverse("employers:propose", args=[opening.uuid]),
        {"client": str(seeker.uuid), "consent_given_on": str(timezone.localdate())},
    )
    proposal = Proposal.objects.get()
    client.post(
        reverse("employers:proposal_result", args=[proposal.uuid]), {"result": "interview", "version": 1}
    )
    proposal.refresh_from_db()
    assert proposal.result == "interview" and proposal.reasons


def test_opening_list__filtered_without_finnish_in_few_queries(client, office, django_assert_max_num_queries):
    employer = EmployerFactory(service_point=office.point)
    OpeningFactory.create_batch(5, employer=employer)
    OpeningFactory(employer=employer, finnish_required=True, other_languages=[], title="Vaatii suomea")
    client.force_login(office.advisor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("employers:openings") + "?finnish_required=false")
    assert "Vaatii suomea" not in response.content.decode()
    assert len(response.context["page"]) == 5


def test_job_profile__saves_occupations_and_lists_openings(client, office):
    seeker = ClientFactory(service_point=office.point)
    OpeningFactory(employer=EmployerFactory(service_point=office.point), title="Kokki Rovaniemelle")
    client.force_login(office.advisor)
    url = reverse("employers:job_profile", args=[seeker.uuid])
    client.post(url, {"occupations": [occupation("5120").pk], "travel": "region", "available_from": ""})
    page = client.get(url)
    assert "Kokki Rovaniemelle" in page.content.decode()
    client.force_login(office.outsider)
    assert client.get(url).status_code == 403


def test_placement_create__recorded_from_the_form(client, office, django_assert_max_num_queries):
    seeker = ClientFactory(service_point=office.point)
    employer = EmployerFactory(service_point=office.point)
    client.force_login(office.advisor)
    response = client.post(
        reverse("employers:placement_create"),
        {
            "client": str(seeker.uuid),
            "kind": "employment",
            "employer": employer.pk,
            "starts_on": str(timezone.localdate() - dt.timedelta(days=3)),
            "ends_on": "",
            "organisation_name": "",
        },
    )
    assert response.status_code == 302
    assert Placement.objects.get().employer == employer
    with django_assert_max_num_queries(12):
        assert client.get(reverse("employers:placements")).status_code == 200


def test_home__shows_the_follow_ups_due(client, office):
    employer = EmployerFactory(service_point=office.point, name="Seurattava Oy")
    ActivityFactory(employer=employer, follow_up_on=timezone.localdate(), staff=office.advisor)
    client.force_login(office.advisor)
    assert "Seurattava Oy" in client.get(reverse("core:home")).content.decode()
    client.force_login(office.outsider)
    assert "Seurattava Oy" not in client.get(reverse("core:home")).content.decode()


def test_employer_timeline__page_and_api_read_the_permissions_once(
    client, office, django_assert_max_num_queries
):
    """Session, user, company, the user's grants and networks (once for every employer action),
    the timeline's three queries; the page adds offices, contacts, openings and the site theme."""
    employer = EmployerFactory(service_point=office.point)
    ActivityFactory(employer=employer, staff=office.advisor)
    OpeningFactory(employer=employer, title="Kokki")
    client.force_login(office.advisor)
    with django_assert_max_num_queries(8):
        timeline = client.get(f"/api/v1/employers/{employer.uuid}/timeline")
    assert timeline.status_code == 200 and len(timeline.json()) == 2
    with django_assert_max_num_queries(12):
        page = client.get(reverse("employers:detail", args=[employer.uuid]))
    assert "Kokki" in page.content.decode()
