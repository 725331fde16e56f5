"""The contacts app's part in a client's timeline, data export and anonymisation."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can, service_point_ids
from kotopolku.clients.hooks import ExportRecord, ExportSection, ProfileAction, TimelineEntry, TimelineQuery
from kotopolku.clients.timeline import Joined, choice_label
from kotopolku.contacts.languages import language_name
from kotopolku.contacts.models import Contact, Topic
from kotopolku.contacts.selectors import contacts_of_client
from kotopolku.contacts.services import contact_notes_blank

_UNIT, _RECORD = "\x1f", "\x1e"


def _contact_entry(when: Any, data: dict[str, Any]) -> TimelineEntry:
    language = get_language() or "fi"
    field = {"sv": 2, "en": 3}.get(language, 1)
    topics = sorted(
        (int(parts[0]), parts[field] or parts[1])
        for record in (data.get("topics") or "").split(_RECORD)
        if len(parts := record.split(_UNIT)) == 4
    )
    title = _("%(channel)s contact: %(topics)s") % {
        "channel": choice_label(Contact, "channel", data["channel"]),
        "topics": ", ".join(name for _order, name in topics),
    }
    parts = [
        _("Language: %(language)s") % {"language": language_name(data["language"], language)},
        _("Outcome: %(outcome)s") % {"outcome": choice_label(Contact, "outcome", data["outcome"])},
    ]
    if data.get("organisation"):
        name = {"sv": data.get("organisation_sv"), "en": data.get("organisation_en")}.get(language)
        parts.append(_("Guided to: %(organisation)s") % {"organisation": name or data["organisation"]})
    if data.get("note"):
        parts.append(data["note"])
    return TimelineEntry(when=when, kind="contact", title=title, detail=" · ".join(parts))


def _contact_points(client: Any, user: Any) -> frozenset[int]:
    return frozenset(service_point_ids(user, "contacts.view"))


def _contact_rows(client: Any, points: frozenset[int]) -> Any:
    return Contact.objects.filter(client=client, service_point_id__in=sorted(points))


_topic_names = (
    Topic.objects.filter(contacts=OuterRef("pk"))
    .order_by()
    .values("contacts")
    .annotate(
        names=Joined(
            Concat(
                Cast("order", CharField()),
                Value(_UNIT),
                "name_fi",
                Value(_UNIT),
                "name_sv",
                Value(_UNIT),
                "name_en",
                output_field=CharField(),
            ),
            _RECORD,
        )
    )
    .values("names")
)

# The contacts the user may see, with their topics, in the client's one timeline query.
contact_timeline = TimelineQuery(
    allowed=_contact_points,
    rows=_contact_rows,
    when="happened_at",
    data={
        "channel": "channel",
        "language": "language",
        "outcome": "outcome",
        "note": "note",
        "organisation": "organisation__name",
        "organisation_sv": "organisation__name_sv",
        "organisation_en": "organisation__name_en",
        "topics": Subquery(_topic_names, output_field=CharField()),
    },
    entry=_contact_entry,
)


def contact_export(client: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": str(contact.uuid),
            "happened_at": contact.happened_at.isoformat(),
            "channel": contact.channel,
            "language": contact.language,
            "interpreter": contact.interpreter,
            "topics": [topic.code for topic in contact.topics.all()],
            "client_group": contact.client_group.code if contact.client_group else None,
            "duration_minutes": contact.duration_minutes,
            "outcome": contact.outcome,
            "organisation": contact.organisation.name if contact.organisation else None,
            "note": contact.note,
        }
        for contact in contacts_of_client(client=client)
    ]


def on_client_anonymised(sender: Any = None, *, client: Any, **kwargs: Any) -> None:
    contact_notes_blank(client=client)


def contact_export_document(client: Any) -> ExportSection:
    """The client's contacts with the desk, in words, in the active language."""
    language = get_language()
    records = []
    for contact in contacts_of_client(client=client):
        fields = [
            (_("Topics"), ", ".join(topic.name_in(language) for topic in contact.topics.all()) or "–"),
            (_("Language used"), language_name(contact.language, language)),
            (_("Outcome"), str(contact.get_outcome_display())),
        ]
        if contact.interpreter:
            fields.append((_("Interpreter"), contact.interpreter))
        if contact.duration_minutes:
            fields.append((_("Duration"), _("%(minutes)s min") % {"minutes": contact.duration_minutes}))
        if contact.organisation is not None:
            fields.append((_("Guided to"), contact.organisation.name_in(language)))
        if contact.note:
            fields.append((_("Note"), contact.note))
        heading = _("%(when)s, %(channel)s") % {
            "when": date_format(localtime(contact.happened_at), "SHORT_DATETIME_FORMAT"),
            "channel": contact.get_channel_display(),
        }
        records.append(ExportRecord(heading=heading, fields=fields))
    return ExportSection(title=_("Visits and calls to the service point"), records=records)


def contact_profile_actions(client: Any, user: Any) -> list[ProfileAction]:
    """ "Log a contact for this client": the desk opens with the client linked."""
    if not can(user, "contacts.log", client):
        return []
    url = f"{reverse('contacts:desk')}?{urlencode({'client': str(client.uuid)})}"
    return [ProfileAction(label=_("Log a contact for this client"), url=url)]
