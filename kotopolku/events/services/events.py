"""Events: their checks, texts in several languages, organisers, and the anonymisation queued for
each one's end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.contacts.languages import is_known_language
from kotopolku.core.versioning import versioned_update
from kotopolku.employers.validation import FieldErrors, clean_text
from kotopolku.events import tasks
from kotopolku.events.enums import (
    EventKind,
    EventStatus,
    RegistrationStatus,
    TargetGroup,
)
from kotopolku.events.models import (
    CONTENT_LANGUAGES,
    Event,
    EventText,
)
from kotopolku.events.retention import REGISTRATION_RETENTION
from kotopolku.events.services.registrations import waiting_list_move_up

if TYPE_CHECKING:
    from kotopolku.accounts.models import User
    from kotopolku.employers.models import Employer
    from kotopolku.organisations.models import Organisation, ServicePoint

MAX_LANGUAGES = 10


@dataclass
class EventData:
    kind: str
    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    titles: dict[str, str]
    descriptions: dict[str, str] = field(default_factory=dict)
    place: str = ""
    online_url: str = ""
    capacity: int | None = None
    registration_deadline: dt.datetime | None = None
    public_registration: bool = True
    target_groups: Sequence[str] = field(default_factory=list)
    languages: Sequence[str] = field(default_factory=list)
    status: str = EventStatus.DRAFT
    organiser_organisations: Sequence[Organisation] = field(default_factory=list)
    organiser_employers: Sequence[Employer] = field(default_factory=list)
    participating_organisations: Sequence[Organisation] = field(default_factory=list)


def _event_clean(
    data: EventData, *, existing: Event | None
) -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
    errors = FieldErrors()
    if data.kind not in EventKind.values:
        errors.add("kind", _("Choose a kind of event from the list."))
    if data.status not in EventStatus.values:
        errors.add("status", _("Choose a status from the list."))
    if data.starts_at is None:
        errors.add("starts_at", _("This field is required."))
    if data.ends_at is None:
        errors.add("ends_at", _("This field is required."))
    if data.starts_at and data.ends_at and data.ends_at < data.starts_at:
        errors.add("ends_at", _("The event ends before it starts."))
    if data.registration_deadline and data.ends_at and data.registration_deadline > data.ends_at:
        errors.add("registration_deadline", _("Registration closes after the event has ended."))
    texts: dict[str, tuple[str, str]] = {}
    for language in CONTENT_LANGUAGES:
        title = clean_text(errors, f"title_{language}", data.titles.get(language), max_length=200)
        description = clean_text(
            errors, f"description_{language}", data.descriptions.get(language), max_length=8000, free=True
        )
        if description and not title:
            errors.add(f"title_{language}", _("Give a title in this language too."))
        if title:
            texts[language] = (title, description)
    if "fi" not in texts and not errors.get("title_fi"):
        errors.add("title_fi", _("Give the title in Finnish at least."))
    place = clean_text(errors, "place", data.place, max_length=200)
    online_url = clean_text(errors, "online_url", data.online_url, max_length=200)
    if online_url and not online_url.startswith("https://"):
        errors.add("online_url", _("Give a web address that starts with https://."))
    if not place and not online_url:
        errors.add("place", _("Give the place or an online link."))
    if data.capacity is not None:
        if (
            isinstance(data.capacity, bool)
            or not isinstance(data.capacity, int)
            or not 1 <= data.capacity <= 100_000
        ):
            errors.add(
                "capacity", _("Give the capacity as a whole number from 1 to 100000, or leave it empty.")
            )
        elif existing is not None:
            registered = existing.registrations.filter(status=RegistrationStatus.REGISTERED).count()
            if data.capacity < registered:
                errors.add(
                    "capacity",
                    _("%(count)d people are registered already: the capacity cannot be lower.")
                    % {"count": registered},
                )
    groups = list(dict.fromkeys(data.target_groups))
    if any(group not in TargetGroup.values for group in groups):
        errors.add("target_groups", _("Choose target groups from the list."))
    languages = list(dict.fromkeys(data.languages))
    if len(languages) > MAX_LANGUAGES or any(not is_known_language(str(code)) for code in languages):
        errors.add("languages", _("Choose languages from the list."))
    errors.raise_if_any()
    values = {
        "kind": data.kind,
        "status": data.status,
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        "place": place,
        "online_url": online_url,
        "capacity": data.capacity,
        "registration_deadline": data.registration_deadline,
        "public_registration": data.public_registration,
        "target_groups": groups,
        "languages": languages,
    }
    return values, texts


def _write_texts(event: Event, texts: dict[str, tuple[str, str]]) -> None:
    event.texts.exclude(language__in=list(texts)).delete()
    for language, (title, description) in texts.items():
        EventText.objects.update_or_create(
            event=event, language=language, defaults={"title": title, "description": description}
        )


def _write_relations(event: Event, data: EventData) -> None:
    event.organiser_organisations.set(data.organiser_organisations)
    event.organiser_employers.set(data.organiser_employers)
    event.participating_organisations.set(data.participating_organisations)


@transaction.atomic
def event_create(*, service_point: ServicePoint, data: EventData, by: User) -> Event:
    values, texts = _event_clean(data, existing=None)
    event = Event.objects.create(service_point=service_point, created_by=by, **values)
    _write_texts(event, texts)
    _write_relations(event, data)
    audit_record(actor=by, action="events.create", target=event, details={"fields": sorted(values)})
    _queue_anonymisation(event)
    return event


@transaction.atomic
def event_update(*, event: Event, data: EventData, expected_version: int | None, by: User) -> Event:
    # The lock first: a registration arriving now waits, so the capacity is checked against
    # the registrations as they stand.
    locked = Event.objects.select_for_update().get(pk=event.pk)
    values, texts = _event_clean(data, existing=locked)
    old_capacity = locked.capacity
    event, changed = versioned_update(locked, changes=values, expected_version=expected_version)
    _write_texts(event, texts)
    _write_relations(event, data)
    audit_record(
        actor=by, action="events.update", target=event, details={"fields": changed, "version": event.version}
    )
    if "ends_at" in changed:
        _queue_anonymisation(event)
    if "capacity" in changed and (event.capacity is None or (old_capacity or 0) < event.capacity):
        waiting_list_move_up(event)
    return event


def _queue_anonymisation(event: Event) -> None:
    """Once per event (and again when it moves): blank its registrations a set time after it."""
    run_after = event.ends_at + REGISTRATION_RETENTION
    transaction.on_commit(
        partial(tasks.event_registrations_anonymise.using(run_after=run_after).enqueue, event_id=event.pk)
    )
