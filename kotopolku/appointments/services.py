"""Writing appointments: book, cancel, record a no-show, pop-up series, interpreters,
availability, calendar feeds and public requests. Each writes its audit event in the same
transaction.

A booking never double-books a worker or a slot: it locks the worker's row (or the pop-up
slot's row) and checks for an overlapping appointment under the lock, so of two bookings of one
slot at once, one waits for the other and is then refused.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import can, grants_for
from kotopolku.appointments.enums import (
    AppointmentChannel,
    AppointmentKind,
    AppointmentStatus,
    InterpreterMode,
    RequestStatus,
)
from kotopolku.appointments.models import (
    MAX_NOTE,
    MAX_TEXT,
    Absence,
    Appointment,
    AppointmentRequest,
    AppointmentSeries,
    Availability,
    CalendarFeed,
    InterpreterBooking,
    StatusReason,
)
from kotopolku.appointments.selectors import LONGEST, at, availability_covers, is_absent, overlapping
from kotopolku.audit.services import audit_record
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.validators import validate_free_text
from kotopolku.contacts.languages import is_known_language
from kotopolku.core.versioning import versioned_update

MAX_APPOINTMENT = LONGEST
MAX_SERIES_DAYS = 366
_https = URLValidator(schemes=["https"])


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Errors(dict[str, list[str]]):
    def add(self, name: str, message: str) -> None:
        self.setdefault(name, []).append(message)

    def text(self, name: str, value: str, *, limit: int = MAX_TEXT, required: bool = False) -> str:
        text = (value or "").replace("\r\n", "\n").strip()
        if required and not text:
            self.add(name, _("This field is required."))
        elif len(text) > limit:
            self.add(name, _("Give at most %(limit)d characters.") % {"limit": limit})
        else:
            try:
                validate_free_text(text)
            except ValidationError as error:
                self[name] = [*self.get(name, []), *error.messages]
        return text

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def _times(
    errors: Errors, starts_at: datetime | None, ends_at: datetime | None, *, allow_past: bool = False
) -> None:
    if starts_at is None:
        errors.add("starts_at", _("This field is required."))
        return
    if ends_at is None:
        errors.add("ends_at", _("This field is required."))
        return
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        errors.add("starts_at", _("Give the time with a time zone."))
        return
    if not allow_past and starts_at < timezone.now():
        errors.add("starts_at", _("The time is in the past."))
    if ends_at <= starts_at:
        errors.add("ends_at", _("The end is before the start."))
    elif ends_at - starts_at > MAX_APPOINTMENT:
        errors.add("ends_at", _("An appointment lasts at most 8 hours."))


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
    _times(errors, data.starts_at, data.ends_at)
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
                _https(data.meeting_link)
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
    due then, so a moved or cancelled appointment needs nothing taken out of the queue)."""
    from kotopolku.appointments.tasks import reminder_lead, send_due_reminders

    due = appointment.starts_at - reminder_lead()
    run_after = max(due, timezone.now())
    transaction.on_commit(lambda: send_due_reminders.using(run_after=run_after).enqueue())


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
    note = errors.text("note", note, limit=MAX_NOTE)
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
    note = errors.text("note", note, limit=MAX_NOTE)
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


# --- pop-up series -------------------------------------------------------------------------


@dataclass
class SeriesData:
    organisation: Any
    title: str
    first_date: date | None
    last_date: date | None
    starts: time | None
    ends: time | None
    interval_weeks: int = 2
    slot_minutes: int = 20
    location: str = ""
    channel: str = AppointmentChannel.ON_SITE


def _series_errors(data: SeriesData) -> Errors:
    errors = Errors()
    data.title = errors.text("title", data.title, required=True)
    data.location = errors.text("location", data.location)
    if data.organisation is None:
        errors.add("organisation", _("Choose the authority."))
    if data.channel not in AppointmentChannel.values:
        errors.add("channel", _("Choose a channel from the list."))
    today = timezone.localdate()
    if data.first_date is None:
        errors.add("first_date", _("This field is required."))
    elif data.first_date < today:
        errors.add("first_date", _("The date is in the past."))
    if data.last_date is None:
        errors.add("last_date", _("This field is required."))
    elif data.first_date and data.last_date < data.first_date:
        errors.add("last_date", _("The last date is before the first."))
    elif data.first_date and (data.last_date - data.first_date).days > MAX_SERIES_DAYS:
        errors.add("last_date", _("A series lasts at most a year."))
    if data.starts is None or data.ends is None:
        errors.add("ends", _("Give the hours."))
    elif data.ends <= data.starts:
        errors.add("ends", _("The end is before the start."))
    if not 1 <= data.interval_weeks <= 8:
        errors.add("interval_weeks", _("Give a number of weeks from 1 to 8."))
    if not 5 <= data.slot_minutes <= 240:
        errors.add("slot_minutes", _("Give the slot length in minutes, from 5 to 240."))
    return errors


