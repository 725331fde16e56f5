"""The site's reads: which service points have a public site, and the staff inbox."""

from __future__ import annotations

from uuid import UUID

from django.db.models import QuerySet

from kotopolku.accounts.permissions import require, service_point_ids
from kotopolku.audit.services import audit_record
from kotopolku.organisations.models import ServicePoint
from kotopolku.website.enums import InquiryStatus
from kotopolku.website.models import Inquiry, Site


def published_sites() -> QuerySet[Site]:
    return (
        Site.objects.filter(is_published=True, service_point__is_active=True)
        .select_related("service_point__municipality")
        .order_by("service_point__name")
    )


def site_of(*, slug: str) -> Site | None:
    return (
        Site.objects.filter(is_published=True, service_point__is_active=True, service_point__slug=slug)
        .select_related("service_point__municipality")
        .first()
    )


def inbox(*, user: object, status: str = InquiryStatus.NEW) -> QuerySet[Inquiry]:
    """The inquiries of the service points where the user answers them (list: no message text
    is read, so the list is not a read of personal data; opening one is)."""
    require(user, "website.inbox")
    queryset = Inquiry.objects.filter(service_point_id__in=service_point_ids(user, "website.inbox"))
    if status in InquiryStatus.values:
        queryset = queryset.filter(status=status)
    return queryset.select_related("service_point").only(
        "uuid", "kind", "language", "status", "answer_by", "created_at", "service_point__name", "version"
    )


def inquiry_open(*, user: object, uuid: UUID | str) -> Inquiry:
    """One inquiry; the read is audited (the sender's question and address are personal data)."""
    inquiry = Inquiry.objects.select_related("service_point", "answered_by", "contact").get(uuid=uuid)
    require(user, "website.inbox", inquiry)
    audit_record(actor=user, action="website.inbox", target=inquiry, purpose="reading a question from the website")
    return inquiry


def service_point_of(*, pk: int) -> ServicePoint:
    return ServicePoint.objects.get(pk=pk)
