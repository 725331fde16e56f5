"""Companies, their activities and timeline over the API: ``employers``, ``employers/{id}/activities``
and ``employers/{id}/timeline``."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from kotopolku.accounts.permissions import require
from kotopolku.core.api_schemas import Line
from kotopolku.core.versioning import expected_version_from
from kotopolku.employers import selectors, services
from kotopolku.employers.api.common import (
    employer_for,
    municipality_code,
    payload_data,
    service_point_for,
)
from kotopolku.employers.models import Employer, EmployerActivity, IndustryClass
from kotopolku.employers.schemas import (
    ActivityIn,
    ActivityOut,
    EmployerIn,
    EmployerOut,
    EmployerPage,
    TimelineItemOut,
)

router = Router(tags=["employers"])


def _employer_data(payload: EmployerIn) -> services.EmployerData:
    industry = (IndustryClass.objects.all(), payload.industry, _("Unknown industry code (TOL 2008)."))
    data: services.EmployerData = payload_data(
        services.EmployerData,
        payload,
        industry=industry,
        municipality=municipality_code(payload.municipality),
    )
    return data


def _employer_out(employer: Employer) -> EmployerOut:
    return EmployerOut(
        id=employer.uuid,
        service_point=employer.service_point.uuid,
        business_id=employer.business_id,
        name=employer.name,
        size_class=employer.size_class,
        industry=employer.industry.code if employer.industry else None,
        municipality=employer.municipality.code,
        website=employer.website,
        is_pilot=employer.is_pilot,
        pilot_status=employer.pilot_status,
        pilot_plan=employer.pilot_plan,
        version=employer.version,
    )


@router.get("/employers", response=EmployerPage, summary="Employers the user's service points work with")
def employer_index(
    request: HttpRequest, q: Line = "", pilot: bool = False, page: int = 1, page_size: int = 50
) -> EmployerPage:
    require(request.user, "employers.view")
    if not 1 <= page <= 100_000 or not 1 <= page_size <= 200:
        raise ValidationError({"page": _("Give a page from 1 and a page size from 1 to 200.")})
    employers = selectors.employer_list(user=request.user, text=q[:100], pilot_only=pilot)
    start = (page - 1) * page_size
    items = list(employers[start : start + page_size])
    return EmployerPage(
        count=employers.count(), page=page, page_size=page_size, items=[_employer_out(e) for e in items]
    )


@router.post("/employers", response={201: EmployerOut}, summary="Add a company")
def employer_create(request: HttpRequest, payload: EmployerIn) -> tuple[int, EmployerOut]:
    point = service_point_for(request, payload.service_point, "employers.manage")
    employer = services.employer_create(service_point=point, data=_employer_data(payload), by=request.user)  # type: ignore[arg-type]
    return 201, _employer_out(selectors.employer_get(uuid=employer.uuid))


@router.get("/employers/{uuid}", response=EmployerOut)
def employer_read(request: HttpRequest, uuid: UUID) -> EmployerOut:
    return _employer_out(employer_for(request, uuid, "employers.view"))


@router.put(
    "/employers/{uuid}", response=EmployerOut, summary="Change a company (If-Match or version; 409 if stale)"
)
def employer_change(request: HttpRequest, uuid: UUID, payload: EmployerIn) -> EmployerOut:
    employer = employer_for(request, uuid, "employers.manage")
    services.employer_update(
        employer=employer,
        data=_employer_data(payload),
        expected_version=expected_version_from(request, payload.version),
        by=request.user,  # type: ignore[arg-type]
    )
    return _employer_out(selectors.employer_get(uuid=uuid))


def _activity_out(activity: EmployerActivity) -> ActivityOut:
    return ActivityOut(
        id=activity.uuid,
        kind=activity.kind,
        happened_on=activity.happened_on,
        staff=getattr(activity.staff, "full_name", ""),
        outcome=activity.outcome,
        partner_project=activity.partner_project,
        follow_up_on=activity.follow_up_on,
        follow_up_done=activity.follow_up_done,
        version=activity.version,
    )


@router.get("/employers/{uuid}/activities", response=list[ActivityOut])
def activity_index(request: HttpRequest, uuid: UUID) -> list[ActivityOut]:
    employer = employer_for(request, uuid, "employers.view")
    return [
        _activity_out(a) for a in employer.activities.select_related("staff").order_by("-happened_on", "-id")
    ]


@router.post("/employers/{uuid}/activities", response={201: ActivityOut})
def activity_create(request: HttpRequest, uuid: UUID, payload: ActivityIn) -> tuple[int, ActivityOut]:
    employer = employer_for(request, uuid, "employers.manage")
    if payload.service_point is None:
        point = employer.service_point
    else:
        point = service_point_for(request, payload.service_point, "employers.manage")
    activity = services.activity_record(
        employer=employer,
        service_point=point,
        data=services.ActivityData(
            kind=payload.kind,
            happened_on=payload.happened_on,
            outcome=payload.outcome,
            partner_project=payload.partner_project,
            follow_up_on=payload.follow_up_on,
            follow_up_done=payload.follow_up_done,
        ),
        by=request.user,  # type: ignore[arg-type]
    )
    return 201, _activity_out(activity)


@router.get("/employers/{uuid}/timeline", response=list[TimelineItemOut])
def employer_timeline(request: HttpRequest, uuid: UUID) -> list[TimelineItemOut]:
    employer = selectors.employer_reference(uuid=uuid)
    require(request.user, "employers.view", employer)
    return [
        TimelineItemOut(when=i.when, kind=i.kind, title=i.title, detail=i.detail)
        for i in selectors.employer_timeline(employer=employer, user=request.user)
    ]
