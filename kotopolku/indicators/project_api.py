"""Projects over the API: list, read (with an ``ETag``), create and change (coordinators; a stale
``If-Match`` or ``version`` gets 409), and correcting a participant's entry data with a reason."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router

from kotopolku.accounts.permissions import require
from kotopolku.audit.services import audit_record
from kotopolku.core.versioning import etag, expected_version_from
from kotopolku.indicators import selectors
from kotopolku.indicators.corrections import participant_correct
from kotopolku.indicators.models import Participant, Project
from kotopolku.indicators.project_services import PointShare, project_edit
from kotopolku.indicators.schemas import (
    BudgetLineOut,
    EntryCorrectionIn,
    ParticipantOut,
    PointIn,
    ProjectIn,
    ProjectOut,
    ProjectPatch,
    ProjectPointOut,
    RecordConflict,
    participant_out,
)
from kotopolku.organisations.models import Municipality, ServicePoint

router = Router(tags=["monitoring"])

STALE = (
    'Send the version you read as `If-Match: "7"` or as `version`: when someone changed the record since, '
    "nothing is saved and the answer is **409** with the current version and the fields they changed."
)


def _project_out(project: Project) -> ProjectOut:
    return ProjectOut(
        id=project.uuid,
        name=project.name,
        funder=project.funder,
        funder_code=project.funder_code,
        programme=project.programme,
        priority=project.priority,
        specific_objective=project.specific_objective,
        starts_on=project.starts_on,
        ends_on=project.ends_on,
        points=[
            ProjectPointOut(
                municipality_code=point.municipality.code,
                municipality=point.municipality.name_fi,
                share_percent=point.share_percent,
                service_point=point.service_point.uuid if point.service_point else None,
            )
            for point in project.points.all()
        ],
        budget=[
            BudgetLineOut(
                id=line.uuid,
                category=line.category,
                amount=line.amount,
                service_point=line.service_point.uuid if line.service_point else None,
                note=line.note,
            )
            for line in project.budget_lines.all()
        ],
        version=project.version,
    )


def _with_details(projects: Any) -> Any:
    return projects.prefetch_related(
        "points__municipality", "points__service_point", "budget_lines__service_point"
    )


def _shares(points: list[PointIn]) -> list[PointShare]:
    codes = {point.municipality_code for point in points}
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    wanted = {point.service_point for point in points if point.service_point}
    service_points = {p.uuid: p for p in ServicePoint.objects.filter(uuid__in=wanted)}
    errors = [p.municipality_code for p in points if p.municipality_code not in municipalities]
    errors += [
        str(p.service_point) for p in points if p.service_point and p.service_point not in service_points
    ]
    if errors:
        raise ValidationError(
            {"points": _("No such municipality or service point: %(items)s") % {"items": ", ".join(errors)}}
        )
    return [
        PointShare(
            municipality=municipalities[point.municipality_code],
            service_point=service_points.get(point.service_point) if point.service_point else None,
            share_percent=point.share_percent,
        )
        for point in points
    ]


@router.get("/projects", response=list[ProjectOut], summary="Funded projects in the user's reach")
def project_index(request: HttpRequest) -> list[ProjectOut]:
    require(request.user, "indicators.view")
    projects = _with_details(selectors.project_list(user=request.user))
    audit_record(actor=request.user, action="indicators.project_list", target_type="project")
    return [_project_out(project) for project in projects]


@router.post(
    "/projects",
    response={201: ProjectOut},
    summary="Create a project (coordinator)",
    description="The municipalities taking part with their shares (adding up to 100 %); at least one of "
    "them is worked in by a service point the coordinator coordinates.",
)
def project_create(
    request: HttpRequest, response: HttpResponse, payload: ProjectIn
) -> tuple[int, ProjectOut]:
    require(request.user, "indicators.manage")
    values = payload.dict(exclude={"points"})
    project = project_edit(by=request.user, values=values, points=_shares(payload.points))
    response["ETag"] = etag(project.version)
    return 201, _project_out(_with_details(Project.objects.filter(pk=project.pk)).get())


@router.get("/projects/{uuid}", response=ProjectOut, summary="Read a project (with its version as ETag)")
def project_read(request: HttpRequest, response: HttpResponse, uuid: UUID) -> ProjectOut:
    require(request.user, "indicators.view")
    project = selectors.project_get(user=request.user, uuid=uuid)
    response["ETag"] = etag(project.version)
    return _project_out(_with_details(Project.objects.filter(pk=project.pk)).get())


@router.patch(
    "/projects/{uuid}",
    response={200: ProjectOut, 409: RecordConflict},
    summary="Change a project (coordinator)",
    description="Only the fields sent change; `points`, when sent, replaces the municipalities. " + STALE,
)
def project_patch(request: HttpRequest, response: HttpResponse, uuid: UUID, payload: ProjectPatch) -> Any:
    require(request.user, "indicators.manage")
    project = selectors.project_get(user=request.user, uuid=uuid, action="indicators.manage")
    sent = payload.model_dump(exclude_unset=True, exclude={"version", "points"})
    blank = [name for name, value in sent.items() if value is None]
    if blank:
        raise ValidationError({name: _("This field cannot be empty.") for name in blank})
    values = {
        "starts_on": project.starts_on,
        "ends_on": project.ends_on,
        "funder_code": project.funder_code,
        **sent,
    }
    points = _shares(payload.points) if payload.points is not None else None
    saved = project_edit(
        by=request.user,
        values=values,
        points=points,
        project=project,
        version=expected_version_from(request, payload.version),
    )
    response["ETag"] = etag(saved.version)
    return 200, _project_out(_with_details(Project.objects.filter(pk=saved.pk)).get())


@router.patch(
    "/participants/{uuid}/entry",
    response={200: ParticipantOut, 409: RecordConflict},
    summary="Correct a participant's entry data, with the reason",
    description="Only the fields sent change. The reports count the corrected data; when the start data "
    "was already in EURA 2021, `entry_reentry_due` tells it must be entered again. " + STALE,
)
def participant_entry_correct(
    request: HttpRequest, response: HttpResponse, uuid: UUID, payload: EntryCorrectionIn
) -> Any:
    participant = selectors.participant_get(user=request.user, uuid=uuid, action="indicators.participants")
    require(request.user, "indicators.participants", participant)
    data = payload.model_dump(exclude_unset=True, exclude={"version", "reason"})
    blank = [
        name
        for name in ("entered_on", "labour_status", "foreign_background")
        if name in data and data[name] is None
    ]
    if blank:
        raise ValidationError({name: _("This field cannot be empty.") for name in blank})
    saved = participant_correct(
        by=request.user,
        participant=participant,
        data=data,
        reason=payload.reason,
        version=expected_version_from(request, payload.version),
    )
    response["ETag"] = etag(saved.version)
    fresh = Participant.objects.select_related("client", "service_point").get(pk=saved.pk)
    return 200, participant_out(fresh)
