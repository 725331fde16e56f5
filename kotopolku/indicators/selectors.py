"""Reads of the indicators app: projects a user may see, their participants, the common
indicators by gender, the entry table by age and status, and follow-ups due. Every count is an
aggregate in the database (one query per table, grouped by gender)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.permissions import service_point_ids
from kotopolku.indicators.codes import (
    ENTITY_INDICATORS,
    OUTPUT_INDICATORS,
    RESULT_INDICATORS,
    Indicator,
    indicator_named,
)
from kotopolku.indicators.entities import supported_organisations
from kotopolku.indicators.enums import AgeGroup, Gender, LabourStatus
from kotopolku.indicators.models import BudgetLine, Participant, ParticipantFollowUp, Project
from kotopolku.indicators.periods import Period
from kotopolku.indicators.suppression import WITHHELD, Sum, suppress

GENDERS = [Gender.WOMAN.value, Gender.MAN.value, Gender.NON_BINARY.value]
COLUMNS = [*GENDERS, "total"]


def project_list(*, user: Any, action: str = "indicators.view") -> QuerySet[Project]:
    """Projects with a service point in the user's reach, and past projects run without one."""
    points = service_point_ids(user, action)
    if not points:
        return Project.objects.none()
    return (
        Project.objects.filter(Q(points__service_point_id__in=points) | Q(points__service_point__isnull=True))
        .distinct()
        .order_by("-starts_on", "name")
    )


def project_get(*, user: Any, uuid: Any, action: str = "indicators.view") -> Project:
    project = project_list(user=user, action=action).filter(uuid=uuid).first()
    if project is None:
        raise Http404
    return project


def project_points(*, project: Project, user: Any, action: str = "indicators.view") -> list[int]:
    """The project's service points whose figures the user may see."""
    reach = service_point_ids(user, action)
    return [pk for pk in project.points.values_list("service_point_id", flat=True) if pk in reach]


def participant_list(
    *, user: Any, project: Project, period: Period | None = None, code: str = "", gender: str = ""
) -> QuerySet[Participant]:
    """The participants behind a figure: entered in the period (or, for a result indicator,
    followed up after leaving in it), matching the indicator's condition and the gender."""
    rows = Participant.objects.filter(
        project=project, service_point_id__in=sorted(service_point_ids(user, "indicators.individuals"))
    )
    indicator = indicator_named(code) if code else None
    if indicator is not None and indicator.is_result:
        follow_ups = ParticipantFollowUp.objects.filter(indicator.condition, kind=indicator.follow_up)
        rows = rows.filter(pk__in=follow_ups.values("participant_id"))
        if period is not None:
            rows = rows.filter(exited_on__gte=period.start, exited_on__lte=period.end)
    else:
        if indicator is not None:
            rows = rows.filter(indicator.condition)
        if period is not None:
            rows = rows.filter(entered_on__gte=period.start, entered_on__lte=period.end)
    if gender in GENDERS:
        rows = rows.filter(gender=gender)
    return rows.select_related("client", "service_point").order_by("-entered_on", "-id")


def participant_get(*, user: Any, uuid: Any, action: str = "indicators.individuals") -> Participant:
    participant = (
        Participant.objects.filter(uuid=uuid, service_point_id__in=sorted(service_point_ids(user, action)))
        .select_related("project", "client", "service_point")
        .first()
    )
    if participant is None:
        raise Http404
    return participant


@dataclass
class IndicatorRow:
    code: str
    label: Any
    cells: dict[str, int | None]  # None: hidden (JSON null)
    traceable: bool = True
    note: Any = ""
    # Cells hidden only so that a small one cannot be worked out from the total ("×").
    withheld: frozenset[str] = frozenset()

    @property
    def shown_cells(self) -> dict[str, int | str | None]:
        """The cells as pages and files show them: None stands for "<5", "×" for withheld."""
        return {column: WITHHELD if column in self.withheld else v for column, v in self.cells.items()}


@dataclass
class IndicatorTable:
    outputs: list[IndicatorRow] = field(default_factory=list)
    results: list[IndicatorRow] = field(default_factory=list)
    entities: list[IndicatorRow] = field(default_factory=list)

    @property
    def rows(self) -> list[IndicatorRow]:
        return [*self.outputs, *self.results, *self.entities]


