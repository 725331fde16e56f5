"""Writing events, registrations, attendance, head counts and workshop outputs.

Registering takes a row lock on the event, so that however many people register at once
exactly ``capacity`` are registered and the rest wait, in the order they came; a cancellation
moves the first on the waiting list up under the same lock. E-mails go out through tasks once
the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.clients.validators import phone_normalise
from kotopolku.contacts.languages import is_known_language
from kotopolku.core.versioning import versioned_update
from kotopolku.employers.validation import FieldErrors, clean_text
from kotopolku.events.enums import (
    Attendance,
    EventKind,
    EventStatus,
    HeadCountGender,
    RegistrationStatus,
    TargetGroup,
)
from kotopolku.events.models import (
    CONTENT_LANGUAGES,
    Event,
    EventText,
    HeadCount,
    Registration,
    RegistrationAttempt,
    WorkshopOutput,
)

if TYPE_CHECKING:
    from kotopolku.accounts.models import User
    from kotopolku.clients.models import Client
    from kotopolku.employers.models import Employer
    from kotopolku.organisations.models import Organisation, ServicePoint

# Registrations are anonymised this long after the event ends.
REGISTRATION_RETENTION = dt.timedelta(days=30)
# Public registration: at most this many attempts per address in the window.
RATE_LIMIT = 10
RATE_WINDOW = dt.timedelta(hours=1)
MAX_OUTPUT_BYTES = 5 * 1024 * 1024
MAX_LANGUAGES = 10


class RateLimited(Exception):
    """Too many registration attempts from one address."""


# --- events ------------------------------------------------------------------------------


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
    audit_record(actor=by, action="events.update", target=event, details={"fields": changed})
    if "ends_at" in changed:
        _queue_anonymisation(event)
    if "capacity" in changed and (event.capacity is None or (old_capacity or 0) < event.capacity):
        _move_up(event)
    return event


# --- registrations -----------------------------------------------------------------------


@dataclass
class RegistrationData:
    name: str
    email: str
    language: str
    phone: str = ""
    needs: str = ""


def _address_hash(address: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


def registration_attempt_check(*, address: str, now: dt.datetime | None = None) -> None:
    """Count an attempt from ``address``; raise ``RateLimited`` past the limit. Runs in its own
    transaction, so a refused registration still counts."""
    now = now or timezone.now()
    key = _address_hash(address)
    with transaction.atomic():
        recent = RegistrationAttempt.objects.filter(address_hash=key, at__gte=now - RATE_WINDOW).count()
        RegistrationAttempt.objects.create(address_hash=key, at=now)
    if recent >= RATE_LIMIT:
        raise RateLimited


def _registration_clean(data: RegistrationData) -> dict[str, Any]:
    errors = FieldErrors()
    name = clean_text(errors, "name", data.name, max_length=120, required=True)
    email = clean_text(errors, "email", data.email, max_length=254).lower()
    phone = clean_text(errors, "phone", data.phone, max_length=32)
    needs = clean_text(errors, "needs", data.needs, max_length=1000, free=True)
    if not email and not errors.get("email"):
        errors.add("email", _("Give an e-mail address: the confirmation and the cancel link are sent there."))
    elif email:
        try:
            validate_email(email)
        except Exception:
            errors.add("email", _("Give a valid e-mail address."))
    if phone:
        try:
            phone = phone_normalise(phone)
        except Exception:
            errors.add("phone", _("Give a valid phone number, e.g. +358 40 123 4567."))
    if not isinstance(data.language, str) or not is_known_language(data.language):
        errors.add("language", _("Choose a language from the list."))
    errors.raise_if_any()
    return {"name": name, "email": email, "phone": phone, "needs": needs, "language": data.language}


def _open_for_registration(event: Event, now: dt.datetime) -> str | None:
    if event.status != EventStatus.PUBLISHED:
        return _("The event is not open for registration.")
    if event.registration_deadline and now > event.registration_deadline:
        return _("Registration for this event has closed.")
    if now >= event.starts_at:
        return _("The event has already started.")
    return None


def _registered_count(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.REGISTERED).count()


def registration_create(
    *,
    event: Event,
    data: RegistrationData,
    by: Any = None,
    site_url: str = "",
    now: dt.datetime | None = None,
) -> Registration:
    """Register a person (from the public site: ``by`` None). Registered while there is room,
    else on the waiting list; the confirmation e-mail is queued."""
    values = _registration_clean(data)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            registration = _register_locked(event=event, values=values, by=by, now=now)
            _queue_messages(registration, site_url)
    except IntegrityError:
        # The same person twice, refused by the unique constraint on (event, contact): no check
        # of our own while the event is locked, one round trip less for everyone waiting.
        FieldErrors(email=[_("This e-mail address is already registered to the event.")]).raise_if_any()
        raise
    return registration


def _register_locked(*, event: Event, values: dict[str, Any], by: Any, now: dt.datetime) -> Registration:
    locked = Event.objects.select_for_update().get(pk=event.pk)
    closed = _open_for_registration(locked, now)
    if closed:
        FieldErrors(__all__=[closed]).raise_if_any()
    full = locked.capacity is not None and _registered_count(locked) >= locked.capacity
    registration = Registration.objects.create(
        event=locked,
        service_point_id=locked.service_point_id,
        contact_key=values["email"],
        status=RegistrationStatus.WAITING if full else RegistrationStatus.REGISTERED,
        cancel_token=secrets.token_urlsafe(32),
        **values,
    )
    audit_record(
        actor=by,
        action="events.register",
        target=registration,
        purpose="event registration",
        details={"event": str(locked.uuid), "status": registration.status},
    )
    return registration


def _queue_messages(registration: Registration, site_url: str) -> None:
    from kotopolku.events import tasks

    def enqueue() -> None:
        event = registration.event
        reminder_at = event.starts_at - dt.timedelta(days=1)
        with transaction.atomic():  # the three tasks in one commit
            tasks.registration_confirm.enqueue(registration_id=registration.pk, site_url=site_url)
            tasks.registration_remind.using(run_after=max(reminder_at, timezone.now())).enqueue(
                registration_id=registration.pk, starts_at=event.starts_at.isoformat(), site_url=site_url
            )
            tasks.registration_ask_feedback.using(run_after=event.ends_at + dt.timedelta(hours=2)).enqueue(
                registration_id=registration.pk, site_url=site_url
            )

    transaction.on_commit(enqueue)


def _queue_anonymisation(event: Event) -> None:
    """Once per event (and again when it moves): blank its registrations a set time after it."""
    from kotopolku.events import tasks

    run_after = event.ends_at + REGISTRATION_RETENTION
    transaction.on_commit(
        partial(tasks.event_registrations_anonymise.using(run_after=run_after).enqueue, event_id=event.pk)
    )


def _move_up(event: Event, site_url: str = "") -> list[Registration]:
    """Under the event's lock: fill free places from the waiting list, first come first."""
    from kotopolku.events import tasks

    if event.capacity is None:
        free = None
    else:
        free = event.capacity - _registered_count(event)
        if free <= 0:
            return []
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING).order_by("created_at", "id")
    moved = list(waiting if free is None else waiting[:free])
    for registration in moved:
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=None,
            action="events.move_up",
            target=registration,
            purpose="event registration",
            details={"event": str(event.uuid)},
        )
        transaction.on_commit(
            partial(tasks.registration_moved_up.enqueue, registration_id=registration.pk, site_url=site_url)
        )
    return moved


