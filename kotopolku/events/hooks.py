"""The events app's part in a client's timeline, data export and erasure: registrations linked
to the client."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, OuterRef, Subquery, When
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kotopolku.clients.hooks import TimelineEntry, TimelineQuery
from kotopolku.clients.timeline import choice_label
from kotopolku.events.enums import Attendance
from kotopolku.events.models import Event, EventText, Registration
from kotopolku.events.retention import registrations_of_client_erase
from kotopolku.events.selectors import registrations_of_client


def _registration_entry(when: Any, data: dict[str, Any]) -> TimelineEntry:
    if data["attendance"] == Attendance.PRESENT:
        title = _("Took part in %(kind)s: %(title)s")
    elif data["attendance"] == Attendance.ABSENT:
        title = _("Did not come to %(kind)s: %(title)s")
    else:
        title = _("Registered to %(kind)s: %(title)s")
    kind = choice_label(Event, "kind", data["kind"])
    return TimelineEntry(
        when=when,
        kind="event",
        title=title % {"kind": kind, "title": data.get("title") or f"{kind} {when:%Y-%m-%d}"},
        detail=choice_label(Registration, "status", data["status"]),
    )


def _registration_rows(client: Any, allowed: Any) -> Any:
    # The event's title in the active language, else Finnish, else any (``Event.text_in``).
    language = get_language() or "fi"
    texts = EventText.objects.filter(event=OuterRef("event_id")).order_by(
        Case(When(language=language, then=0), When(language="fi", then=1), default=2), "language"
    )
    return Registration.objects.filter(client=client).annotate(
        event_title=Subquery(texts.values("title")[:1])
    )


# The client's event registrations, in the client's one timeline query.
registration_timeline = TimelineQuery(
    rows=_registration_rows,
    when="event__starts_at",
    data={"kind": "event__kind", "title": "event_title", "attendance": "attendance", "status": "status"},
    entry=_registration_entry,
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
