"""Employers, their activities, job openings, matches, proposals and placements over the API.

Under ``/api/v1/``: ``employers``, ``employers/{id}/activities``, ``job-openings`` (with
``?finnish_required=false``), ``job-openings/{id}/matches``, ``placements``; the public list of
openings that do not need Finnish is ``public/job-openings`` (no login).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.audit.services import audit_record
from kotopolku.clients.models import Client
from kotopolku.clients.selectors import client_get
from kotopolku.core.api_schemas import Line
from kotopolku.core.versioning import StaleVersion, expected_version_from
from kotopolku.employers import matching, selectors, services
from kotopolku.employers.models import Employer, EmployerActivity, IndustryClass, JobOpening, Occupation
from kotopolku.employers.schemas import (
    ActivityIn,
    ActivityOut,
    EmployerIn,
    EmployerOut,
    EmployerPage,
    MatchOut,
    OpeningFilters,
    OpeningIn,
    OpeningOut,
    OpeningPage,
    PlacementIn,
    PlacementOut,
    ProposalIn,
    ProposalOut,
    ProposalResultIn,
    PublicOpeningOut,
    SupportedEnterprisesOut,
    TimelineItemOut,
)
from kotopolku.organisations.models import Municipality, ServicePoint

router = Router(tags=["employers"])
public_router = Router(tags=["public"])


def _not_answered(status: int) -> dict[str, Any]:
    return {
        "description": f"Not answered ({status}): a public operation needs no login and no permission.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


# A public operation is open to anyone, so it never answers 401 or 403; the two are listed (with
# the shared error body) so that every operation of the API documents the same error answers.
PUBLIC_ERRORS: dict[str, Any] = {"responses": {"401": _not_answered(401), "403": _not_answered(403)}}


def _stale(error: StaleVersion) -> HttpError:
    return HttpError(409, _("Someone else changed this record (now at version %(version)d). Read it again.")
                     % {"version": error.current.version})  # fmt: skip


def _service_point_for(request: HttpRequest, wanted: UUID | None, action: str) -> ServicePoint:
    if wanted is not None:
        point = ServicePoint.objects.filter(uuid=wanted, is_active=True).first()
        if point is None:
            raise ValidationError({"service_point": _("Unknown service point.")})
        require(request.user, action, point)
        return point
    allowed = service_point_ids(request.user, action)
    if len(allowed) != 1:
        if not allowed:
            raise PermissionDenied(action)
        raise ValidationError({"service_point": _("Choose the service point.")})
    return ServicePoint.objects.get(pk=next(iter(allowed)))


def _by_code(model: Any, code: str | None, field: str, message: str, errors: dict[str, list[str]]) -> Any:
    if not code:
        return None
    found = model.objects.filter(code=code).first()
    if found is None:
        errors[field] = [message]
    return found


def _employer_data(payload: EmployerIn) -> services.EmployerData:
    errors: dict[str, list[str]] = {}
    industry = _by_code(
        IndustryClass, payload.industry, "industry", _("Unknown industry code (TOL 2008)."), errors
    )
    municipality = _by_code(
        Municipality, payload.municipality, "municipality", _("Unknown municipality code."), errors
    )
    if errors:
        raise ValidationError(errors)
    return services.EmployerData(
        business_id=payload.business_id,
        name=payload.name,
        size_class=payload.size_class,
        industry=industry,
        municipality=municipality,
        website=payload.website,
        is_pilot=payload.is_pilot,
        pilot_status=payload.pilot_status,
        pilot_plan=payload.pilot_plan,
        notes=payload.notes,
    )


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


def _employer(request: HttpRequest, uuid: UUID, action: str) -> Employer:
    employer = selectors.employer_get(uuid=uuid)
    require(request.user, action, employer)
    return employer


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
    point = _service_point_for(request, payload.service_point, "employers.manage")
    employer = services.employer_create(service_point=point, data=_employer_data(payload), by=request.user)  # type: ignore[arg-type]
    return 201, _employer_out(selectors.employer_get(uuid=employer.uuid))


@router.get("/employers/{uuid}", response=EmployerOut)
def employer_read(request: HttpRequest, uuid: UUID) -> EmployerOut:
    return _employer_out(_employer(request, uuid, "employers.view"))


@router.put(
    "/employers/{uuid}", response=EmployerOut, summary="Change a company (If-Match or version; 409 if stale)"
)
def employer_change(request: HttpRequest, uuid: UUID, payload: EmployerIn) -> EmployerOut:
    employer = _employer(request, uuid, "employers.manage")
    try:
        services.employer_update(
            employer=employer,
            data=_employer_data(payload),
            expected_version=expected_version_from(request, payload.version),
            by=request.user,  # type: ignore[arg-type]
        )
    except StaleVersion as error:
        raise _stale(error) from None
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
    employer = _employer(request, uuid, "employers.view")
    return [
        _activity_out(a) for a in employer.activities.select_related("staff").order_by("-happened_on", "-id")
    ]


@router.post("/employers/{uuid}/activities", response={201: ActivityOut})
def activity_create(request: HttpRequest, uuid: UUID, payload: ActivityIn) -> tuple[int, ActivityOut]:
    employer = _employer(request, uuid, "employers.manage")
    if payload.service_point is None:
        point = employer.service_point
    else:
        point = _service_point_for(request, payload.service_point, "employers.manage")
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
    employer = _employer(request, uuid, "employers.view")
    return [
        TimelineItemOut(when=i.when, kind=i.kind, title=i.title, detail=i.detail)
        for i in selectors.employer_timeline(employer=employer, user=request.user)
    ]


def _opening_data(payload: OpeningIn) -> services.OpeningData:
    errors: dict[str, list[str]] = {}
    occupation = _by_code(
        Occupation, payload.occupation, "occupation", _("Unknown occupation code (ISCO-08)."), errors
    )
    municipality = _by_code(
        Municipality, payload.municipality, "municipality", _("Unknown municipality code."), errors
    )
    if errors:
        raise ValidationError(errors)
    return services.OpeningData(
        title=payload.title,
        occupation=occupation,
        municipality=municipality,
        address=payload.address,
        hours=payload.hours,
        starts_on=payload.starts_on,
        finnish_required=payload.finnish_required,
        other_languages=payload.other_languages,
        visibility=payload.visibility,
        status=payload.status,
        opens_on=payload.opens_on,
        deadline=payload.deadline,
        description=payload.description,
    )


def _opening_out(opening: JobOpening) -> OpeningOut:
    return OpeningOut(
        id=opening.uuid,
        employer=opening.employer.uuid,
        employer_name=opening.employer.name,
        title=opening.title,
        occupation=opening.occupation.code,
        occupation_name=opening.occupation.name_in(None),
        municipality=opening.municipality.code,
        hours=opening.hours,
        starts_on=opening.starts_on,
        finnish_required=opening.finnish_required,
        other_languages=list(opening.other_languages),
        visibility=opening.visibility,
        status=opening.status,
        opens_on=opening.opens_on,
        deadline=opening.deadline,
        version=opening.version,
    )


def _opening(request: HttpRequest, uuid: UUID, action: str) -> JobOpening:
    opening = selectors.opening_get(uuid=uuid)
    require(request.user, action, opening)
    return opening


@router.get("/job-openings", response=OpeningPage, summary="Job openings (?finnish_required=false)")
def opening_index(request: HttpRequest, filters: Query[OpeningFilters]) -> OpeningPage:
    require(request.user, "employers.view")
    openings = selectors.opening_list(
        user=request.user,
        query=selectors.OpeningQuery(finnish_required=filters.finnish_required, status=filters.status),
    )
    start = (filters.page - 1) * filters.page_size
    items = list(openings[start : start + filters.page_size])
    return OpeningPage(
        count=openings.count(),
        page=filters.page,
        page_size=filters.page_size,
        items=[_opening_out(o) for o in items],
    )


@router.post("/job-openings", response={201: OpeningOut})
def opening_create(request: HttpRequest, payload: OpeningIn) -> tuple[int, OpeningOut]:
    employer = _employer(request, payload.employer, "employers.manage")
    opening = services.opening_create(employer=employer, data=_opening_data(payload), by=request.user)  # type: ignore[arg-type]
    return 201, _opening_out(selectors.opening_get(uuid=opening.uuid))


@router.get("/job-openings/{uuid}", response=OpeningOut)
def opening_read(request: HttpRequest, uuid: UUID) -> OpeningOut:
    return _opening_out(_opening(request, uuid, "employers.view"))


@router.put("/job-openings/{uuid}", response=OpeningOut)
def opening_change(request: HttpRequest, uuid: UUID, payload: OpeningIn) -> OpeningOut:
    opening = _opening(request, uuid, "employers.manage")
    try:
        services.opening_update(
            opening=opening,
            data=_opening_data(payload),
            expected_version=expected_version_from(request, payload.version),
            by=request.user,  # type: ignore[arg-type]
        )
    except StaleVersion as error:
        raise _stale(error) from None
    return _opening_out(selectors.opening_get(uuid=uuid))


@router.get(
    "/job-openings/{uuid}/matches", response=list[MatchOut], summary="Clients for the opening, best first"
)
def opening_matches(request: HttpRequest, uuid: UUID, limit: int = 50) -> list[MatchOut]:
    opening = _opening(request, uuid, "employers.match")
    matches = matching.clients_for_opening(opening=opening, user=request.user, limit=max(1, min(limit, 200)))
    audit_record(
        actor=request.user,
        action="employers.match",
        target=opening,
        purpose="matching clients to job openings",
        details={"clients": [str(m.client.uuid) for m in matches if m.client]},
    )
    return [
        MatchOut(client=m.client.uuid, client_name=m.client.display_name, score=m.score, reasons=m.reasons)
        for m in matches
        if m.client
    ]


@router.get("/clients/{uuid}/job-matches", response=list[MatchOut], summary="Open job openings for a client")
def client_matches(request: HttpRequest, uuid: UUID) -> list[MatchOut]:
    client = client_get(uuid=uuid)
    require(request.user, "clients.view", client)
    require(request.user, "employers.match", client)
    matches = matching.openings_for_client(client=client, user=request.user)
    audit_record(
        actor=request.user,
        action="employers.match",
        target=client,
        purpose="matching clients to job openings",
    )
    return [
        MatchOut(opening=m.opening.uuid, opening_title=m.opening.title, score=m.score, reasons=m.reasons)
        for m in matches
        if m.opening
    ]


def _proposal_out(proposal: Any) -> ProposalOut:
    return ProposalOut(
        id=proposal.uuid,
        opening=proposal.opening.uuid,
        client=proposal.client.uuid,
        consent_given_on=proposal.consent_given_on,
        result=proposal.result,
        version=proposal.version,
    )


def _client(request: HttpRequest, uuid: UUID, action: str) -> Client:
    client = Client.objects.filter(uuid=uuid).first()
    if client is None or not can(request.user, "clients.view", client):
        raise ValidationError({"client": _("Unknown client.")})
    require(request.user, action, client)
    return client


@router.post(
    "/job-openings/{uuid}/proposals", response={201: ProposalOut}, summary="Propose a client (with consent)"
)
def proposal_create(request: HttpRequest, uuid: UUID, payload: ProposalIn) -> tuple[int, ProposalOut]:
    opening = _opening(request, uuid, "employers.propose")
    client = _client(request, payload.client, "employers.propose")
    reasons = matching.explain_pair(opening=opening, client=client).reasons
    proposal = services.proposal_create(
        opening=opening,
        client=client,
        consent_given_on=payload.consent_given_on,
        reasons=reasons,
        by=request.user,  # type: ignore[arg-type]
    )
    return 201, _proposal_out(proposal)


@router.put("/proposals/{uuid}/result", response=ProposalOut, summary="Record the employer's answer")
def proposal_result(request: HttpRequest, uuid: UUID, payload: ProposalResultIn) -> ProposalOut:
    proposal = selectors.proposal_get(uuid=uuid)
    require(request.user, "employers.propose", proposal)
    try:
        proposal = services.proposal_result_record(
            proposal=proposal,
            result=payload.result,
            note=payload.note,
            expected_version=expected_version_from(request, payload.version),
            by=request.user,  # type: ignore[arg-type]
        )
    except StaleVersion as error:
        raise _stale(error) from None
    return _proposal_out(selectors.proposal_get(uuid=uuid))


def _placement_out(placement: Any) -> PlacementOut:
    return PlacementOut(
        id=placement.uuid,
        client=placement.client.uuid,
        kind=placement.kind,
        employer=placement.employer.uuid if placement.employer else None,
        organisation_name=placement.organisation_name,
        starts_on=placement.starts_on,
        ends_on=placement.ends_on,
        created_at=placement.created_at,
    )


@router.get("/placements", response=list[PlacementOut], summary="Placements (work, apprenticeship, study …)")
def placement_index(request: HttpRequest, page: int = 1, page_size: int = 100) -> list[PlacementOut]:
    require(request.user, "employers.placement")
    page, page_size = max(page, 1), max(1, min(page_size, 200))
    start = (page - 1) * page_size
    items = list(selectors.placement_list(user=request.user)[start : start + page_size])
    audit_record(
        actor=request.user,
        action="employers.placement_list",
        purpose="recording a placement",
        details={"clients": sorted({str(p.client.uuid) for p in items})},
    )
    return [_placement_out(p) for p in items]


@router.post("/placements", response={201: PlacementOut})
def placement_create(request: HttpRequest, payload: PlacementIn) -> tuple[int, PlacementOut]:
    client = _client(request, payload.client, "employers.placement")
    errors: dict[str, list[str]] = {}
    employer = None
    if payload.employer:
        employer = Employer.objects.filter(uuid=payload.employer).first()
        if employer is None or not can(request.user, "employers.view", employer):
            errors["employer"] = [_("Unknown employer.")]
    opening = None
    if payload.opening:
        opening = JobOpening.objects.filter(uuid=payload.opening).first()
        if opening is None or not can(request.user, "employers.view", opening):
            errors["opening"] = [_("Unknown job opening.")]
    if errors:
        raise ValidationError(errors)
    placement = services.placement_create(
        client=client,
        data=services.PlacementData(
            kind=payload.kind,
            starts_on=payload.starts_on,
            ends_on=payload.ends_on,
            employer=employer,
            organisation_name=payload.organisation_name,
            opening=opening,
        ),
        by=request.user,  # type: ignore[arg-type]
    )
    return 201, _placement_out(placement)


@router.get(
    "/reports/supported-enterprises", response=SupportedEnterprisesOut, summary="EECO19 by size class"
)
def supported_enterprises(
    request: HttpRequest, date_from: dt.date, date_to: dt.date
) -> SupportedEnterprisesOut:
    require(request.user, "employers.report")
    if date_to < date_from:
        raise ValidationError({"date_to": _("The end date is before the start date.")})
    counts = selectors.supported_enterprises_by_size(
        service_point_ids=service_point_ids(request.user, "employers.report"),
        date_from=date_from,
        date_to=date_to,
    )
    return SupportedEnterprisesOut(
        date_from=date_from, date_to=date_to, by_size_class=counts, total=sum(counts.values())
    )


@public_router.get(
    "/public/job-openings",
    response=list[PublicOpeningOut],
    auth=None,
    openapi_extra=PUBLIC_ERRORS,
    summary="Open, advertised job openings that do not need Finnish (public)",
)
def public_openings(request: HttpRequest, municipality: Line = "") -> list[PublicOpeningOut]:
    ids = None
    if municipality:
        ids = list(Municipality.objects.filter(code=municipality[:3]).values_list("id", flat=True))
    language = request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else None
    return [
        PublicOpeningOut(
            id=o.uuid,
            title=o.title,
            employer=o.employer.name,
            occupation=o.occupation.code,
            occupation_name=o.occupation.name_in(language),
            municipality=o.municipality.code,
            hours=o.hours,
            starts_on=o.starts_on,
            languages=list(o.other_languages),
            deadline=o.deadline,
        )
        for o in selectors.public_openings_without_finnish(municipality_ids=ids, today=timezone.localdate())[
            :500
        ]
    ]


router.add_router("", public_router)
