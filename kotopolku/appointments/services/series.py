"""Pop-up hours: a series created, changed and cancelled as one, with one message per person
affected, and the booking of one of its free slots (under a row lock on the slot)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can
from kotopolku.appointments.enums import (
    AppointmentChannel,
    AppointmentKind,
    AppointmentStatus,
)
from kotopolku.appointments.models import (
    Appointment,
    AppointmentSeries,
    StatusReason,
)
from kotopolku.appointments.selectors import at
from kotopolku.appointments.services.booking import schedule_reminder
from kotopolku.appointments.services.common import (
    MAX_SERIES_DAYS,
    Errors,
)
from kotopolku.audit.services import audit_record
from kotopolku.contacts.languages import is_known_language
from kotopolku.core.versioning import versioned_update

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
    contact_phone = errors.text("contact_phone", contact_phone, limit=20)
    contact_email = errors.text("contact_email", contact_email, limit=254)
    if contact_email:
        try:
            validate_email(contact_email)
        except ValidationError:
            errors.add("contact_email", _("Give a valid e-mail address."))
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