def _series_slot_times(series: AppointmentSeries) -> list[tuple[datetime, datetime]]:
    times = []
    day = series.first_date
    step = timedelta(minutes=series.slot_minutes)
    while day <= series.last_date:
        moment, end = at(day, series.starts), at(day, series.ends)
        while moment + step <= end:
            times.append((moment, moment + step))
            moment += step
        day += timedelta(weeks=series.interval_weeks)
    return times


@transaction.atomic
def series_create(*, service_point: Any, data: SeriesData, by: Any) -> AppointmentSeries:
    errors = _series_errors(data)
    errors.raise_if_any()
    assert data.first_date and data.last_date and data.starts and data.ends
    series = AppointmentSeries.objects.create(
        service_point=service_point,
        organisation=data.organisation,
        title=data.title,
        first_date=data.first_date,
        last_date=data.last_date,
        interval_weeks=data.interval_weeks,
        starts=data.starts,
        ends=data.ends,
        slot_minutes=data.slot_minutes,
        location=data.location or service_point.address,
        channel=data.channel,
        created_by=by,
    )
    Appointment.objects.bulk_create(
        Appointment(
            service_point=service_point,
            kind=AppointmentKind.POPUP,
            series=series,
            starts_at=start,
            ends_at=end,
            channel=series.channel,
            location=series.location,
            topic=series.title,
            status=AppointmentStatus.OPEN,
            booked_by=by,
        )
        for start, end in _series_slot_times(series)
    )
    audit_record(
        actor=by, action="appointments.series_create", target=series, details={"slots": series.slots.count()}
    )
    return series


@dataclass(frozen=True)
class PersonMessage:
    email: str
    phone: str
    language: str
    text: str


def _person_key(appointment: Appointment) -> tuple[str, str]:
    if appointment.client_id is not None:
        return ("client", str(appointment.client_id))
    return ("contact", appointment.contact_email or appointment.contact_phone or appointment.contact_name)


def _contact_of(appointment: Appointment) -> tuple[str, str]:
    if appointment.client is not None:
        return appointment.client.email, appointment.client.phone
    return appointment.contact_email, appointment.contact_phone


def _one_message_per_person(appointments: list[Appointment], compose: Any) -> list[PersonMessage]:
    """Group the affected bookings by person: one message each, listing all their slots."""
    grouped: dict[tuple[str, str], list[Appointment]] = defaultdict(list)
    for appointment in appointments:
        grouped[_person_key(appointment)].append(appointment)
    messages = []
    for items in grouped.values():
        email, phone = _contact_of(items[0])
        language = items[0].language if items[0].language in ("fi", "sv", "en") else "en"
        with translation.override(language):
            text = compose(items)
        messages.append(PersonMessage(email=email, phone=phone, language=language, text=text))
    return messages


def deliver(messages: list[PersonMessage], *, subject: str) -> None:
    """Send each person's message by e-mail and SMS once the transaction commits."""
    from django.core.mail import send_mail

    from kotopolku.appointments.sms import sms_backend

    def send() -> None:
        backend = sms_backend()
        for message in messages:
            if message.email:
                send_mail(
                    subject, message.text, settings.DEFAULT_FROM_EMAIL, [message.email], fail_silently=True
                )
            if message.phone:
                backend.send(message.phone, message.text)

    transaction.on_commit(send)


def _when(appointment: Appointment) -> str:
    local = timezone.localtime(appointment.starts_at)
    return f"{local:%d.%m.%Y %H:%M}"


