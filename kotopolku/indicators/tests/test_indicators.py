from __future__ import annotations

import datetime as dt

import pytest

from kotopolku.indicators.enums import AgeGroup, FollowUpKind, LabourStatus
from kotopolku.indicators.models import ParticipantFollowUp
from kotopolku.indicators.periods import Period, PeriodError, period_parse
from kotopolku.indicators.permissions import small_cell
from kotopolku.indicators.selectors import indicator_table, participant_list
from kotopolku.indicators.tests.factories import ParticipantFactory

YEAR_2025 = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def _people(office, count, **fields):  # type: ignore[no-untyped-def]
    return [
        ParticipantFactory(project=office.project, service_point=office.point, **fields) for _ in range(count)
    ]


def _cells(table, code):  # type: ignore[no-untyped-def]
    return next(row.cells for row in table.rows if row.code == code)


def test_indicator_table__counts_by_gender_in_one_query_per_table(office, django_assert_max_num_queries):
    _people(office, 6, gender="woman", labour_status=LabourStatus.LONG_TERM_UNEMPLOYED, rural=True)
    _people(office, 2, gender="man", labour_status=LabourStatus.UNEMPLOYED, age_group=AgeGroup.OVER_54)
    _people(
        office, 1, gender="non_binary", labour_status=LabourStatus.INACTIVE, age_group=AgeGroup.FROM_18_TO_29
    )
    _people(office, 1, gender="not_told", labour_status=LabourStatus.EMPLOYED)
    _people(office, 3, gender="woman", entered_on=dt.date(2024, 12, 31))  # outside the period
    with django_assert_max_num_queries(5):
        table = indicator_table(
            project=office.project, service_points=[office.point.pk], period=YEAR_2025, individuals=True
        )
    assert _cells(table, "EECO01") == {"woman": 6, "man": 2, "non_binary": 1, "total": 10}
    assert _cells(table, "EECO02") == {"woman": 6, "man": 2, "non_binary": 0, "total": 8}
    assert _cells(table, "EECO03") == {"woman": 6, "man": 0, "non_binary": 0, "total": 6}
    assert _cells(table, "EECO04")["non_binary"] == 1
    assert _cells(table, "EECO05")["total"] == 1
    assert _cells(table, "EECO07")["total"] == 1
    assert _cells(table, "EECO08") == {"woman": 0, "man": 2, "non_binary": 0, "total": 2}
    assert _cells(table, "EECO17")["total"] == 6
    assert [row.code for row in table.rows] == [
        *(f"EECO{n:02d}" for n in range(1, 18)),
        *(f"EECR{n:02d}" for n in range(1, 7)),
        "EECO18",
        "EECO19",
    ]


def test_indicator_table__without_access_to_individuals__hides_cells_under_five(office):
    _people(office, 6, gender="woman", labour_status=LabourStatus.LONG_TERM_UNEMPLOYED)
    _people(office, 2, gender="man")
    table = indicator_table(
        project=office.project, service_points=[office.point.pk], period=YEAR_2025, individuals=False
    )
    # The two men are hidden; the six women too, or 8 − 6 − 0 would give the men away.
    assert _cells(table, "EECO01") == {"woman": None, "man": None, "non_binary": 0, "total": 8}
    assert _cells(table, "EECO02") == {"woman": None, "man": None, "non_binary": 0, "total": 8}


@pytest.mark.parametrize(("value", "shown"), [(0, 0), (1, None), (4, None), (5, 5), (None, None)])
def test_small_cell(value, shown):
    assert small_cell(value, individuals=False) == shown
    assert small_cell(value, individuals=True) == value


def test_result_indicators__count_follow_ups_of_those_who_left_in_the_period(office):
    left = _people(office, 3, gender="man", exited_on=dt.date(2025, 6, 1))
    ParticipantFollowUp.objects.create(
        participant=left[0],
        kind=FollowUpKind.FOUR_WEEKS,
        due_on=dt.date(2025, 6, 29),
        done_on=dt.date(2025, 6, 29),
        employed=True,
    )
    ParticipantFollowUp.objects.create(
        participant=left[1],
        kind=FollowUpKind.FOUR_WEEKS,
        due_on=dt.date(2025, 6, 29),
        done_on=dt.date(2025, 6, 29),
        job_searching=True,
    )
    ParticipantFollowUp.objects.create(
        participant=left[0],
        kind=FollowUpKind.SIX_MONTHS,
        due_on=dt.date(2025, 12, 1),
        done_on=dt.date(2025, 12, 1),
        employed=True,
        improved=True,
    )
    # Done but the participant left in another period: not counted.
    earlier = _people(office, 1, gender="man", entered_on=dt.date(2024, 6, 1), exited_on=dt.date(2024, 9, 1))[
        0
    ]
    ParticipantFollowUp.objects.create(
        participant=earlier,
        kind=FollowUpKind.FOUR_WEEKS,
        due_on=dt.date(2024, 9, 29),
        done_on=dt.date(2024, 9, 29),
        employed=True,
    )
    table = indicator_table(
        project=office.project, service_points=[office.point.pk], period=YEAR_2025, individuals=True
    )
    assert _cells(table, "EECR01")["man"] == 1
    assert _cells(table, "EECR04")["man"] == 1
    assert _cells(table, "EECR05")["total"] == 1
    assert _cells(table, "EECR06")["total"] == 1
    assert _cells(table, "EECR02")["total"] == 0


