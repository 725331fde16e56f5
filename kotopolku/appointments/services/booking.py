"""Booking an appointment with a worker, cancelling it and recording a no-show.

A booking never double-books a worker: it locks the worker's row and checks for an overlapping
appointment under the lock, so of two bookings of one slot at once, one waits for the other and
is then refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import can, grants_for
from kotopolku.appointments.enums import (
    AppointmentChannel,
    AppointmentKind,
    AppointmentStatus,
)
from kotopolku.appointments.models import (
    MAX_NOTE,
    Appointment,
    StatusReason,
)
from kotopolku.appointments.selectors import availability_covers, is_absent, overlapping
from kotopolku.appointments.services.common import (
    Errors,
    check_times,
    https_url,
)
from kotopolku.audit.services import audit_record
from kotopolku.clients.enums import ClientStatus
from kotopolku.contacts.languages import is_known_language
from kotopolku.core.versioning import versioned_update

# --- booking ---------------------------------------------------------------------------------


@dataclass
class BookingData:
    kind: str
    starts_at: datetime | None
    ends_at: datetime | None
    channel: str
    worker: User | None = None
    client: Any | None = None
    contact_name: str = ""
    contact_organisation: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    language: str = "fi"
    topic: str = ""
    location: str = ""
    meeting_link: str = ""
    service: Any | None = None
    partners: list[Any] = field(default_factory=list)


def worker_serves(worker: User, service_point: Any, kind: str) -> bool:
    """Whether ``worker`` takes appointments at ``service_point`` (directly or through a network);
    the permit expert's appointments need a permit expert."""
    grants = grants_for(worker)
    held = grants.roles_at_service_point(service_point.pk, include_network=True)
    if kind == AppointmentKind.PERMIT_EXPERT:
        return Role.PERMIT_EXPERT in held
    return bool(held & {Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR})


def booking_errors(
    *, service_point: Any, data: BookingData, by: Any, existing: Appointment | None = None
) -> Errors:
    errors = Errors()
    if data.kind not in AppointmentKind.values or data.kind == AppointmentKind.POPUP:
        errors.add("kind", _("Choose a kind from the list."))
    if data.channel not in AppointmentChannel.values:
        errors.add("channel", _("Choose a channel from the list."))
    check_times(errors, data.starts_at, data.ends_at)
    if not isinstance(data.language, str) or not is_known_language(data.language):
        errors.add("language", _("Choose a language from the list."))
    data.topic = errors.text("topic", data.topic)
    data.location = errors.text("location", data.location)
    data.contact_name = errors.text("contact_name", data.contact_name)
    data.contact_organisation = errors.text("contact_organisation", data.contact_organisation)
    data.contact_phone = errors.text("contact_phone", data.contact_phone, limit=20)
    data.contact_email = (data.contact_email or "").strip()
    if data.contact_email:
        try:
            validate_email(data.contact_email)
        except ValidationError:
            errors.add("contact_email", _("Give a valid e-mail address."))
    data.meeting_link = (data.meeting_link or "").strip()
    if data.channel == AppointmentChannel.VIDEO:
        if not data.meeting_link:
            errors.add("meeting_link", _("A video appointment needs a meeting link."))
        else:
            try:
                https_url(data.meeting_link)
            except ValidationError:
                errors.add("meeting_link", _("Give a web address that starts with https://."))
    if data.client is None and not data.contact_name:
        errors.add("client", _("Choose a client or give the contact person's name."))
    if data.client is not None:
        if data.client.service_point_id != service_point.pk or (
            by is not None and not can(by, "clients.view", data.client)
        ):
            errors.add("client", _("The client is not registered at this service point."))
        elif data.client.status != ClientStatus.ACTIVE:
            errors.add("client", _("The client's case is not active."))
    if data.kind == AppointmentKind.JOINT and not data.partners:
        errors.add("partners", _("A joint appointment needs at least one partner organisation."))
    if data.worker is None:
        errors.add("worker", _("Choose a worker."))
    elif not worker_serves(data.worker, service_point, data.kind):
        errors.add("worker", _("This worker does not take such appointments at this service point."))
    elif "starts_at" not in errors and "ends_at" not in errors and data.starts_at and data.ends_at:
        if not availability_covers(worker_id=data.worker.pk, starts_at=data.starts_at, ends_at=data.ends_at):
            errors.add("starts_at", _("The time is outside the worker's availability."))
        elif is_absent(worker_id=data.worker.pk, starts_at=data.starts_at, ends_at=data.ends_at):
            errors.add("starts_at", _("The worker is absent at that time."))
    return errors


