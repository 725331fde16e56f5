"""An appointment as .ics, and a worker's secret iCalendar feed."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import require
from kotopolku.appointments import services
from kotopolku.appointments.enums import AppointmentStatus
from kotopolku.appointments.ics import appointment_ics, feed_ics
from kotopolku.appointments.models import (
    Appointment,
)
from kotopolku.appointments.selectors import (
    appointment_get,
)
from kotopolku.appointments.views.common import (
    FEED_DAYS_AHEAD,
    FEED_DAYS_BACK,
)


def ics_response(appointment: Appointment) -> HttpResponse:
    summary = _("Appointment at %(point)s") % {"point": appointment.service_point.name}
    response = HttpResponse(
        appointment_ics(appointment, summary=summary), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="appointment-{appointment.uuid}.ics"'
    return response


@login_required
def appointment_ics_view(request: HttpRequest, uuid: str) -> HttpResponse:
    appointment = appointment_get(uuid=uuid)
    require(request.user, "appointments.view", appointment)
    services.appointment_read_record(appointment=appointment, by=request.user)
    return ics_response(appointment)


def feed_summary(appointment: Appointment) -> str:
    return f"{appointment.get_kind_display()} ({appointment.get_channel_display()})"


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A worker's calendar feed for Outlook or Google Calendar (the secret address is the key)."""
    worker = services.calendar_feed_worker(token)
    if worker is None:
        raise Http404
    now = timezone.now()
    appointments = Appointment.objects.filter(
        worker=worker,
        status__in=(AppointmentStatus.BOOKED, AppointmentStatus.DONE),
        starts_at__gte=now - timedelta(days=FEED_DAYS_BACK),
        starts_at__lt=now + timedelta(days=FEED_DAYS_AHEAD),
    ).order_by("starts_at")
    body = feed_ics(appointments, name=f"Kotopolku – {worker.full_name}", summary_of=feed_summary)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