def test_each_figure__traces_to_the_participants_behind_it(office):
    _people(office, 6, gender="woman", labour_status=LabourStatus.LONG_TERM_UNEMPLOYED)
    _people(office, 2, gender="man")
    _people(office, 4, gender="man", labour_status=LabourStatus.LONG_TERM_UNEMPLOYED)
    table = indicator_table(
        project=office.project, service_points=[office.point.pk], period=YEAR_2025, individuals=True
    )
    for row in table.outputs:
        for gender, value in row.cells.items():
            people = participant_list(
                user=office.coordinator,
                project=office.project,
                period=YEAR_2025,
                code=row.code,
                gender="" if gender == "total" else gender,
            )
            assert people.count() == value, (row.code, gender)


def test_participant_list__for_a_reporting_viewer_or_outsider__is_empty(office):
    _people(office, 6)
    assert participant_list(user=office.viewer, project=office.project).count() == 0
    assert participant_list(user=office.outsider, project=office.project).count() == 0
    assert participant_list(user=office.advisor, project=office.project).count() == 6


def test_entity_indicators__count_enterprises_from_the_employers_app(office):
    from kotopolku.employers.models import EmployerActivity
    from kotopolku.employers.tests.factories import EmployerFactory

    for size in ("micro", "small", "large"):
        employer = EmployerFactory(service_point=office.point, size_class=size)
        EmployerActivity.objects.create(
            employer=employer, service_point=office.point, kind="visit", happened_on=dt.date(2025, 4, 1)
        )
    table = indicator_table(
        project=office.project, service_points=[office.point.pk], period=YEAR_2025, individuals=False
    )
    assert _cells(table, "EECO19")["total"] == 2  # large enterprises are not SMEs
    assert _cells(table, "EECO18")["total"] == 0


def test_entity_indicators__a_public_administration__counts_in_eeco18_not_as_an_enterprise(office):
    from kotopolku.employers.models import EmployerActivity, IndustryClass
    from kotopolku.employers.tests.factories import EmployerFactory

    general = IndustryClass.objects.get_or_create(
        code="84110",
        defaults=dict(
            level=5,
            parent_code="8411",
            name_fi="Julkinen yleishallinto",
            name_sv="Övergripande offentlig förvaltning",
            name_en="General public administration",
        ),
    )[0]
    shop = IndustryClass.objects.get_or_create(
        code="47111",
        defaults=dict(level=5, parent_code="4711", name_fi="Kauppa", name_sv="Handel", name_en="Retail"),
    )[0]
    for industry, size in ((general, "medium"), (shop, "small"), (general, "large")):
        employer = EmployerFactory(service_point=office.point, size_class=size, industry=industry)
        EmployerActivity.objects.create(
            employer=employer, service_point=office.point, kind="visit", happened_on=dt.date(2025, 4, 1)
        )
    table = indicator_table(
        project=office.project, service_points=[office.point.pk], period=YEAR_2025, individuals=False
    )
    assert _cells(table, "EECO18")["total"] == 2  # the municipality and the wellbeing services county
    assert _cells(table, "EECO19")["total"] == 1  # the shop only


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        ("2025-q2", dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2025-01-15..2025-03-01", dt.date(2025, 1, 15), dt.date(2025, 3, 1)),
    ],
)
def test_period_parse(text, start, end):
    assert period_parse(text) == Period(start, end)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "25",
        "2025-13",
        "2025-02-30..2025-03-01",
        "2025-03-01..2025-01-01",
        "0001",
        "1900-01-01..2025-01-01",
    ],
)
def test_period_parse__bad_input__has_a_message(text):
    with pytest.raises(PeriodError) as error:
        period_parse(text)
    assert str(error.value)
