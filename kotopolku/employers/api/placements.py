"""Proposals to employers, placements and the EECO19 count of supported enterprises over the API."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.audit.services import audit_record
from kotopolku.core.versioning import expected_version_from
from kotopolku.employers import matching, selectors, services
from kotopolku.employers.api.common import client_for, opening_for
from kotopolku.employers.models import Employer, JobOpening
from kotopolku.employers.schemas import (
    PlacementIn,
    PlacementOut,
    ProposalIn,
    ProposalOut,
    ProposalResultIn,
    SupportedEnterprisesOut,
)

router = Router(tags=["employers"])


def _proposal_out(proposal: Any) -> ProposalOut:
    return ProposalOut(
        id=proposal.uuid,
        opening=proposal.opening.uuid,
        client=proposal.client.uuid,
        consent_given_on=proposal.consent_given_on,
        result=proposal.result,
        version=proposal.version,
    )


@router.post(
    "/job-openings/{uuid}/proposals", response={201: ProposalOut}, summary="Propose a client (with consent)"
)
def proposal_create(request: HttpRequest, uuid: UUID, payload: ProposalIn) -> tuple[int, ProposalOut]:
    opening = opening_for(request, uuid, "employers.propose")
    client = client_for(request, payload.client, "employers.propose")
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
    proposal = services.proposal_result_record(
        proposal=proposal,
        result=payload.result,
        note=payload.note,
        expected_version=expected_version_from(request, payload.version),
        by=request.user,  # type: ignore[arg-type]
    )
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
    client = client_for(request, payload.client, "employers.placement")
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
