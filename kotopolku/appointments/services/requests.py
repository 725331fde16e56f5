"""Requests for an appointment from the public form, and the advisors' queue of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.appointments.enums import (
    RequestStatus,
)
from kotopolku.appointments.models import (
    MAX_NOTE,
    AppointmentRequest,
)
from kotopolku.appointments.services.common import (
    Errors,
    secret_hash,
)
from kotopolku.audit.services import audit_record
from kotopolku.contacts.languages import is_known_language

# --- public requests -------------------------------------------------------------------------

REQUESTS_PER_SOURCE_PER_HOUR = 5


@dataclass
class RequestData:
    service_point: Any
    topic: str
    language: str
    preferred_times: str
    name: str
    email: str = ""
    phone: str = ""
    message: str = ""


def source_hash(address: str) -> str:
    """The requester's address, hashed with the site's secret: enough to limit the rate, not
    kept as personal data."""
    return secret_hash(f"{settings.SECRET_KEY}:{address}")


@transaction.atomic
def request_submit(*, data: RequestData, source: str) -> AppointmentRequest:
    errors = Errors()
    data.topic = errors.text("topic", data.topic, required=True)
    data.preferred_times = errors.text("preferred_times", data.preferred_times, required=True)
    data.name = errors.text("name", data.name, required=True)
    data.message = errors.text("message", data.message, limit=MAX_NOTE, multiline=True)
    data.phone = errors.text("phone", data.phone, limit=20)
    if not is_known_language(data.language or ""):
        errors.add("language", _("Choose a language from the list."))
    if data.email:
        try:
            validate_email(data.email)
        except ValidationError:
            errors.add("email", _("Give a valid e-mail address."))
    if not data.email and not data.phone:
        errors.add("email", _("Give an e-mail address or a phone number, so that we can answer."))
    errors.raise_if_any()
    hashed = source_hash(source)
    recent = AppointmentRequest.objects.filter(
        source_hash=hashed, created_at__gte=timezone.now() - timedelta(hours=1)
    ).count()
    if recent >= REQUESTS_PER_SOURCE_PER_HOUR:
        raise ValidationError({"__all__": [_("Too many requests from this address. Try again in an hour.")]})
    request = AppointmentRequest.objects.create(
        service_point=data.service_point,
        topic=data.topic,
        language=data.language,
        preferred_times=data.preferred_times,
        name=data.name,
        email=data.email,
        phone=data.phone,
        message=data.message,
        source_hash=hashed,
    )
    audit_record(actor=None, action="appointments.request", target=request)
    return request


@transaction.atomic
def request_handle(*, request: AppointmentRequest, by: Any) -> AppointmentRequest:
    if request.status != RequestStatus.HANDLED:
        request.status = RequestStatus.HANDLED
        request.handled_by = by
        request.handled_at = timezone.now()
        request.save(update_fields=["status", "handled_by", "handled_at", "updated_at"])
        audit_record(actor=by, action="appointments.requests", target=request)
    return request
