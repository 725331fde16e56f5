"""Reading referrals, scoped to what the user may see: the sender's side by service point (a
network role only for the clients it works with), the partner's side by organisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from kotopolku.accounts.permissions import organisation_ids, scope_condition
from kotopolku.referrals.enums import ReferralStatus
from kotopolku.referrals.models import Referral, ReferralEvent, SharingConsent

# A referral not answered within this many days is listed as waiting (the sender's complaint
# elsewhere: "I cannot see whether my referral arrived").
DEFAULT_WAITING_DAYS = 7


@dataclass(frozen=True)
class ReferralQuery:
    status: str = ""
    waiting_days: int | None = None
    client_id: int | None = None


def referral_list(*, user: Any, query: ReferralQuery | None = None) -> QuerySet[Referral]:
    """The referrals the user's service points sent, newest first, with what a list shows."""
    query = query or ReferralQuery()
    queryset = Referral.objects.filter(scope_condition(user, "referrals.view"))
    if query.status:
        queryset = queryset.filter(status=query.status)
    if query.client_id is not None:
        queryset = queryset.filter(client_id=query.client_id)
    if query.waiting_days is not None:
        queryset = queryset.filter(
            status=ReferralStatus.SENT, sent_at__lt=timezone.now() - timedelta(days=query.waiting_days)
        )
        return queryset.select_related("client", "organisation", "service_point").order_by("sent_at", "id")
    return queryset.select_related("client", "organisation", "service_point").order_by("-created_at", "-id")


def partner_inbox(*, user: Any, status: str = "") -> QuerySet[Referral]:
    """The referrals addressed to the user's partner organisations (never drafts), newest first.

    Loads the client only for the fields a referral may share."""
    queryset = Referral.objects.filter(
        organisation_id__in=organisation_ids(user, "referrals.partner_view")
    ).exclude(status=ReferralStatus.DRAFT)
    if status:
        queryset = queryset.filter(status=status)
    return (
        queryset.select_related("organisation", "service_point", "client")
        .only(
            "uuid",
            "status",
            "sent_at",
            "opened_at",
            "reason",
            "shared_fields",
            "version",
            "organisation__name",
            "organisation__short_name",
            "service_point__name",
            "client__given_names",
            "client__family_name",
            "client__given_names_latin",
            "client__family_name_latin",
        )
        .order_by("-sent_at", "-id")
    )


def referral_get(*, uuid: UUID | str) -> Referral:
    """A referral by its public id, unscoped: the caller asks the permission layer about it."""
    try:
        UUID(str(uuid))
    except ValueError:
        raise Http404 from None
    referral = (
        Referral.objects.select_related("client", "organisation", "service_point", "service", "created_by")
        .prefetch_related(Prefetch("events", queryset=ReferralEvent.objects.order_by("at", "id")))
        .filter(uuid=uuid)
        .first()
    )
    if referral is None:
        raise Http404
    return referral


def referrals_of_client(*, client: Any, user: Any | None = None) -> QuerySet[Referral]:
    queryset = Referral.objects.filter(client=client)
    if user is not None:
        queryset = queryset.filter(scope_condition(user, "referrals.view"))
    return queryset.select_related("organisation").prefetch_related("events").order_by("-created_at")


def consents_of_client(*, client: Any) -> QuerySet[SharingConsent]:
    return SharingConsent.objects.filter(client=client).select_related("organisation").order_by("-given_at")