@transaction.atomic
def series_change(
    *,
    series: AppointmentSeries,
    starts: time,
    ends: time,
    location: str,
    by: Any,
    expected_version: int | None = None,
) -> tuple[AppointmentSeries, list[PersonMessage]]:
    """Move the hours or the place of every future slot of the series; each person with a
    booking gets one message that lists their changed appointments."""
    errors = Errors()
    location = errors.text("location", location)
    if ends <= starts:
        errors.add("ends", _("The end is before the start."))
    if series.cancelled_at is not None:
        errors.add("status", _("The series is cancelled."))
    errors.raise_if_any()
    updated, changed = versioned_update(
        series,
        changes={"starts": starts, "ends": ends, "location": location},
        expected_version=expected_version,
    )
    now = timezone.now()
    future = list(
        updated.slots.filter(
            starts_at__gte=now, status__in=(AppointmentStatus.OPEN, AppointmentStatus.BOOKED)
        )
        .select_related("client")
        .order_by("starts_at")
    )
    step = timedelta(minutes=updated.slot_minutes)
    by_day: dict[date, list[Appointment]] = defaultdict(list)
    for slot in future:
        by_day[timezone.localtime(slot.starts_at).date()].append(slot)
    affected: list[Appointment] = []
    for day, slots in by_day.items():
        moment, end = at(day, starts), at(day, ends)
        for slot in slots:
            if moment + step <= end:
                slot.starts_at, slot.ends_at, slot.location = moment, moment + step, location
                slot.version += 1
                slot.save(update_fields=["starts_at", "ends_at", "location", "version", "updated_at"])
                moment += step
            else:
                # The shorter hours have no room for this slot.
                slot.status = AppointmentStatus.CANCELLED
                slot.status_reason = StatusReason.objects.filter(code="series_changed").first()
                slot.version += 1
                slot.save(update_fields=["status", "status_reason", "version", "updated_at"])
            if slot.client_id is not None or slot.contact_name:
                affected.append(slot)

    def compose(items: list[Appointment]) -> str:
        lines = [
            _("%(title)s: the times changed.") % {"title": updated.title},
            *[
                (
                    _("Cancelled: %(when)s")
                    if slot.status == AppointmentStatus.CANCELLED
                    else _("New time: %(when)s, %(place)s")
                )
                % {"when": _when(slot), "place": slot.location}
                for slot in items
            ],
        ]
        return "\n".join(lines)

    messages = _one_message_per_person(affected, compose)
    deliver(messages, subject=updated.title)
    audit_record(
        actor=by,
        action="appointments.series_change",
        target=updated,
        details={"fields": changed, "people_told": len(messages)},
    )
    return updated, messages


@transaction.atomic
def series_cancel(
    *, series: AppointmentSeries, by: Any, expected_version: int | None = None
) -> list[PersonMessage]:
    """Cancel every future slot of the series; one message per person with a booking."""
    updated, _changed = versioned_update(
        series, changes={"cancelled_at": timezone.now()}, expected_version=expected_version
    )
    reason = StatusReason.objects.filter(code="series_cancelled").first()
    future = list(
        updated.slots.filter(
            starts_at__gte=timezone.now(), status__in=(AppointmentStatus.OPEN, AppointmentStatus.BOOKED)
        ).select_related("client")
    )
    affected = [slot for slot in future if slot.client_id is not None or slot.contact_name]
    Appointment.objects.filter(pk__in=[slot.pk for slot in future]).update(
        status=AppointmentStatus.CANCELLED, status_reason=reason, updated_at=timezone.now()
    )

    def compose(items: list[Appointment]) -> str:
        return "\n".join(
            [
                _("%(title)s is cancelled.") % {"title": updated.title},
                *[_("Cancelled: %(when)s") % {"when": _when(slot)} for slot in items],
            ]
        )

    messages = _one_message_per_person(affected, compose)
    deliver(messages, subject=updated.title)
    audit_record(
        actor=by, action="appointments.series_cancel", target=updated, details={"people_told": len(messages)}
    )
    return messages


@transaction.atomic
def popup_slot_book(
    *,
    slot: Appointment,
    by: Any,
    client: Any | None = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    language: str = "fi",
) -> Appointment:
    """Book a free slot of a pop-up series for a client or a contact person. The slot's row is
    locked: of two bookings at once, the second finds it taken and is refused."""
    errors = Errors()
    contact_name = errors.text("contact_name", contact_name)
    if client is None and not contact_name:
        errors.add("client", _("Choose a client or give the contact person's name."))
    if client is not None and (
        client.service_point_id != slot.service_point_id or not can(by, "clients.view", client)
    ):
        errors.add("client", _("The client is not registered at this service point."))
    if not is_known_language(language or ""):
        errors.add("language", _("Choose a language from the list."))
    if slot.starts_at < timezone.now():
        errors.add("starts_at", _("The time is in the past."))
    errors.raise_if_any()
    locked = Appointment.objects.select_for_update().get(pk=slot.pk)
    if locked.status != AppointmentStatus.OPEN:
        raise ValidationError(
            {"starts_at": _("This time was just booked by someone else. Choose another slot.")}
        )
    locked.status = AppointmentStatus.BOOKED
    locked.client = client
    locked.contact_name, locked.contact_email, locked.contact_phone = (
        contact_name,
        contact_email,
        contact_phone,
    )
    locked.language = language
    locked.booked_by = by
    locked.version += 1
    locked.save()
    audit_record(actor=by, action="appointments.book", target=locked, details={"kind": AppointmentKind.POPUP})
    schedule_reminder(locked)
    return locked


# --- interpreters ------------------------------------------------------------------------------


@dataclass
class InterpreterData:
    language: str
    mode: str
    provider: Any | None
    duration_minutes: Any
    cost: Any


