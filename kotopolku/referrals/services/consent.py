"""The client's consent to share data with a partner organisation, which sending a referral needs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.clients.enums import ClientStatus
from kotopolku.referrals.models import SharingConsent


def consent_in_force(*, client: Any, organisation: Any) -> bool:
    return SharingConsent.objects.in_force().filter(client=client, organisation=organisation).exists()


@transaction.atomic
def sharing_consent_record(*, client: Any, organisation: Any, by: Any) -> SharingConsent:
    if client.status == ClientStatus.ANONYMISED:
        raise ValidationError(_("An anonymised record cannot be changed."))
    existing = SharingConsent.objects.in_force().filter(client=client, organisation=organisation).first()
    if existing is not None:
        return existing
    consent = SharingConsent.objects.create(
        client=client, organisation=organisation, given_at=timezone.now(), recorded_by=by
    )
    audit_record(
        actor=by,
        action="referrals.consent_record",
        target=client,
        purpose="consent",
        details={"consent": str(consent.uuid), "organisation": str(organisation.uuid)},
    )
    return consent


@transaction.atomic
def sharing_consent_withdraw(*, consent: SharingConsent, by: Any) -> SharingConsent:
    consent = SharingConsent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = by
        consent.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
        audit_record(
            actor=by,
            action="referrals.consent_withdraw",
            target=consent.client,
            purpose="consent",
            details={"consent": str(consent.uuid)},
        )
    return consent
