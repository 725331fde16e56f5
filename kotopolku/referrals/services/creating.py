"""Creating a draft referral of a client to a catalogue service or a partner organisation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.clients.enums import ClientStatus
from kotopolku.referrals.enums import EventKind, SharedField
from kotopolku.referrals.models import MAX_MESSAGE_LENGTH, MAX_REASON_LENGTH, Referral
from kotopolku.referrals.services.common import add_event, clean_free_text


@dataclass
class ReferralData:
    client: Any
    organisation: Any | None
    reason: str
    message: str = ""
    service: Any | None = None
    shared_fields: list[str] = field(default_factory=lambda: [SharedField.NAME])
    source_type: str = ""
    source_id: Any = None


def referral_errors(data: ReferralData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def collect(name: str, run: Any) -> Any:
        try:
            return run()
        except ValidationError as error:
            for messages in error.message_dict.values():
                errors.setdefault(name, []).extend(messages)
            return None

    data.reason = (
        collect(
            "reason",
            lambda: clean_free_text(data.reason, field="reason", limit=MAX_REASON_LENGTH, required=True),
        )
        or ""
    )
    data.message = (
        collect("message", lambda: clean_free_text(data.message, field="message", limit=MAX_MESSAGE_LENGTH))
        or ""
    )
    if data.service is not None:
        if data.organisation is None:
            data.organisation = data.service.organisation
        elif data.service.organisation_id != data.organisation.pk:
            errors.setdefault("service", []).append(_("The service is not one of this partner's."))
    if data.organisation is None:
        errors.setdefault("organisation", []).append(_("Choose a partner organisation or a service."))
    elif not data.organisation.is_active:
        errors.setdefault("organisation", []).append(_("The partner organisation is no longer active."))
    unknown = [name for name in data.shared_fields if name not in SharedField.values]
    if unknown:
        errors.setdefault("shared_fields", []).append(_("Choose the shared data from the list."))
    if data.client.status != ClientStatus.ACTIVE:
        errors.setdefault("client", []).append(_("The client's case is not active."))
    return errors


@transaction.atomic
def referral_create(*, data: ReferralData, by: Any) -> Referral:
    """A draft referral of the client, at the client's service point (the caller checked
    ``referrals.create`` for the client)."""
    errors = referral_errors(data)
    if errors or data.organisation is None:
        raise ValidationError(errors)
    organisation = data.organisation
    referral = Referral.objects.create(
        service_point_id=data.client.service_point_id,
        client=data.client,
        organisation=organisation,
        service=data.service,
        reason=data.reason,
        message=data.message,
        shared_fields=sorted(set(data.shared_fields)),
        created_by=by,
        source_type=data.source_type[:64],
        source_id=data.source_id,
    )
    add_event(referral, EventKind.CREATED, by=by)
    audit_record(
        actor=by,
        action="referrals.create",
        target=referral,
        details={"organisation": str(organisation.uuid), "shared": referral.shared_fields},
    )
    return referral