def registration_cancel(*, registration: Registration, by: Any = None, site_url: str = "") -> Registration:
    """Cancel (by the person, with their link, or by staff); the first waiting moves up."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        was_registered = registration.status == RegistrationStatus.REGISTERED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        audit_record(
            actor=by, action="events.cancel", target=registration, purpose="event registration",
            details={"event": str(event.uuid)},
        )  # fmt: skip
        if was_registered and event.starts_at > timezone.now():
            _move_up(event, site_url)
    return registration


def registration_by_token(token: str) -> Registration | None:
    if not token or len(token) > 64:
        return None
    return Registration.objects.select_related("event").filter(cancel_token=token).first()


@transaction.atomic
def attendance_mark(*, registration: Registration, attendance: str, by: User) -> Registration:
    if attendance not in Attendance.values:
        FieldErrors(attendance=[_("Choose present or absent.")]).raise_if_any()
    if registration.status != RegistrationStatus.REGISTERED:
        FieldErrors(attendance=[_("Only a registered person can be marked.")]).raise_if_any()
    registration.attendance = attendance
    registration.save(update_fields=["attendance", "updated_at"])
    audit_record(
        actor=by, action="events.attendance", target=registration, purpose="event registration",
        details={"attendance": attendance},
    )  # fmt: skip
    return registration


@transaction.atomic
def registration_link_client(*, registration: Registration, client: Client | None, by: User) -> Registration:
    """Link a registration to the client it is (their attendance then shows on the timeline)."""
    if client is not None and client.service_point_id != registration.service_point_id:
        FieldErrors(client=[_("The client is not registered at this service point.")]).raise_if_any()
    registration.client = client
    registration.save(update_fields=["client", "updated_at"])
    audit_record(
        actor=by, action="events.link_client", target=registration, purpose="event registration",
        details={"client": str(client.uuid) if client else None},
    )  # fmt: skip
    return registration


@transaction.atomic
def head_count_set(*, event: Event, language: str, gender: str, count: int, by: User) -> HeadCount | None:
    errors = FieldErrors()
    if not is_known_language(language):
        errors.add("language", _("Choose a language from the list."))
    if gender not in HeadCountGender.values:
        errors.add("gender", _("Choose a gender option from the list."))
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 100_000:
        errors.add("count", _("Give a whole number from 0 to 100000."))
    errors.raise_if_any()
    if count == 0:
        HeadCount.objects.filter(event=event, language=language, gender=gender).delete()
        head_count = None
    else:
        head_count, _created = HeadCount.objects.update_or_create(
            event=event, language=language, gender=gender, defaults={"count": count}
        )
    audit_record(
        actor=by, action="events.head_count", target=event,
        details={"language": language, "gender": gender, "count": count},
    )  # fmt: skip
    return head_count


@transaction.atomic
def workshop_output_add(
    *,
    event: Event,
    title: str,
    note: str,
    file_name: str = "",
    content_type: str = "",
    content: bytes = b"",
    by: User,
) -> WorkshopOutput:
    errors = FieldErrors()
    title = clean_text(errors, "title", title, max_length=200, required=True)
    note = clean_text(errors, "note", note, max_length=20000, free=True)
    file_name = clean_text(errors, "file", file_name, max_length=200)
    if len(content) > MAX_OUTPUT_BYTES:
        errors.add("file", _("The file is too large: at most 5 MB."))
    if not note and not content:
        errors.add("note", _("Write a note or attach a file."))
    errors.raise_if_any()
    output = WorkshopOutput.objects.create(
        event=event,
        title=title,
        note=note,
        file_name=file_name,
        content_type=(content_type or "application/octet-stream")[:100],
        content=content,
        added_by=by,
    )
    audit_record(actor=by, action="events.output_add", target=event, details={"output": str(output.uuid)})
    return output


def _blank(registration: Registration, now: dt.datetime) -> None:
    registration.name = ""
    registration.email = ""
    registration.phone = ""
    registration.needs = ""
    registration.contact_key = ""
    registration.cancel_token = f"anonymised-{registration.pk}"
    registration.anonymised_at = now
    registration.save(
        update_fields=[
            "name",
            "email",
            "phone",
            "needs",
            "contact_key",
            "cancel_token",
            "anonymised_at",
            "updated_at",
        ]
    )


@transaction.atomic
def event_registrations_anonymise(*, event: Event, now: dt.datetime | None = None) -> int:
    """Blank the personal data of the event's registrations once the retention time has passed
    (status, language, attendance and a linked client stay: they are what the statistics count)."""
    now = now or timezone.now()
    if event.ends_at + REGISTRATION_RETENTION > now:
        return 0
    registrations = list(event.registrations.filter(anonymised_at__isnull=True))
    for registration in registrations:
        _blank(registration, now)
    Event.objects.filter(pk=event.pk).update(registrations_anonymised_at=now)
    audit_record(
        actor=None, action="events.anonymise", target=event, purpose="retention period",
        details={"registrations": len(registrations)},
    )  # fmt: skip
    return len(registrations)


def registrations_due_anonymise(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    done = 0
    for event in Event.objects.filter(
        ends_at__lt=now - REGISTRATION_RETENTION, registrations_anonymised_at__isnull=True
    ):
        done += event_registrations_anonymise(event=event, now=now)
    return done


def registrations_of_client_erase(*, client: Client) -> None:
    """With the client's erasure: the linked registrations lose their personal data too."""
    now = timezone.now()
    for registration in Registration.objects.filter(client=client, anonymised_at__isnull=True):
        _blank(registration, now)