def _lock_worker(worker: User) -> None:
    """Serialise bookings of one worker: the second waits here until the first commits, then
    sees its appointment."""
    User.objects.select_for_update().filter(pk=worker.pk).values_list("pk", flat=True).first()


@transaction.atomic
def appointment_book(*, service_point: Any, data: BookingData, by: Any) -> Appointment:
    """Book an appointment with a worker (the caller checked ``appointments.book`` there)."""
    errors = booking_errors(service_point=service_point, data=data, by=by)
    errors.raise_if_any()
    assert data.worker is not None and data.starts_at is not None and data.ends_at is not None
    _lock_worker(data.worker)
    if overlapping(worker_id=data.worker.pk, starts_at=data.starts_at, ends_at=data.ends_at):
        raise ValidationError(
            {"starts_at": _("This time was just booked by someone else. Choose another slot.")}
        )
    appointment = Appointment.objects.create(
        service_point=service_point,
        kind=data.kind,
        worker=data.worker,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        channel=data.channel,
        meeting_link=data.meeting_link,
        location=data.location
        or (service_point.address if data.channel == AppointmentChannel.ON_SITE else ""),
        client=data.client,
        contact_name=data.contact_name,
        contact_organisation=data.contact_organisation,
        contact_email=data.contact_email,
        contact_phone=data.contact_phone,
        language=data.language,
        topic=data.topic,
        service=data.service,
        booked_by=by,
    )
    if data.partners:
        appointment.partners.set(data.partners)
    audit_record(
        actor=by,
        action="appointments.book",
        target=appointment,
        details={"kind": data.kind, "channel": data.channel, "client": bool(data.client)},
    )
    schedule_reminder(appointment)
    return appointment


def schedule_reminder(appointment: Appointment) -> None:
    """Queue the reminder run for the time the reminder is due (the worker sends every reminder
    due then, so a moved or cancelled appointment needs nothing taken out of the queue).

    The queue is a table of the same database: the run is queued in the booking's own
    transaction, so it commits with the booking (one commit, not two) and a booking that rolls
    back leaves no run behind."""
    from kotopolku.appointments.tasks import reminder_lead, send_due_reminders

    due = appointment.starts_at - reminder_lead()
    send_due_reminders.using(run_after=max(due, timezone.now())).enqueue()


def _reason(code: str, *, for_no_show: bool, errors: Errors) -> StatusReason | None:
    reason = StatusReason.objects.filter(code=code or "", active=True, for_no_show=for_no_show).first()
    if reason is None:
        errors.add("reason", _("Choose a reason from the list."))
    return reason


@transaction.atomic
def appointment_cancel(
    *,
    appointment: Appointment,
    by: Any,
    reason_code: str,
    note: str = "",
    expected_version: int | None = None,
) -> Appointment:
    errors = Errors()
    reason = _reason(reason_code, for_no_show=False, errors=errors)
    note = errors.text("note", note, limit=MAX_NOTE, multiline=True)
    if appointment.status not in (AppointmentStatus.BOOKED, AppointmentStatus.OPEN):
        errors.add("status", _("Only a booked appointment can be cancelled."))
    errors.raise_if_any()
    updated, _changed = versioned_update(
        appointment,
        changes={"status": AppointmentStatus.CANCELLED, "status_reason": reason, "status_note": note},
        expected_version=expected_version,
    )
    audit_record(actor=by, action="appointments.cancel", target=updated, details={"reason": reason_code})
    return updated


@transaction.atomic
def appointment_no_show(
    *,
    appointment: Appointment,
    by: Any,
    reason_code: str,
    note: str = "",
    expected_version: int | None = None,
) -> Appointment:
    errors = Errors()
    reason = _reason(reason_code, for_no_show=True, errors=errors)
    note = errors.text("note", note, limit=MAX_NOTE, multiline=True)
    if appointment.status != AppointmentStatus.BOOKED:
        errors.add("status", _("Only a booked appointment can be recorded as a no-show."))
    elif appointment.starts_at > timezone.now():
        errors.add("status", _("The appointment has not started yet."))
    errors.raise_if_any()
    updated, _changed = versioned_update(
        appointment,
        changes={"status": AppointmentStatus.NO_SHOW, "status_reason": reason, "status_note": note},
        expected_version=expected_version,
    )
    audit_record(actor=by, action="appointments.no_show", target=updated, details={"reason": reason_code})
    return updated


@transaction.atomic
def appointment_read_record(*, appointment: Appointment, by: Any) -> None:
    if appointment.client_id is not None or appointment.contact_name:
        audit_record(actor=by, action="appointments.view", target=appointment, purpose="appointment")
