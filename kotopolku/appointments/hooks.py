"""The appointments app's part in a client's profile, timeline and data export."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can, scope_condition
from kotopolku.appointments.models import Appointment
from kotopolku.clients.hooks import ProfileAction, TimelineEntry


def _of_client(client: Any) -> Any:
    return (
        Appointment.objects.filter(client=client)
        .select_related("worker", "status_reason")
        .prefetch_related("interpreters")
        .order_by("-starts_at")
    )


def appointment_profile_actions(client: Any, user: Any) -> list[ProfileAction]:
    """ "Book an appointment": the booking form opens with the client chosen."""
    if not (can(user, "appointments.book", client) and can(user, "clients.view", client)):
        return []
    url = f"{reverse('appointments:book')}?{urlencode({'client': str(client.uuid)})}"
    return [ProfileAction(label=_("Book an appointment"), url=url)]


def appointment_timeline(client: Any, user: Any) -> Iterator[TimelineEntry]:
    for appointment in _of_client(client).filter(scope_condition(user, "appointments.view")):
        detail = [appointment.get_channel_display(), appointment.get_status_display()]
        if appointment.status_reason:
            detail.append(appointment.status_reason.name_in(None))
        yield TimelineEntry(
            when=appointment.starts_at,
            kind="appointment",
            title=_("Appointment: %(kind)s") % {"kind": appointment.get_kind_display()},
            detail=" · ".join(detail),
            url=reverse("appointments:detail", args=[appointment.uuid]),
        )


def appointment_export(client: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": str(a.uuid),
            "kind": a.kind,
            "starts_at": a.starts_at.isoformat(),
            "ends_at": a.ends_at.isoformat(),
            "channel": a.channel,
            "status": a.status,
            "topic": a.topic,
            "interpreters": [{"language": i.language, "mode": i.mode} for i in a.interpreters.all()],
        }
        for a in _of_client(client)
    ]
