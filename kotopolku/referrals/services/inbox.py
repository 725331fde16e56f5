"""What the partner's inbox and the sender's pages record when they show a referral: the
partner's first opening, the audited reads, and only the data the referral shares."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from kotopolku.audit.services import audit_record
from kotopolku.referrals.enums import EventKind, ReferralStatus, SharedField
from kotopolku.referrals.models import Referral
from kotopolku.referrals.services.common import add_event


@transaction.atomic
def referral_mark_opened(*, referral: Referral, by: Any, label: str = "") -> Referral:
    """Record the partner's first opening of the referral (the sender sees it)."""
    if referral.opened_at is not None:
        return referral
    updated = Referral.objects.filter(pk=referral.pk, opened_at__isnull=True).update(opened_at=timezone.now())
    if updated:
        add_event(referral, EventKind.OPENED, by=by, label=label)
    referral.refresh_from_db()
    return referral


@transaction.atomic
def referral_read_record(*, referral: Referral, by: Any, action: str = "referrals.view") -> None:
    """Audit a read of a referral (every read is: the sender's and the partner's)."""
    audit_record(actor=by, action=action, target=referral, purpose="referral")


@transaction.atomic
def referral_list_read_record(*, referrals: list[Referral], by: Any, action: str = "referrals.view") -> None:
    """Audit a list that shows referrals: one event naming every referral on the page."""
    if referrals:
        audit_record(
            actor=by,
            action=action,
            target_type="referrals.referral",
            purpose="referral",
            details={"list": [str(referral.uuid) for referral in referrals]},
        )


def shared_view(referral: Referral) -> dict[str, Any]:
    """Only what the referral shares with the partner: the reason, the message and the chosen
    fields of the client (nothing of a revoked referral)."""
    client = referral.client
    shown: dict[str, Any] = {}
    if referral.status in (ReferralStatus.REVOKED, ReferralStatus.CANCELLED):
        return shown
    fields: Iterable[str] = referral.shared_fields
    if SharedField.NAME in fields:
        shown["name"] = client.display_name
    if SharedField.BIRTH_YEAR in fields:
        shown["birth_year"] = client.birth_year
    if SharedField.PHONE in fields:
        shown["phone"] = client.phone
    if SharedField.EMAIL in fields:
        shown["email"] = client.email
    if SharedField.LANGUAGES in fields:
        shown["languages"] = [language.language for language in client.languages.all()]
    return shown