@transaction.atomic
def interpreter_book(*, appointment: Appointment, data: InterpreterData, by: Any) -> InterpreterBooking:
    errors = Errors()
    if not isinstance(data.language, str) or not is_known_language(data.language):
        errors.add("language", _("Choose a language from the list."))
    if data.mode not in InterpreterMode.values:
        errors.add("mode", _("Choose a mode from the list."))
    if data.provider is None:
        errors.add("provider", _("Choose the provider."))
    if (
        isinstance(data.duration_minutes, bool)
        or not isinstance(data.duration_minutes, int)
        or not (1 <= data.duration_minutes <= 600)
    ):
        errors.add("duration_minutes", _("Give the duration in whole minutes, from 1 to 600."))
    try:
        cost = Decimal(str(data.cost))
        if (
            not cost.is_finite()
            or cost < 0
            or cost > Decimal("100000")
            or cost != cost.quantize(Decimal("0.01"))
        ):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors.add("cost", _("Give the cost in euros, e.g. 85.50."))
        cost = Decimal(0)
    if appointment.status not in (AppointmentStatus.BOOKED,):
        errors.add("appointment", _("Interpreters are booked for booked appointments only."))
    errors.raise_if_any()
    assert data.provider is not None
    booking = InterpreterBooking.objects.create(
        service_point_id=appointment.service_point_id,
        appointment=appointment,
        language=data.language,
        mode=data.mode,
        provider=data.provider,
        duration_minutes=data.duration_minutes,
        cost=cost,
        booked_by=by,
    )
    audit_record(
        actor=by,
        action="appointments.interpreter",
        target=booking,
        details={"language": data.language, "mode": data.mode, "cost": str(cost)},
    )
    return booking


# --- availability, absences, feeds -------------------------------------------------------------


@transaction.atomic
def availability_add(
    *, worker: User, service_point: Any, weekday: int, starts: time, ends: time, slot_minutes: int, by: Any
) -> Availability:
    errors = Errors()
    if not 0 <= weekday <= 6:
        errors.add("weekday", _("Choose a weekday."))
    if ends <= starts:
        errors.add("ends", _("The end is before the start."))
    if not 5 <= slot_minutes <= 240:
        errors.add("slot_minutes", _("Give the slot length in minutes, from 5 to 240."))
    errors.raise_if_any()
    availability = Availability.objects.create(
        worker=worker,
        service_point=service_point,
        weekday=weekday,
        starts=starts,
        ends=ends,
        slot_minutes=slot_minutes,
    )
    audit_record(
        actor=by, action="appointments.availability", target=availability, service_point_id=service_point.pk
    )
    return availability


@transaction.atomic
def availability_remove(*, availability: Availability, by: Any) -> None:
    audit_record(
        actor=by,
        action="appointments.availability_remove",
        target=availability,
        service_point_id=availability.service_point_id,
    )
    availability.delete()


@transaction.atomic
def absence_add(*, worker: User, starts_at: datetime, ends_at: datetime, note: str, by: Any) -> Absence:
    errors = Errors()
    note = errors.text("note", note)
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        errors.add("starts_at", _("Give the time with a time zone."))
    elif ends_at <= starts_at:
        errors.add("ends_at", _("The end is before the start."))
    errors.raise_if_any()
    absence = Absence.objects.create(worker=worker, starts_at=starts_at, ends_at=ends_at, note=note)
    audit_record(actor=by, action="appointments.absence", target=absence)
    return absence


@transaction.atomic
def calendar_feed_create(*, worker: User, by: Any) -> tuple[CalendarFeed, str]:
    """A new secret feed address for the worker (the old ones stop working). The token is
    returned once; only its hash is kept."""
    CalendarFeed.objects.filter(worker=worker, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(worker=worker, token_hash=_hash(token))
    audit_record(actor=by, action="appointments.feed_create", target=feed)
    return feed, token


@transaction.atomic
def calendar_feed_revoke(*, worker: User, by: Any) -> int:
    revoked = CalendarFeed.objects.filter(worker=worker, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    audit_record(
        actor=by, action="appointments.feed_revoke", target_type="accounts.user", target_id=str(worker.uuid)
    )
    return revoked


def calendar_feed_worker(token: str) -> User | None:
    feed = (
        CalendarFeed.objects.select_related("worker")
        .filter(token_hash=_hash(token or ""), revoked_at__isnull=True, worker__is_active=True)
        .first()
    )
    return feed.worker if feed else None


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
    return _hash(f"{settings.SECRET_KEY}:{address}")


@transaction.atomic
def request_submit(*, data: RequestData, source: str) -> AppointmentRequest:
    errors = Errors()
    data.topic = errors.text("topic", data.topic, required=True)
    data.preferred_times = errors.text("preferred_times", data.preferred_times, required=True)
    data.name = errors.text("name", data.name, required=True)
    data.message = errors.text("message", data.message, limit=MAX_NOTE)
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
