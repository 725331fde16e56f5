"""The contacts app's part in a client's timeline, data export and anonymisation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kotopolku.clients.hooks import ExportRecord, ExportSection, TimelineEntry
from kotopolku.contacts.languages import language_name
from kotopolku.contacts.selectors import contacts_of_client
from kotopolku.contacts.services import contact_notes_blank


def contact_timeline(client: Any, user: Any) -> Iterator[TimelineEntry]:
    language = get_language()
    for contact in contacts_of_client(client=client, user=user):
        topics = ", ".join(topic.name_in(language) for topic in contact.topics.all())
        title = _("%(channel)s contact: %(topics)s") % {
            "channel": contact.get_channel_display(),
            "topics": topics,
        }
        parts = [
            _("Language: %(language)s") % {"language": language_name(contact.language, language)},
            _("Outcome: %(outcome)s") % {"outcome": contact.get_outcome_display()},
        ]
        if contact.organisation is not None:
            parts.append(
                _("Guided to: %(organisation)s") % {"organisation": contact.organisation.name_in(language)}
            )
        if contact.note:
            parts.append(contact.note)
        yield TimelineEntry(when=contact.happened_at, kind="contact", title=title, detail=" · ".join(parts))


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
