"""The staff inbox of questions and accessibility feedback."""

from __future__ import annotations

from uuid import UUID

from django.db.models import QuerySet

from kotopolku.accounts.permissions import require, service_point_ids
from kotopolku.audit.services import audit_record
from kotopolku.inquiries.enums import InquiryStatus
from kotopolku.inquiries.models import Inquiry


def inbox(*, user: object, status: str = InquiryStatus.NEW) -> QuerySet[Inquiry]:
    """The inquiries of the service points where the user answers them (list: no message text
    is read, so the list is not a read of personal data; opening one is)."""
    require(user, "inquiries.answer")
    queryset = Inquiry.objects.filter(service_point_id__in=service_point_ids(user, "inquiries.answer"))
    if status in InquiryStatus.values:
        queryset = queryset.filter(status=status)
    return queryset.select_related("service_point").only(
        "uuid", "kind", "language", "status", "answer_by", "created_at", "service_point__name", "version"
    )


def inquiry_open(*, user: object, uuid: UUID | str) -> Inquiry:
    """One inquiry; the read is audited (the sender's question and address are personal data)."""
    inquiry = Inquiry.objects.select_related("service_point", "answered_by", "contact").get(uuid=uuid)
    require(user, "inquiries.answer", inquiry)
    audit_record(
        actor=user, action="inquiries.answer", target=inquiry, purpose="reading a question from the website"
    )
    return inquiry
