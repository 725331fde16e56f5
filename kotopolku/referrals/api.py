"""Referrals over the API: the sender's side (``/referrals``) and a partner's inbox
(``/partner/referrals``). Transitions take the version last read (``If-Match`` or ``version``);
a stale one gets 409."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kotopolku.accounts.permissions import require
from kotopolku.catalogue.models import Service
from kotopolku.clients.selectors import client_get
from kotopolku.core.api_schemas import InputSchema, Line
from kotopolku.core.versioning import expected_version_from
from kotopolku.organisations.models import Organisation
from kotopolku.referrals import services
from kotopolku.referrals.enums import ReferralStatus
from kotopolku.referrals.models import Referral
from kotopolku.referrals.schemas import (
    PartnerListItem,
    PartnerReferralOut,
    ReferralEventOut,
    ReferralIn,
    ReferralListItem,
    ReferralOut,
    TransitionIn,
)
from kotopolku.referrals.selectors import ReferralQuery, partner_inbox, referral_get, referral_list

router = Router(tags=["referrals"])
PAGE_SIZE = 50


class ListFilters(InputSchema):
    status: Line = Field("", max_length=40, description="A referral status")
    waiting_days: int | None = Field(None, ge=0, le=365)
    page: int = Field(1, ge=1, le=100_000)


class ReferralPage(Schema):
    count: int
    page: int
    items: list[ReferralListItem]


class PartnerPage(Schema):
    count: int
    page: int
    items: list[PartnerListItem]


def _out(referral: Referral) -> ReferralOut:
    return ReferralOut(
        id=referral.uuid,
        version=referral.version,
        status=referral.status,
        service_point=referral.service_point.uuid,
        client=referral.client.uuid,
        organisation=referral.organisation.uuid,
        service=referral.service.uuid if referral.service else None,
        reason=referral.reason,
        message=referral.message,
        shared_fields=referral.shared_fields,
        created_at=referral.created_at,
        sent_at=referral.sent_at,
        opened_at=referral.opened_at,
        consent_overridden=bool(referral.consent_override_reason),
        history=[
            ReferralEventOut(at=e.at, kind=e.kind, by=e.actor_label, note=e.note)
            for e in referral.events.all()
        ],
    )


def _check_filters(filters: ListFilters) -> None:
    errors: dict[str, str] = {}
    if filters.status and filters.status not in ReferralStatus.values:
        errors["status"] = _("Unknown status.")
    if filters.waiting_days is not None and not 0 <= filters.waiting_days <= 365:
        errors["waiting_days"] = _("Give a number of days from 0 to 365.")
    if filters.page < 1:
        errors["page"] = _("Give a value of at least %(limit)s.") % {"limit": 1}
    if errors:
        raise ValidationError(errors)


@router.get("/referrals", response=ReferralPage, summary="Referrals the user's service points sent")
def list_referrals(request: HttpRequest, filters: Query[ListFilters]) -> ReferralPage:
    require(request.user, "referrals.view")
    _check_filters(filters)
    queryset = referral_list(
        user=request.user, query=ReferralQuery(status=filters.status, waiting_days=filters.waiting_days)
    )
    start = (filters.page - 1) * PAGE_SIZE
    rows = list(queryset[start : start + PAGE_SIZE])
    services.referral_list_read_record(referrals=rows, by=request.user)
    return ReferralPage(
        count=queryset.count() if len(rows) == PAGE_SIZE or filters.page > 1 else len(rows),
        page=filters.page,
        items=[
            ReferralListItem(
                id=r.uuid,
                status=r.status,
                client=r.client.uuid,
                organisation=r.organisation.uuid,
                sent_at=r.sent_at,
                opened_at=r.opened_at,
            )
            for r in rows
        ],
    )


@router.post("/referrals", response={201: ReferralOut}, summary="Create a referral (a draft)")
def create_referral(request: HttpRequest, payload: ReferralIn) -> tuple[int, ReferralOut]:
    client = client_get(uuid=payload.client)
    require(request.user, "referrals.create", client)
    errors: dict[str, list[str]] = {}
    organisation = None
    if payload.organisation:
        organisation = Organisation.objects.filter(uuid=payload.organisation).first()
        if organisation is None:
            errors["organisation"] = [_("Unknown organisation.")]
    service = None
    if payload.service:
        service = Service.objects.active().filter(uuid=payload.service).first()
        if service is None:
            errors["service"] = [_("Unknown service.")]
    data = services.ReferralData(
        client=client,
        organisation=organisation,
        service=service,
        reason=payload.reason,
        message=payload.message,
        shared_fields=payload.shared_fields,
        source_type=payload.source_type,
        source_id=payload.source_id,
    )
    for name, messages in services.referral_errors(data).items():
        errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)
    referral = services.referral_create(data=data, by=request.user)
    return 201, _out(referral_get(uuid=referral.uuid))


@router.get("/referrals/{uuid}", response=ReferralOut, summary="One referral with its history")
def get_referral(request: HttpRequest, uuid: UUID) -> ReferralOut:
    referral = referral_get(uuid=uuid)
    require(request.user, "referrals.view", referral)
    services.referral_read_record(referral=referral, by=request.user)
    return _out(referral)


def _run(request: HttpRequest, uuid: UUID, payload: TransitionIn, step: str, action: str) -> Referral:
    referral = referral_get(uuid=uuid)
    require(request.user, action, referral)
    version = expected_version_from(request, payload.version)
    user = request.user
    if step == "send":
        services.referral_send(
            referral=referral,
            by=user,
            expected_version=version,
            override_reason=payload.override_reason,
            base_url=request.build_absolute_uri("/"),
        )
    else:
        services.referral_transition(
            referral=referral,
            step=step,
            by=user,
            text=getattr(payload, services.STEPS[step].text_name),
            expected_version=version,
        )
    return referral_get(uuid=uuid)


def _sender_step(step: str, action: str) -> Any:
    def endpoint(request: HttpRequest, uuid: UUID, payload: TransitionIn) -> ReferralOut:
        return _out(_run(request, uuid, payload, step, action))

    endpoint.__name__ = f"referral_{step}"
    return endpoint


for _step, _action in (
    ("send", "referrals.send"),
    ("cancel", "referrals.cancel"),
    ("revoke", "referrals.cancel"),
    ("complete", "referrals.complete"),
):
    router.post(f"/referrals/{{uuid}}/{_step}", response=ReferralOut, summary=f"Referral: {_step}")(
        _sender_step(_step, _action)
    )


def _partner_out(referral: Referral) -> PartnerReferralOut:
    shared = services.shared_view(referral)
    return PartnerReferralOut(
        id=referral.uuid,
        version=referral.version,
        status=referral.status,
        sender=referral.service_point.name,
        sent_at=referral.sent_at,
        reason=referral.reason if shared else None,
        message=referral.message if shared else None,
        client=shared,
    )


@router.get("/partner/referrals", response=PartnerPage, summary="A partner's inbox of referrals")
def partner_list(request: HttpRequest, filters: Query[ListFilters]) -> PartnerPage:
    require(request.user, "referrals.partner_view")
    _check_filters(filters)
    queryset = partner_inbox(user=request.user, status=filters.status)
    start = (filters.page - 1) * PAGE_SIZE
    rows = list(queryset[start : start + PAGE_SIZE])
    services.referral_list_read_record(referrals=rows, by=request.user, action="referrals.partner_view")
    return PartnerPage(
        count=queryset.count() if len(rows) == PAGE_SIZE or filters.page > 1 else len(rows),
        page=filters.page,
        items=[
            PartnerListItem(
                id=r.uuid,
                status=r.status,
                sender=r.service_point.name,
                sent_at=r.sent_at,
                opened=r.opened_at is not None,
            )
            for r in rows
        ],
    )


def _partner_referral(request: HttpRequest, uuid: UUID, action: str) -> Referral:
    referral = referral_get(uuid=uuid)
    require(request.user, action, referral)
    if referral.status == ReferralStatus.DRAFT:
        raise HttpError(404, _("Not found."))
    return referral


@router.get(
    "/partner/referrals/{uuid}", response=PartnerReferralOut, summary="A referral as the partner sees it"
)
def partner_get(request: HttpRequest, uuid: UUID) -> PartnerReferralOut:
    referral = _partner_referral(request, uuid, "referrals.partner_view")
    services.referral_read_record(referral=referral, by=request.user, action="referrals.partner_view")
    return _partner_out(services.referral_mark_opened(referral=referral, by=request.user))


def _partner_step(step: str) -> Any:
    def endpoint(request: HttpRequest, uuid: UUID, payload: TransitionIn) -> PartnerReferralOut:
        _partner_referral(request, uuid, "referrals.partner_answer")
        return _partner_out(_run(request, uuid, payload, step, "referrals.partner_answer"))

    endpoint.__name__ = f"partner_referral_{step}"
    return endpoint


for _step in ("accept", "decline", "complete"):
    router.post(
        f"/partner/referrals/{{uuid}}/{_step}", response=PartnerReferralOut, summary=f"Partner: {_step}"
    )(_partner_step(_step))