def _by_gender(
    rows: QuerySet[Any], indicators: tuple[Indicator, ...], gender_field: str
) -> dict[str, dict[str, int]]:
    """Counts per indicator and gender, in one grouped query."""
    counted = rows.values(gender_field).annotate(
        **{indicator.code: Count("pk", filter=indicator.condition) for indicator in indicators}
    )
    figures = {indicator.code: dict.fromkeys(COLUMNS, 0) for indicator in indicators}
    for row in counted:
        gender = row[gender_field]
        for indicator in indicators:
            value = row[indicator.code]
            figures[indicator.code]["total"] += value
            if gender in GENDERS:
                figures[indicator.code][gender] += value
    return figures


def _row(indicator: Indicator, counts: dict[str, int], individuals: bool) -> IndicatorRow:
    """One indicator's row: the total is the sum of the genders (and of those who did not tell,
    who are few), so a single hidden gender is protected by hiding the next smallest one. The
    indicators themselves overlap or leave groups out (EECO02 holds EECO03; 30–54-year-olds and
    those without an ISCED level have no row), so no column adds up to a shown figure."""
    cells = suppress(counts, [("total", GENDERS)], individuals=individuals)
    return IndicatorRow(
        indicator.code,
        indicator.label,
        {column: cells.values[column] for column in COLUMNS},
        withheld=frozenset(str(key) for key in cells.withheld),
    )


def indicator_table(
    *, project: Project, service_points: list[int], period: Period, individuals: bool
) -> IndicatorTable:
    """EECO01–EECO19 and EECR01–EECR06 for the participants of ``service_points``."""
    participants = Participant.objects.filter(
        project=project,
        service_point_id__in=service_points,
        entered_on__gte=period.start,
        entered_on__lte=period.end,
    )
    table = IndicatorTable()
    outputs = _by_gender(participants, OUTPUT_INDICATORS, "gender")
    for indicator in OUTPUT_INDICATORS:
        table.outputs.append(_row(indicator, outputs[indicator.code], individuals))
    for kind in sorted({indicator.follow_up for indicator in RESULT_INDICATORS}):
        indicators = tuple(i for i in RESULT_INDICATORS if i.follow_up == kind)
        follow_ups = ParticipantFollowUp.objects.filter(
            kind=kind,
            participant__project=project,
            participant__service_point_id__in=service_points,
            participant__exited_on__gte=period.start,
            participant__exited_on__lte=period.end,
        )
        results = _by_gender(follow_ups, indicators, "participant__gender")
        for indicator in indicators:
            table.results.append(_row(indicator, results[indicator.code], individuals))
    table.results.sort(key=lambda row: row.code)
    table.entities = _entity_rows(service_points=service_points, period=period)
    return table


def _entity_rows(*, service_points: list[int], period: Period) -> list[IndicatorRow]:
    """EECO18/EECO19 count organisations, not persons: no gender and no small-cell rule."""
    public, sizes = supported_organisations(service_points=service_points, period=period)
    smes = sizes["micro"] + sizes["small"] + sizes["medium"]
    empty = dict.fromkeys(GENDERS)
    return [
        IndicatorRow(
            "EECO18",
            ENTITY_INDICATORS["EECO18"],
            {**empty, "total": public},
            traceable=False,
            note=_(
                "Employers of industry 84 (public administration) supported; public services of other "
                "industries are not told apart from companies."
            ),
        ),
        IndicatorRow(
            "EECO19",
            ENTITY_INDICATORS["EECO19"],
            {**empty, "total": smes},
            traceable=False,
            note=_("Micro %(micro)s, small %(small)s, medium %(medium)s (large %(large)s not counted).")
            % sizes,
        ),
    ]


AGE_COLUMNS = [AgeGroup.UNDER_18, AgeGroup.FROM_18_TO_29, AgeGroup.FROM_30_TO_54, AgeGroup.OVER_54]
STATUS_ROWS = [
    LabourStatus.UNEMPLOYED,
    LabourStatus.LONG_TERM_UNEMPLOYED,
    LabourStatus.IN_EDUCATION,
    LabourStatus.EMPLOYED,
    LabourStatus.INACTIVE,
]


@dataclass
class EntryTable:
    """Participants by labour-market status (rows) and age group (columns), as the funder's
    application form tabulates them: "unemployed" includes the long-term unemployed, who also
    have their own "of whom" row."""

    rows: list[tuple[str, Any, list[int | str | None], int | str | None]]
    totals: list[int | str | None]
    total: int | str | None


