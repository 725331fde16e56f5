"""Reminders, sent by the background worker (``python -m kotopolku db_worker``).

Booking queues ``send_due_reminders`` to run when the reminder falls due; each run sends every
reminder due then, so a moved or cancelled appointment needs nothing taken out of the queue,
and a run that finds nothing to do does nothing.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from kotopolku.appointments.enums import AppointmentChannel, AppointmentStatus
from kotopolku.appointments.ics import appointment_ics
from kotopolku.appointments.models import Appointment
from kotopolku.appointments.sms import sms_backend
from kotopolku.audit.services import audit_record


def reminder_lead() -> timedelta:
    """How long before an appointment its reminder goes out (``APPOINTMENT_REMINDER_HOURS``)."""
    return timedelta(hours=int(getattr(settings, "APPOINTMENT_REMINDER_HOURS", 24)))


BATCH = 200
REMINDER_LANGUAGES = ("fi", "sv", "en")


def reminder_language(appointment: Appointment) -> str:
    return appointment.language if appointment.language in REMINDER_LANGUAGES else "en"


def required_documents(appointment: Appointment, language: str) -> list[str]:
    if appointment.service is None:
        return []
    return [
        text
        for document in appointment.service.required_documents.all()
        if (text := document.text("document", language))
    ]


def reminder_text(appointment: Appointment) -> tuple[str, str]:
    """The reminder's subject and body in the client's language: when and where, what to bring,
    how to cancel."""
    local = timezone.localtime(appointment.starts_at)
    point = appointment.service_point
    if appointment.channel == AppointmentChannel.VIDEO:
        where = _("Video meeting: %(link)s") % {"link": appointment.meeting_link}
    elif appointment.channel == AppointmentChannel.PHONE:
        where = _("We will call you.")
    else:
        where = _("Place: %(place)s") % {"place": appointment.location or point.address or point.name}
    lines = [
        _("Reminder: your appointment at %(point)s on %(date)s at %(time)s.")
        % {"point": point.name, "date": f"{local:%d.%m.%Y}", "time": f"{local:%H:%M}"},
        where,
    ]
    documents = required_documents(appointment, translation.get_language() or "fi")
    if documents:
        lines.append(_("Please bring: %(documents)s") % {"documents": "; ".join(documents)})
    contact = point.phone or point.email
    lines.append(
        _("If you cannot come, please cancel: %(contact)s") % {"contact": contact}
        if contact
        else _("If you cannot come, please tell the service point.")
    )
    subject = _("Appointment reminder: %(date)s %(time)s") % {
        "date": f"{local:%d.%m.%Y}",
        "time": f"{local:%H:%M}",
    }
    return subject, "\n".join(lines)


def _due(now: Any) -> list[Appointment]:
    return list(
        Appointment.objects.filter(
            status=AppointmentStatus.BOOKED,
            reminder_sent_at__isnull=True,
            starts_at__gt=now,
            starts_at__lte=now + reminder_lead(),
        )
        .select_related("client", "service_point", "service")
        .prefetch_related("service__required_documents")
        .order_by("starts_at")[:BATCH]
    )


@task()
def send_due_reminders() -> int:
    """Send the reminders now due, by e-mail (with the appointment as .ics) and by SMS; returns
    how many appointments were reminded. A batch is claimed (and audited, one event per
    appointment) in one transaction, then sent over one SMTP connection."""
    sent = 0
    connection = get_connection()
    sms = sms_backend()
    with connection:
        while batch := _claim(_due(timezone.now())):
            for appointment in batch:
                _remind(appointment, connection, sms)
                sent += 1
    return sent


def _contacts(appointment: Appointment) -> tuple[str, str]:
    if appointment.client:
        return appointment.client.email, appointment.client.phone
    return appointment.contact_email, appointment.contact_phone


@transaction.atomic
def _claim(batch: list[Appointment]) -> list[Appointment]:
    """Mark the batch reminded and audit it; rows another worker claimed meanwhile drop out
    (locked ones are skipped, claimed ones no longer match)."""
    if not batch:
        return []
    ids = set(
        Appointment.objects.select_for_update(skip_locked=True)
        .filter(pk__in=[a.pk for a in batch], reminder_sent_at__isnull=True)
        .values_list("pk", flat=True)
    )
    claimed = [a for a in batch if a.pk in ids]
    Appointment.objects.filter(pk__in=ids).update(reminder_sent_at=timezone.now())
    for appointment in claimed:
        email, phone = _contacts(appointment)
        audit_record(
            actor=None,
            action="appointments.remind",
            target=appointment,
            details={"email": bool(email), "sms": bool(phone)},
        )
    return claimed


def _remind(appointment: Appointment, connection: Any, sms: Any) -> None:
    email, phone = _contacts(appointment)
    with translation.override(reminder_language(appointment)):
        subject, body = reminder_text(appointment)
        summary = _("Appointment at %(point)s") % {"point": appointment.service_point.name}
    if email:
        message = EmailMultiAlternatives(
            subject, body, settings.DEFAULT_FROM_EMAIL, [email], connection=connection
        )
        message.attach("appointment.ics", appointment_ics(appointment, summary=summary), "text/calendar")
        message.send()
    if phone:
        sms.send(phone, body)
