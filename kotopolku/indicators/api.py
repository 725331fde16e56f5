"""Monitoring over the API, for the municipality's own reporting tools.

Under ``/api/v1/``: ``projects``, ``projects/{id}/targets``, ``projects/{id}/participants``,
``projects/{id}/indicators?period=…`` (JSON, or CSV and XLSX by ``Accept`` or ``?format=``) and
``statistics/desk?…`` with the filters of the desk statistics page. Aggregates hide cells of
fewer than five persons from whoever may not see individuals, as the pages do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router

from kotopolku.accounts.permissions import require, service_point_ids
from kotopolku.audit.services import audit_record
from kotopolku.clients.selectors import client_get
from kotopolku.core.api_schemas import Line
from kotopolku.indicators import selectors, services
from kotopolku.indicators.desk import DIMENSIONS, desk_statistics
from kotopolku.indicators.exports import XLSX_TYPE, ReportFile, report_response
from kotopolku.indicators.periods import Period, PeriodError, period_parse
from kotopolku.indicators.permissions import sees_individuals
from kotopolku.indicators.project_api import router as project_router
from kotopolku.indicators.schemas import (
    Cells,
    DeskStatisticsOut,
    IndicatorOut,
    IndicatorReportOut,
    ParticipantIn,
    ParticipantOut,
    ParticipantPage,
    StatRowOut,
    TargetIn,
    TargetOut,
    participant_out,
)
from kotopolku.indicators.targets import target_progress
from kotopolku.organisations.models import ServicePoint

router = Router(tags=["monitoring"])

FILE_RESPONSES: dict[str, Any] = {
    "responses": {
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
            }
        }
    }
}


def _period(text: str, default: Period) -> Period:
    if not text:
        return default
    try:
        return period_parse(text)
    except PeriodError as error:
        raise ValidationError({"period": str(error)}) from None


def _file_format(request: HttpRequest, requested: str) -> str:
    if requested:
        if requested not in ("json", "csv", "xlsx"):
            raise ValidationError({"format": _("Choose json, csv or xlsx.")})
        return "" if requested == "json" else requested
    accept = request.headers.get("Accept", "")
    if XLSX_TYPE in accept:
        return "xlsx"
    if "text/csv" in accept:
        return "csv"
    return ""


def _points(allowed: list[int], service_point: UUID | None) -> list[int]:
    if service_point is None:
        return allowed
    point = (
        ServicePoint.objects.filter(uuid=service_point, pk__in=allowed).values_list("pk", flat=True).first()
    )
    if point is None:
        raise ValidationError({"service_point": _("No such service point in your reach.")})
    return [point]


def _point_uuids(points: list[int]) -> list[UUID]:
    return list(ServicePoint.objects.filter(pk__in=points).order_by("name").values_list("uuid", flat=True))


@router.get(
    "/projects/{uuid}/targets",
    response=list[TargetOut],
    summary="Targets with the actual figures of a period",
)
def target_index(
    request: HttpRequest, uuid: UUID, period: Line = "", service_point: UUID | None = None
) -> list[TargetOut]:
    require(request.user, "indicators.view")
    project = selectors.project_get(user=request.user, uuid=uuid)
    chosen = _points(selectors.project_points(project=project, user=request.user), service_point)
    when = _period(period, Period(project.starts_on, project.ends_on))
    progress = target_progress(
        project=project, points=chosen, period=when, individuals=sees_individuals(request.user)
    )
    audit_record(
        actor=request.user, action="indicators.report_view", target=project, details={"report": "targets"}
    )
    return [
        TargetOut(
            id=row.target.uuid,
            kind=row.target.kind,
            detail=row.target.detail,
            value=row.target.value,
            value_max=row.target.value_max,
            note=row.target.note,
            actual=row.actual,
            reached=row.reached,
        )
        for row in progress
    ]


@router.post("/projects/{uuid}/targets", response={201: TargetOut}, summary="Set a target (coordinator)")
def target_create(request: HttpRequest, uuid: UUID, payload: TargetIn) -> tuple[int, TargetOut]:
    require(request.user, "indicators.manage")
    project = selectors.project_get(user=request.user, uuid=uuid)
    target = services.target_set(by=request.user, project=project, **payload.dict())
    return 201, TargetOut(
        id=target.uuid,
        kind=target.kind,
        detail=target.detail,
        value=target.value,
        value_max=target.value_max,
        note=target.note,
        actual=None,
        reached=False,
    )


@router.get(
    "/projects/{uuid}/participants",
    response=ParticipantPage,
    summary="The project's participants (staff who work with them; filter by indicator and gender)",
)
def participant_index(
    request: HttpRequest,
    uuid: UUID,
    period: Line = "",
    code: Line = "",
    gender: Line = "",
    page: int = 1,
    page_size: int = 50,
) -> ParticipantPage:
    require(request.user, "indicators.individuals")
    if not 1 <= page <= 100_000 or not 1 <= page_size <= 200:
        raise ValidationError({"page": _("Give a page from 1 and a page size from 1 to 200.")})
    project = selectors.project_get(user=request.user, uuid=uuid)
    when = _period(period, Period(project.starts_on, project.ends_on))
    try:
        rows = selectors.participant_list(
            user=request.user, project=project, period=when, code=code, gender=gender
        )
    except LookupError:
        raise ValidationError(
            {"code": _("Name one of the funder's indicators, for example EECO01.")}
        ) from None
    start = (page - 1) * page_size
    items = list(rows[start : start + page_size])
    audit_record(
        actor=request.user,
        action="indicators.participant_list",
        target=project,
        purpose="ESF+ participant data",
        details={"code": code, "gender": gender, "count": len(items)},
    )
    return ParticipantPage(
        count=rows.count(), page=page, page_size=page_size, items=[participant_out(p) for p in items]
    )


@router.post(
    "/projects/{uuid}/participants", response={201: ParticipantOut}, summary="Make a client a participant"
)
def participant_create(
    request: HttpRequest, uuid: UUID, payload: ParticipantIn
) -> tuple[int, ParticipantOut]:
    project = selectors.project_get(user=request.user, uuid=uuid, action="indicators.participants")
    client = client_get(uuid=payload.client)
    require(request.user, "indicators.participants", client)
    if payload.entered_on > timezone.localdate() + dt.timedelta(days=1):
        raise ValidationError({"entered_on": _("The entry date cannot be in the future.")})
    data = payload.dict(exclude={"client", "entered_on"})
    participant = services.participant_enrol(
        by=request.user, client=client, project=project, entered_on=payload.entered_on, data=data
    )
    participant = selectors.participant_get(
        user=request.user, uuid=participant.uuid, action="indicators.participants"
    )
    return 201, participant_out(participant)


@router.get(
    "/projects/{uuid}/indicators",
    response=IndicatorReportOut,
    summary="ESF+ common indicators by gender (JSON, CSV or XLSX)",
    openapi_extra=FILE_RESPONSES,
)
def indicator_report(
    request: HttpRequest, uuid: UUID, period: Line = "", service_point: UUID | None = None, format: Line = ""
) -> Any:
    require(request.user, "indicators.view")
    project = selectors.project_get(user=request.user, uuid=uuid)
    chosen = _points(selectors.project_points(project=project, user=request.user), service_point)
    when = _period(period, Period(project.starts_on, project.ends_on))
    file_format = _file_format(request, format)
    individuals = sees_individuals(request.user)
    table = selectors.indicator_table(
        project=project, service_points=chosen, period=when, individuals=individuals
    )
    audit_record(
        actor=request.user,
        action="indicators.report_export" if file_format else "indicators.report_view",
        target=project,
        details={"report": "indicators", "period": when.token, "format": file_format or "json"},
    )
    if file_format:
        names = ", ".join(
            ServicePoint.objects.filter(pk__in=chosen).order_by("name").values_list("name", flat=True)
        )
        report = ReportFile(
            title=_("ESF+ common indicators: %(project)s") % {"project": project.name},
            slug=f"indicators-{when.start}-{when.end}",
            meta=[
                (_("Project"), project.name),
                (_("Reporting period"), when.label),
                (_("Service points"), names or "–"),
            ],
            header=[_("Code"), _("Indicator"), _("Women"), _("Men"), _("Non-binary"), _("Total")],
            rows=[[row.code, str(row.label), *row.shown_cells.values()] for row in table.rows],
        )
        return report_response(report, file_format)
    return IndicatorReportOut(
        project=project.uuid,
        period_start=when.start,
        period_end=when.end,
        service_points=_point_uuids(chosen),
        small_cells_hidden=not individuals,
        indicators=[
            IndicatorOut(
                code=row.code,
                label=str(row.label),
                note=str(row.note),
                cells=Cells(
                    women=row.cells["woman"],
                    men=row.cells["man"],
                    non_binary=row.cells["non_binary"],
                    total=row.cells["total"],
                ),
            )
            for row in table.rows
        ],
    )


@router.get(
    "/statistics/desk",
    response=DeskStatisticsOut,
    summary="Desk statistics by month (JSON, CSV or XLSX)",
    openapi_extra=FILE_RESPONSES,
)
def desk_report(
    request: HttpRequest,
    period: Line = "",
    service_point: UUID | None = None,
    dimension: Line = "topic",
    format: Line = "",
) -> Any:
    require(request.user, "indicators.view")
    if dimension not in DIMENSIONS:
        raise ValidationError({"dimension": _("Choose topic, language, channel, client_group or outcome.")})
    today = timezone.localdate()
    when = _period(period, Period(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)))
    chosen = _points(sorted(service_point_ids(request.user, "indicators.view")), service_point)
    file_format = _file_format(request, format)
    individuals = sees_individuals(request.user)
    stats = desk_statistics(service_points=chosen, period=when, dimension=dimension, individuals=individuals)
    audit_record(
        actor=request.user,
        action="indicators.report_export" if file_format else "indicators.report_view",
        target_type="report",
        target_id=f"desk:{dimension}",
        details={"period": when.token, "format": file_format or "json"},
    )
    months = [f"{month:%Y-%m}" for month in stats.months]
    if file_format:
        names = ", ".join(
            ServicePoint.objects.filter(pk__in=chosen).order_by("name").values_list("name", flat=True)
        )
        rows = [[str(r.label), *r.values, r.total] for r in stats.summary + stats.activity]
        rows += [
            [],
            [str(DIMENSIONS[dimension])],
            *[[str(r.label), *r.values, r.total] for r in stats.breakdown],
        ]
        report = ReportFile(
            title=_("Desk statistics"),
            slug=f"desk-statistics-{when.start}-{when.end}",
            meta=[
                (_("Reporting period"), when.label),
                (_("Service points"), names or "–"),
                (_("Break down by"), str(DIMENSIONS[dimension])),
            ],
            header=["", *months, _("Total")],
            rows=rows,
        )
        return report_response(report, file_format)

    def rows_out(rows: list[Any]) -> list[StatRowOut]:
        return [StatRowOut(key=r.key, label=str(r.label), values=r.values, total=r.total) for r in rows]

    return DeskStatisticsOut(
        period_start=when.start,
        period_end=when.end,
        months=months,
        service_points=_point_uuids(chosen),
        dimension=dimension,
        small_cells_hidden=not individuals,
        summary=rows_out(stats.summary),
        breakdown=rows_out(stats.breakdown),
        activity=rows_out(stats.activity),
    )


# The project's own operations (list, read, create, change) and the entry corrections.
router.add_router("", project_router)
