"""A partner without a login answers a referral through an e-mailed link that asks for a
one-time code sent to the same address, so a forwarded or leaked link alone opens nothing."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.referrals.enums import EventKind
from kotopolku.referrals.models import AnswerLink, Referral
from kotopolku.referrals.services.common import add_event, secret_hash
from kotopolku.referrals.services.inbox import referral_mark_opened

ANSWER_LINK_DAYS = 30
CODE_MINUTES = 15
MAX_CODE_ATTEMPTS = 5


def answer_link_send(*, referral: Referral, email: str, base_url: str, by: Any) -> AnswerLink:
    """E-mail the partner a link to answer the referral; opening it asks for a one-time code
    sent to the same address, so a forwarded or leaked link alone does not open the referral."""
    token = secrets.token_urlsafe(32)
    link = AnswerLink.objects.create(
        referral=referral,
        email=email,
        token_hash=secret_hash(token),
        expires_at=timezone.now() + timedelta(days=ANSWER_LINK_DAYS),
    )
    url = f"{base_url.rstrip('/')}/referrals/answer/{token}/"
    sender = referral.service_point.name
    with translation.override("fi"):
        subject = _("A referral from %(sender)s") % {"sender": sender}
        body = _(
            "%(sender)s has sent %(partner)s a referral. Open it and answer through this link "
            "(valid for %(days)d days); it asks for a one-time code that we send to this "
            "address:\n\n%(url)s\n"
        ) % {"sender": sender, "partner": referral.organisation.name, "days": ANSWER_LINK_DAYS, "url": url}
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=False)
    )
    add_event(referral, EventKind.LINK_SENT, by=by, note=email)
    audit_record(
        actor=by, action="referrals.link_send", target=referral, details={"to_domain": email.split("@")[-1]}
    )
    return link


def answer_link_get(token: str) -> AnswerLink | None:
    link = (
        AnswerLink.objects.select_related("referral", "referral__organisation", "referral__service_point")
        .filter(token_hash=secret_hash(token or ""), expires_at__gt=timezone.now(), used_at__isnull=True)
        .first()
    )
    return link


@transaction.atomic
def answer_link_send_code(*, link: AnswerLink) -> None:
    code = f"{secrets.randbelow(1_000_000):06d}"
    AnswerLink.objects.filter(pk=link.pk).update(
        code_hash=secret_hash(code),
        code_expires_at=timezone.now() + timedelta(minutes=CODE_MINUTES),
        code_attempts=0,
    )
    with translation.override("fi"):
        subject = _("Your one-time code")
        body = _("The one-time code to open the referral: %(code)s (valid for %(minutes)d minutes).") % {
            "code": code,
            "minutes": CODE_MINUTES,
        }
    email = link.email
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=False)
    )


@transaction.atomic
def answer_link_check_code(*, link: AnswerLink, code: str) -> bool:
    locked = AnswerLink.objects.select_for_update().get(pk=link.pk)
    if (
        not locked.code_hash
        or locked.code_expires_at is None
        or locked.code_expires_at < timezone.now()
        or locked.code_attempts >= MAX_CODE_ATTEMPTS
    ):
        return False
    if secrets.compare_digest(locked.code_hash, secret_hash((code or "").strip())):
        referral_mark_opened(referral=locked.referral, by=None, label=locked.email)
        audit_record(
            actor=None,
            action="referrals.partner_view",
            target=locked.referral,
            purpose="referral received",
            details={"via": "answer_link"},
        )
        return True
    locked.code_attempts += 1
    locked.save(update_fields=["code_attempts", "updated_at"])
    return False
