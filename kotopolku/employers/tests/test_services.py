from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from kotopolku.audit.models import AuditEvent
from kotopolku.casework.enums import CodeScheme
from kotopolku.casework.models import CodeListItem
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.core.versioning import StaleVersion
from kotopolku.employers import services
from kotopolku.employers.models import (
    Employer,
    EmployerActivity,
    IndustryClass,
    JobOpening,
    Proposal,
)
from kotopolku.employers.occupations import occupation_items
from kotopolku.employers.selectors import employer_timeline, supported_enterprises_by_size
from kotopolku.employers.tests.factories import (
    ActivityFactory,
    EmployerFactory,
    OpeningFactory,
    PlacementFactory,
    occupation,
)
from kotopolku.organisations.tests.factories import municipality

pytestmark = pytest.mark.django_db


def employer_data(**overrides):
    values = {
        "business_id": "2617416-4",
        "name": "Lapin Matkailu Oy",
        "size_class": "small",
        "municipality": municipality("698"),
        "industry": IndustryClass.objects.get(code="55"),
    }
    values.update(overrides)
    return services.EmployerData(**values)


def opening_data(**overrides):
    values = {
        "title": "Kokki",
        "occupation": occupation("5120"),
        "municipality": municipality("698"),
        "hours": "full_time",
        "visibility": "advertised",
        "opens_on": timezone.localdate(),
        "finnish_required": False,
        "other_languages": ["en"],
    }
    values.update(overrides)
    return services.OpeningData(**values)


def test_code_lists__tol_2008_here_and_isco_08_from_case_work_with_three_languages():
    assert IndustryClass.objects.count() == 1805
    assert occupation_items().count() == 619
    cook = occupation("5120")
    assert cook.level == 4 and cook.parent_code == "512"
    assert cook.label_en == "Cooks" and cook.label_fi and cook.label_sv


def test_opening__an_isco_code_of_another_code_list_is_refused(office):
    employer = EmployerFactory(service_point=office.point)
    field = CodeListItem.objects.filter(scheme=CodeScheme.ISCED_FIELD, level=2).first()
    with pytest.raises(ValidationError) as refused:
        services.opening_create(employer=employer, data=opening_data(occupation=field), by=office.advisor)
    assert "occupation" in refused.value.message_dict
    assert not JobOpening.objects.exists()


def test_employer_create__normalises_the_business_id_and_audits(office):
    employer = services.employer_create(
        service_point=office.point, data=employer_data(business_id="26174164"), by=office.advisor
    )
    assert employer.business_id == "2617416-4"
    assert AuditEvent.objects.filter(action="employers.create", target_id=str(employer.uuid)).exists()


@pytest.mark.parametrize("value", ["2617416-5", "123", "", "abcdefg-h", "2617416-4\u202e"])
def test_employer_create__invalid_business_id__is_refused_and_nothing_saved(office, value):
    with pytest.raises(ValidationError) as error:
        services.employer_create(
            service_point=office.point, data=employer_data(business_id=value), by=office.advisor
        )
    assert "business_id" in error.value.message_dict
    assert not Employer.objects.exists()


def test_employer_create__the_same_business_id_twice_at_a_service_point__is_refused(office):
    services.employer_create(service_point=office.point, data=employer_data(), by=office.advisor)
    with pytest.raises(ValidationError) as error:
        services.employer_create(
            service_point=office.point, data=employer_data(name="Toinen"), by=office.advisor
        )
    assert "business_id" in error.value.message_dict
    # Another service point keeps its own record of the same company.
    services.employer_create(
        service_point=office.neighbour, data=employer_data(), by=office.neighbour_advisor
    )
    assert Employer.objects.count() == 2


def test_employer_create__hostile_text__gets_a_message_per_field(office):
    data = employer_data(name="Evil\x00Corp", notes="ok\u202egnp.exe", website="javascript:alert(1)")
    with pytest.raises(ValidationError) as error:
        services.employer_create(service_point=office.point, data=data, by=office.advisor)
    assert {"name", "notes", "website"} <= set(error.value.message_dict)
    assert not Employer.objects.exists()


def test_employer_create__zero_width_characters_are_dropped(office):
    employer = services.employer_create(
        service_point=office.point, data=employer_data(name="Lapin\u200b Matkailu Oy"), by=office.advisor
    )
    assert employer.name == "Lapin Matkailu Oy"


def test_employer_create__pilot_needs_a_status(office):
    with pytest.raises(ValidationError) as error:
        services.employer_create(
            service_point=office.point, data=employer_data(is_pilot=True), by=office.advisor
        )
    assert "pilot_status" in error.value.message_dict


def test_employer_update__a_stale_version__is_refused_and_keeps_the_other_change(office):
    employer = EmployerFactory(service_point=office.point, name="Vanha")
    services.employer_update(
        employer=employer,
        data=employer_data(business_id=employer.business_id, name="Uusi"),
        expected_version=1,
        by=office.advisor,
    )
    with pytest.raises(StaleVersion):
        services.employer_update(
            employer=employer,
            data=employer_data(business_id=employer.business_id, name="Kolmas"),
            expected_version=1,
            by=office.coordinator,
        )
    employer.refresh_from_db()
    assert (employer.name, employer.version) == ("Uusi", 2)


