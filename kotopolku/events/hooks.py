"""The events app's part in a client's timeline, data export and erasure: registrations linked
to the client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kotopolku.clients.hooks import TimelineEntry
from kotopolku.events.enums import Attendance
from kotopolku.events.retention import registrations_of_client_erase
from kotopolku.events.selectors import registrations_of_client


def registration_timeline(client: Any, user: Any) -> Iterator[TimelineEntry]:
    language = get_language()
    for registration in registrations_of_client(client=client):
        event = registration.event
        if registration.attendance == Attendance.PRESENT:
            title = _("Took part in %(kind)s: %(title)s")
        elif registration.attendance == Attendance.ABSENT:
            title = _("Did not come to %(kind)s: %(title)s")
        else:
            title = _("Registered to %(kind)s: %(title)s")
        yield TimelineEntry(
            when=event.starts_at,
            kind="event",
            title=title % {"kind": event.get_kind_display(), "title": event.title_in(language)},
            detail=registration.get_status_display(),
        )


def registration_export(client: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": str(r.uuid),
            "event": r.event.title_in("en"),
            "starts_at": r.event.starts_at.isoformat(),
            "name": r.name,
            "email": r.email,
            "phone": r.phone,
            "language": r.language,
            "needs": r.needs,
            "status": r.status,
            "attendance": r.attendance,
            "registered_at": r.created_at.isoformat(),
        }
        for r in registrations_of_client(client=client)
    ]


def on_client_anonymised(sender: Any = None, *, client: Any, **kwargs: Any) -> None:
    registrations_of_client_erase(client=client)
