"""A reader's question or accessibility feedback lands in the inbox; an
answer goes by e-mail (or is given by phone) and becomes a desk contact."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.contacts.enums import Channel, ContactOutcome
from kotopolku.contacts.services import ContactData, contact_log, topics_by_code
from kotopolku.core.public_languages import PLAIN_FINNISH, is_public_language
from kotopolku.core.public_text import has_forbidden_characters, normalised_text
from kotopolku.core.versioning import versioned_update
from kotopolku.inquiries.enums import AnswerBy, InquiryKind, InquiryStatus
from kotopolku.inquiries.models import MAX_ANSWER_LENGTH, MAX_QUESTION_LENGTH, Inquiry, PostThrottle
from kotopolku.organisations.models import ServicePoint
from kotopolku.surveys.services import visit_token_consume

THROTTLE_WINDOW = timedelta(hours=1)
POSTS_PER_EMAIL = 3
POSTS_PER_NETWORK_ADDRESS = 10
ANSWER_MINUTES = 10


class RateLimited(Exception):
    """Too many posts from the same e-mail or network address within the window."""


class InquiryInvalid(Exception):
    """Fields of a reader's message that cannot be taken, as field → code (``required``,
    ``too_long``, ``characters``, ``choice``, ``email``, ``phone``). The public site words the
    message in the reader's language."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass
class InquiryData:
    kind: str
    language: str
    question: str
    answer_by: str
    email: str = ""
    phone: str = ""
    page: str = ""


def _digest(kind: str, value: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{kind}:{value.strip().lower()}".encode()).hexdigest()


def inquiry_errors(data: InquiryData) -> dict[str, str]:
    """Field → code of what is wrong (the text fields are normalised in place)."""
    errors: dict[str, str] = {}
    data.question = normalised_text(data.question)
    data.email = normalised_text(data.email)
    data.phone = normalised_text(data.phone)
    if not data.question:
        errors["question"] = "required"
    elif len(data.question) > MAX_QUESTION_LENGTH:
        errors["question"] = "too_long"
    elif has_forbidden_characters(data.question):
        errors["question"] = "characters"
    if data.kind not in InquiryKind.values:
        errors["kind"] = "choice"
    if not is_public_language(data.language):
        errors["language"] = "choice"
    if data.answer_by not in AnswerBy.values:
        errors["answer_by"] = "choice"
    if data.answer_by == AnswerBy.EMAIL or data.email:
        try:
            if len(data.email) > 254:
                raise ValidationError("too long")
            validate_email(data.email)
        except ValidationError:
            errors["email"] = "email"
    if data.answer_by == AnswerBy.PHONE or data.phone:
        digits = data.phone.replace(" ", "").replace("-", "")
        if not (digits.lstrip("+").isdigit() and 6 <= len(digits) <= 20):
            errors["phone"] = "phone"
    data.page = normalised_text(data.page)[:300]
    return errors


def _throttle(digests: list[tuple[str, int]]) -> None:
    now = timezone.now()
    PostThrottle.objects.filter(posted_at__lt=now - THROTTLE_WINDOW).delete()
    for digest, limit in digests:
        if PostThrottle.objects.filter(digest=digest, posted_at__gte=now - THROTTLE_WINDOW).count() >= limit:
            raise RateLimited
    PostThrottle.objects.bulk_create([PostThrottle(digest=digest, posted_at=now) for digest, _ in digests])


@transaction.atomic
def inquiry_submit(
    *, service_point: ServicePoint, data: InquiryData, token: str, network_address: str | None
) -> Inquiry:
    """Raises InquiryInvalid, RateLimited, or the visit token's TokenUsed / TokenInvalid."""
    errors = inquiry_errors(data)
    if errors:
        raise InquiryInvalid(errors)
    limits = [(_digest("ip", network_address or "unknown"), POSTS_PER_NETWORK_ADDRESS)]
    if data.email:
        limits.append((_digest("email", data.email), POSTS_PER_EMAIL))
    _throttle(limits)
    visit_token_consume(token)
    inquiry = Inquiry.objects.create(
        service_point=service_point,
        kind=data.kind,
        language=data.language,
        question=data.question,
        answer_by=data.answer_by,
        email=data.email,
        phone=data.phone,
        page=data.page,
    )
    audit_record(actor=None, action="inquiries.received", target=inquiry, purpose="question from the website")
    return inquiry


def _contact_language(language: str) -> str:
    return "fi" if language == PLAIN_FINNISH else language.split("-")[0]


@transaction.atomic
def inquiry_answer(
    *, inquiry: Inquiry, answer: str, topic_codes: list[str], by: Any, expected_version: int | None
) -> Inquiry:
    """Send (or record) the answer, log it as a desk contact, mark the inquiry answered. The
    e-mail is sent inside the transaction: if the mail server refuses it, nothing is saved."""
    errors: dict[str, list[str]] = {}
    answer = normalised_text(answer)
    if not answer:
        errors.setdefault("answer", []).append(_("Write the answer."))
    elif len(answer) > MAX_ANSWER_LENGTH:
        errors.setdefault("answer", []).append(
            _("The answer is too long: at most %(limit)d characters.") % {"limit": MAX_ANSWER_LENGTH}
        )
    elif has_forbidden_characters(answer):
        errors.setdefault("answer", []).append(_("The answer contains control characters. Remove them."))
    if inquiry.status != InquiryStatus.NEW:
        errors.setdefault("__all__", []).append(_("This message has already been handled."))
    try:
        topics = topics_by_code(topic_codes)
    except ValidationError as error:
        errors.setdefault("topics", []).extend(error.messages)
        topics = []
    if not topics and "topics" not in errors:
        errors.setdefault("topics", []).append(_("Choose at least one topic."))
    if errors:
        raise ValidationError(errors)
    contact = contact_log(
        service_point=inquiry.service_point,
        data=ContactData(
            channel=Channel.EMAIL if inquiry.answer_by == AnswerBy.EMAIL else Channel.PHONE,
            language=_contact_language(inquiry.language),
            topics=topics,
            duration_minutes=ANSWER_MINUTES,
            outcome=ContactOutcome.INFORMATION,
        ),
        by=by,
    )
    updated, changed = versioned_update(
        inquiry,
        changes={
            "status": InquiryStatus.ANSWERED,
            "answer": answer,
            "answered_by": by,
            "answered_at": timezone.now(),
            "contact": contact,
        },
        expected_version=expected_version,
    )
    audit_record(
        actor=by, action="inquiries.answer", target=updated, details={"answered": True, "fields": changed}
    )
    if inquiry.answer_by == AnswerBy.EMAIL:
        try:
            send_mail(
                subject=_("Answer to your question – %(name)s") % {"name": inquiry.service_point.name},
                message=f"{answer}\n\n---\n{inquiry.question}",
                from_email=inquiry.service_point.email or None,
                recipient_list=[inquiry.email],
            )
        except OSError as error:
            raise ValidationError(
                {"__all__": [_("The e-mail could not be sent. Try again later.")]}
            ) from error
    return updated


@transaction.atomic
def inquiry_close(*, inquiry: Inquiry, by: Any, expected_version: int | None) -> Inquiry:
    """Close without an answer (spam, a duplicate)."""
    if inquiry.status != InquiryStatus.NEW:
        raise ValidationError({"__all__": [_("This message has already been handled.")]})
    updated, _changed = versioned_update(
        inquiry,
        changes={"status": InquiryStatus.CLOSED, "answered_by": by, "answered_at": timezone.now()},
        expected_version=expected_version,
    )
    audit_record(actor=by, action="inquiries.answer", target=updated, details={"closed": True})
    return updated