def test_activity_record__joint_visit_needs_the_other_project_and_follow_up_after_it(office):
    employer = EmployerFactory(service_point=office.point)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.activity_record(
            employer=employer,
            service_point=office.point,
            data=services.ActivityData(
                kind="joint_visit", happened_on=today, follow_up_on=today - dt.timedelta(days=1)
            ),
            by=office.advisor,
        )
    assert {"partner_project", "follow_up_on"} <= set(error.value.message_dict)
    assert not EmployerActivity.objects.exists()


def test_opening_create__closing_before_it_opens__is_refused(office):
    employer = EmployerFactory(service_point=office.point)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.opening_create(
            employer=employer,
            data=opening_data(opens_on=today, deadline=today - dt.timedelta(days=1)),
            by=office.advisor,
        )
    assert "deadline" in error.value.message_dict
    assert not JobOpening.objects.exists()


def test_opening_create__without_finnish_needs_another_language_and_a_unit_group(office):
    employer = EmployerFactory(service_point=office.point)
    with pytest.raises(ValidationError) as error:
        services.opening_create(
            employer=employer,
            data=opening_data(other_languages=[], occupation=occupation("512")),
            by=office.advisor,
        )
    assert {"other_languages", "occupation"} <= set(error.value.message_dict)


def test_proposal_create__without_consent__is_refused_then_with_it_once(office):
    opening = OpeningFactory(employer=EmployerFactory(service_point=office.point))
    client = ClientFactory(service_point=office.point)
    with pytest.raises(ValidationError) as error:
        services.proposal_create(
            opening=opening, client=client, consent_given_on=None, reasons=[], by=office.advisor
        )
    assert "consent_given_on" in error.value.message_dict
    services.proposal_create(
        opening=opening,
        client=client,
        consent_given_on=timezone.localdate(),
        reasons=["x"],
        by=office.advisor,
    )
    with pytest.raises(ValidationError):
        services.proposal_create(
            opening=opening,
            client=client,
            consent_given_on=timezone.localdate(),
            reasons=[],
            by=office.advisor,
        )
    assert Proposal.objects.count() == 1
    assert AuditEvent.objects.filter(action="employers.propose", target_id=str(client.uuid)).exists()


def test_placement_create__ending_before_start_or_nowhere__is_refused(office):
    client = ClientFactory(service_point=office.point)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.placement_create(
            client=client,
            data=services.PlacementData(
                kind="work_trial", starts_on=today, ends_on=today - dt.timedelta(days=1)
            ),
            by=office.advisor,
        )
    assert {"ends_on", "employer"} <= set(error.value.message_dict)


def test_employer_timeline__activities_openings_and_placements_newest_first_in_one_query(
    office, django_assert_num_queries
):
    employer = EmployerFactory(service_point=office.point)
    today = timezone.localdate()
    for days in range(5):
        ActivityFactory(
            employer=employer, happened_on=today - dt.timedelta(days=days * 10), staff=office.advisor
        )
        OpeningFactory(employer=employer, opens_on=today - dt.timedelta(days=days * 10 + 5))
    ActivityFactory(
        employer=employer,
        kind="joint_visit",
        happened_on=today - dt.timedelta(days=1),
        outcome="Kaksi paikkaa",
        follow_up_on=dt.date(2031, 3, 4),
        staff=None,
    )
    opening = OpeningFactory(employer=employer, title="Kokki", opens_on=today - dt.timedelta(days=2))
    Proposal.objects.create(
        opening=opening,
        client=ClientFactory(service_point=office.point),
        service_point=office.point,
        consent_given_on=today,
    )
    PlacementFactory(employer=employer, kind="work_trial", starts_on=today - dt.timedelta(days=3))
    with translation.override("en"), django_assert_num_queries(1):
        items = employer_timeline(employer=employer, user=office.advisor)
    assert len(items) == 13
    assert [item.when for item in items] == sorted((item.when for item in items), reverse=True)
    assert items[0].title == f"Company visit ({office.advisor.full_name})" and items[0].kind == "activity"
    assert (items[1].title, items[1].detail) == (
        "Joint visit with another project",
        "Kaksi paikkaa · Follow-up 4 Mar 2031",
    )
    assert (items[2].title, items[2].detail) == ("Job opening: Kokki", "Open · 1 clients proposed")
    assert (items[3].kind, items[3].title, items[3].detail) == (
        "placement",
        "A client started: Work trial",
        "",
    )


def test_supported_enterprises__count_once_per_project_by_size_class(office):
    today = timezone.localdate()
    shared = EmployerFactory(service_point=office.point, business_id="2617416-4", size_class="micro")
    same_company_elsewhere = EmployerFactory(
        service_point=office.neighbour, business_id="2617416-4", size_class="micro"
    )
    large = EmployerFactory(service_point=office.point, size_class="large")
    unsupported = EmployerFactory(service_point=office.point, size_class="medium")
    ActivityFactory(employer=shared, happened_on=today)
    ActivityFactory(employer=same_company_elsewhere, happened_on=today)
    ActivityFactory(employer=large, happened_on=today)
    ActivityFactory(employer=unsupported, happened_on=today - dt.timedelta(days=400))
    counts = supported_enterprises_by_size(
        service_point_ids=[office.point.pk, office.neighbour.pk],
        date_from=today - dt.timedelta(days=30),
        date_to=today,
    )
    assert counts == {"micro": 1, "small": 0, "medium": 0, "large": 1}
