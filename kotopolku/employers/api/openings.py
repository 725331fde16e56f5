"""Job openings and matching over the API: ``job-openings`` (with ``?finnish_required=false``),
``job-openings/{id}/matches``, ``clients/{id}/job-matches``, and the public list of openings that do
not need Finnish (``public/job-openings``, no login)."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from kotopolku.accounts.permissions import require
from kotopolku.audit.services import audit_record
from kotopolku.clients.selectors import client_get
from kotopolku.core.api_docs import PUBLIC_ERRORS
from kotopolku.core.api_schemas import Line
from kotopolku.core.versioning import expected_version_from
from kotopolku.employers import matching, selectors, services
from kotopolku.employers.api.common import (
    employer_for,
    municipality_code,
    opening_for,
    payload_data,
)
from kotopolku.employers.models import JobOpening
from kotopolku.employers.occupations import occupation_items
from kotopolku.employers.schemas import (
    MatchOut,
    OpeningFilters,
    OpeningIn,
    OpeningOut,
    OpeningPage,
    PublicOpeningOut,
)
from kotopolku.organisations.models import Municipality

router = Router(tags=["employers"])
public_router = Router(tags=["public"])


def _opening_data(payload: OpeningIn) -> services.OpeningData:
    occupation = (occupation_items(), payload.occupation, _("Unknown occupation code (ISCO-08)."))
    data: services.OpeningData = payload_data(
        services.OpeningData,
        payload,
        occupation=occupation,
        municipality=municipality_code(payload.municipality),
    )
    return data


def _opening_out(opening: JobOpening) -> OpeningOut:
    return OpeningOut(
        id=opening.uuid,
        employer=opening.employer.uuid,
        employer_name=opening.employer.name,
        title=opening.title,
        occupation=opening.occupation.code,
        occupation_name=opening.occupation.label_in(None),
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
    employer = employer_for(request, payload.employer, "employers.manage")
    opening = services.opening_create(employer=employer, data=_opening_data(payload), by=request.user)  # type: ignore[arg-type]
    return 201, _opening_out(selectors.opening_get(uuid=opening.uuid))


@router.get("/job-openings/{uuid}", response=OpeningOut)
def opening_read(request: HttpRequest, uuid: UUID) -> OpeningOut:
    return _opening_out(opening_for(request, uuid, "employers.view"))


@router.put("/job-openings/{uuid}", response=OpeningOut)
def opening_change(request: HttpRequest, uuid: UUID, payload: OpeningIn) -> OpeningOut:
    opening = opening_for(request, uuid, "employers.manage")
    services.opening_update(
        opening=opening,
        data=_opening_data(payload),
        expected_version=expected_version_from(request, payload.version),
        by=request.user,  # type: ignore[arg-type]
    )
    return _opening_out(selectors.opening_get(uuid=uuid))


@router.get(
    "/job-openings/{uuid}/matches", response=list[MatchOut], summary="Clients for the opening, best first"
)
def opening_matches(request: HttpRequest, uuid: UUID, limit: int = 50) -> list[MatchOut]:
    opening = opening_for(request, uuid, "employers.match")
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
            occupation_name=o.occupation.label_in(language),
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
