"""How other apps join a client's timeline, data export, erasure and merge without the clients
app importing them (apps depend downwards: contacts, casework … → clients).

An app registers in its ``AppConfig.ready()``::

    register_timeline_source(contact_timeline)            # (client, user) -> entries
    register_export_source("contacts", contact_export)    # client -> JSON-able data
    client_anonymised.connect(blank_contact_notes)        # kwargs: client

Merging re-points every foreign key to ``Client`` generically (``Client._meta.related_objects``),
so linked rows of any app follow the kept record without registering anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.dispatch import Signal

# Defined beside the code that reads them; registered and imported from here.
from kotopolku.clients.timeline_parts import TimelineEntry as TimelineEntry
from kotopolku.clients.timeline_parts import TimelineQuery as TimelineQuery

if TYPE_CHECKING:
    from kotopolku.clients.models import Client


TimelineSource = Callable[["Client", Any], Iterable[TimelineEntry]]


ExportSource = Callable[["Client"], Any]

_timeline_sources: list[TimelineSource] = []
_export_sources: dict[str, ExportSource] = {}

# Sent inside the anonymisation transaction, after the client's own fields are blanked.
client_anonymised = Signal()


def register_timeline_source(source: TimelineSource) -> None:
    if source not in _timeline_sources:
        _timeline_sources.append(source)


def timeline_sources() -> list[TimelineSource]:
    return list(_timeline_sources)


def register_export_source(name: str, source: ExportSource) -> None:
    _export_sources[name] = source


def export_sources() -> dict[str, ExportSource]:
    return dict(_export_sources)


@dataclass(frozen=True)
class ExportRecord:
    """One record of a readable export section: a heading and its fields, in words, translated."""

    heading: str
    fields: list[tuple[str, str]]  # (label, value)


@dataclass(frozen=True)
class ExportSection:
    title: str
    records: list[ExportRecord]


# client -> the app's part of the client's "your data" document, in the active language (the
# export page calls it under the language the client reads). The JSON export keeps using
# ``register_export_source``; an app registers both.
ExportDocumentSource = Callable[["Client"], ExportSection]

_export_documents: dict[str, ExportDocumentSource] = {}


def register_export_document(name: str, source: ExportDocumentSource) -> None:
    _export_documents[name] = source


def export_documents() -> dict[str, ExportDocumentSource]:
    return dict(_export_documents)


@dataclass(frozen=True)
class ProfileAction:
    """A link another app offers on a client's profile ("Log a contact for this client")."""

    label: str
    url: str


# (client, user) -> the app's actions for this client that this user may take.
ProfileActionSource = Callable[["Client", Any], Iterable[ProfileAction]]

_profile_action_sources: list[ProfileActionSource] = []


def register_profile_actions(source: ProfileActionSource) -> None:
    if source not in _profile_action_sources:
        _profile_action_sources.append(source)


def profile_actions(client: Client, user: Any) -> list[ProfileAction]:
    return [action for source in _profile_action_sources for action in source(client, user)]


# A panel on the client's profile from another app: (client, user) -> rendered HTML, or None.
ProfilePanel = Callable[["Client", Any], Any]
# Where the retention period of closed clients counts from, from an app that keeps their cases:
# (clients) -> {client id: the moment it counts from, or None while a case is still open}.
# Clients missing from the answer count from their own ``closed_at``.
RetentionSource = Callable[[list["Client"]], dict[int, datetime | None]]

_profile_panels: list[ProfilePanel] = []
_retention_sources: list[RetentionSource] = []


def register_profile_panel(panel: ProfilePanel) -> None:
    if panel not in _profile_panels:
        _profile_panels.append(panel)


def profile_panels() -> list[ProfilePanel]:
    return list(_profile_panels)


def register_retention_source(source: RetentionSource) -> None:
    if source not in _retention_sources:
        _retention_sources.append(source)


def retention_sources() -> list[RetentionSource]:
    return list(_retention_sources)