def entry_table(
    *, project: Project, service_points: list[int], period: Period, individuals: bool
) -> EntryTable:
    counted = (
        Participant.objects.filter(
            project=project,
            service_point_id__in=service_points,
            entered_on__gte=period.start,
            entered_on__lte=period.end,
        )
        .values("labour_status", "age_group")
        .annotate(n=Count("pk"))
    )
    cells: dict[tuple[str, str], int] = {}
    for row in counted:
        cells[(row["labour_status"], row["age_group"])] = row["n"]

    def count(statuses: list[str], age: str) -> int:
        return sum(cells.get((status, age), 0) for status in statuses)

    ages = [str(age) for age in AGE_COLUMNS]
    groups: list[tuple[str, Any, list[str]]] = [
        (
            "unemployed",
            LabourStatus.UNEMPLOYED.label,
            [LabourStatus.UNEMPLOYED, LabourStatus.LONG_TERM_UNEMPLOYED],
        ),
        (
            "long_term_unemployed",
            LabourStatus.LONG_TERM_UNEMPLOYED.label,
            [LabourStatus.LONG_TERM_UNEMPLOYED],
        ),
        ("in_education", LabourStatus.IN_EDUCATION.label, [LabourStatus.IN_EDUCATION]),
        ("employed", LabourStatus.EMPLOYED.label, [LabourStatus.EMPLOYED]),
        ("inactive", LabourStatus.INACTIVE.label, [LabourStatus.INACTIVE]),
    ]
    columns: list[Hashable] = [*range(len(ages)), "total"]
    values: dict[Hashable, int] = {}
    everyone = [str(s) for s in STATUS_ROWS]
    for key, _label, statuses in [*groups, ("total", "", everyone)]:
        for index, age in enumerate(ages):
            values[(key, index)] = count(statuses, age)
        values[(key, "total")] = sum(values[(key, index)] for index in range(len(ages)))
    # Each row adds up to its total; each column's total is the sum of the statuses, counting
    # the unemployed once (the long-term unemployed are an "of whom" row inside them).
    partition = ["unemployed", "in_education", "employed", "inactive"]
    sums: list[Sum] = [((key, "total"), [(key, i) for i in range(len(ages))]) for key, _l, _s in groups]
    sums.append((("total", "total"), [("total", i) for i in range(len(ages))]))
    sums += [(("total", column), [(key, column) for key in partition]) for column in columns]
    grid = suppress(values, sums, individuals=individuals)
    rows = [
        (key, label, [grid.shown((key, i)) for i in range(len(ages))], grid.shown((key, "total")))
        for key, label, _statuses in groups
    ]
    return EntryTable(
        rows=rows,
        totals=[grid.shown(("total", i)) for i in range(len(ages))],
        total=grid.shown(("total", "total")),
    )


def follow_ups_due(*, user: Any, until: dt.date) -> QuerySet[ParticipantFollowUp]:
    """Follow-ups not yet done and due by ``until``, at the service points where the user records
    participant data: the advisor's work list."""
    return (
        ParticipantFollowUp.objects.filter(
            done_on__isnull=True,
            due_on__lte=until,
            participant__service_point_id__in=sorted(service_point_ids(user, "indicators.participants")),
        )
        .select_related("participant__client", "participant__project")
        .order_by("due_on", "id")
    )


def eura_backlog(*, user: Any, project: Project) -> dict[str, int]:
    """How many participants still wait for their start or end data to be entered in EURA 2021."""
    rows = Participant.objects.filter(
        project=project, service_point_id__in=sorted(service_point_ids(user, "indicators.view"))
    )
    return rows.aggregate(
        entry_missing=Count("pk", filter=Q(entry_in_eura_on__isnull=True) | Q(entry_reentry_due=True)),
        exit_missing=Count("pk", filter=Q(exited_on__isnull=False, exit_in_eura_on__isnull=True)),
    )


@dataclass
class Budget:
    lines: list[BudgetLine]
    total: Decimal
    by_point: list[tuple[str, Decimal]]


def budget_of(project: Project) -> Budget:
    """The project's budget lines with the total and the total of each service point."""
    lines = list(BudgetLine.objects.filter(project=project).select_related("service_point"))
    by_point: dict[str, Decimal] = {}
    for line in lines:
        name = line.service_point.name if line.service_point else str(_("Whole project"))
        by_point[name] = by_point.get(name, Decimal(0)) + line.amount
    return Budget(
        lines=lines, total=sum((line.amount for line in lines), Decimal(0)), by_point=sorted(by_point.items())
    )
