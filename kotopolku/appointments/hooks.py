"""The appointments app's part in a client's profile, timeline and data export."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can, scope_of
from kotopolku.appointments.models import Appointment
from kotopolku.clients.hooks import ProfileAction, TimelineEntry, TimelineQuery
from kotopolku.clients.timeline import as_uuid, choice_label


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


def _appointment_entry(when: Any, data: dict[str, Any]) -> TimelineEntry:
    detail = [
        choice_label(Appointment, "channel", data["channel"]),
        choice_label(Appointment, "status", data["status"]),
    ]
    if data.get("reason"):
        detail.append(data["reason"])
    return TimelineEntry(
        when=when,
        kind="appointment",
        title=_("Appointment: %(kind)s") % {"kind": choice_label(Appointment, "kind", data["kind"])},
        detail=" · ".join(detail),
        url=reverse("appointments:detail", args=[as_uuid(data["uuid"])]),
    )


# The appointments the user may see, in the client's one timeline query.
appointment_timeline = TimelineQuery(
    allowed=lambda client, user: scope_of(user, "appointments.view"),
    rows=lambda client, scope: Appointment.objects.filter(client=client).filter(scope.condition()),
    when="starts_at",
    data={
        "uuid": "uuid",
        "kind": "kind",
        "channel": "channel",
        "status": "status",
        "reason": "status_reason__name_fi",
    },
    entry=_appointment_entry,
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
