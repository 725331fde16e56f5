"""Registrations: the public form's checks and rate limit, the event's row lock that keeps exactly
``capacity`` registered, the waiting list that moves up on a cancellation, and the e-mails queued."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.clients.validators import phone_normalise
from kotopolku.contacts.languages import is_known_language
from kotopolku.employers.validation import FieldErrors, clean_text
from kotopolku.events import tasks
from kotopolku.events.enums import (
    EventStatus,
    RegistrationStatus,
)
from kotopolku.events.models import (
    Event,
    Registration,
    RegistrationAttempt,
)

# Public registration: at most this many attempts per address in the window.
RATE_LIMIT = 10
RATE_WINDOW = dt.timedelta(hours=1)


class RateLimited(Exception):
    """Too many registration attempts from one address."""


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


def registered_count(event: Event) -> int:
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
    """Lock the event and write the registration: registered while fewer than the capacity
    are, else waiting. The lock is held for that, the audit event and the commit only."""
    registration = Registration(
        event=event,
        service_point_id=event.service_point_id,
        contact_key=values["email"],
        status=RegistrationStatus.WAITING,
        cancel_token=secrets.token_urlsafe(32),
        **values,
    )
    locked = _insert_under_lock(event=event, registration=registration)
    closed = _open_for_registration(locked, now)
    if closed:
        FieldErrors(__all__=[closed]).raise_if_any()
    registration.event = locked
    audit_record(
        actor=by,
        action="events.register",
        target=registration,
        purpose="event registration",
        details={"event": str(locked.uuid), "status": registration.status},
    )
    return registration


def _insert_under_lock(*, event: Event, registration: Registration) -> Event:
    """Lock the event and insert ``registration``, with its status from the count of those
    registered. On PostgreSQL in one round trip: the lock first, then the insert in a statement
    of its own, whose snapshot sees every registration committed before the lock was granted,
    and whose time (the database's clock, taken under the lock) keeps them in the order they
    got in. The lock leaves the foreign-key locks of other inserts free."""
    if connection.vendor != "postgresql":
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.capacity is None or registered_count(locked) < locked.capacity:
            registration.status = RegistrationStatus.REGISTERED
        registration.save(force_insert=True)
        return locked
    quote = connection.ops.quote_name
    events_table, registrations_table = quote(Event._meta.db_table), quote(Registration._meta.db_table)
    fields = [f for f in Registration._meta.concrete_fields if not f.primary_key]
    registered = str(RegistrationStatus.REGISTERED)
    expressions, params = [], []
    for f in fields:
        if f.name in ("created_at", "updated_at"):
            expressions.append("clock_timestamp()")
        elif f.name == "status":
            expressions.append(
                f"""CASE WHEN e.capacity IS NULL OR e.capacity > (
                        SELECT COUNT(*) FROM {registrations_table} r
                        WHERE r.event_id = e.id AND r.status = %s) THEN %s ELSE %s END"""  # noqa: S608
            )
            params += [registered, registered, str(RegistrationStatus.WAITING)]
        else:
            expressions.append("%s")
            params.append(f.get_db_prep_save(getattr(registration, f.attname), connection))
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT status, registration_deadline, starts_at, capacity FROM {events_table}
                WHERE id = %s FOR NO KEY UPDATE;
                INSERT INTO {registrations_table} ({", ".join(quote(f.column) for f in fields)})
                SELECT {", ".join(expressions)} FROM {events_table} e WHERE e.id = %s
                RETURNING id, status, created_at, updated_at""",  # noqa: S608 -- columns from the model
            [event.pk, *params, event.pk],
        )
        status, deadline, starts_at, capacity = cursor.fetchone()
        cursor.nextset()
        registration.pk, registration.status, registration.created_at, registration.updated_at = (
            cursor.fetchone()
        )
    registration._state.adding, registration._state.db = False, connection.alias
    locked = copy.copy(event)
    locked.status, locked.registration_deadline = status, deadline
    locked.starts_at, locked.capacity = starts_at, capacity
    return locked


def _queue_messages(registration: Registration, site_url: str) -> None:
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


def waiting_list_move_up(event: Event, site_url: str = "") -> list[Registration]:
    """Under the event's lock: fill free places from the waiting list, first come first."""
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - registered_count(event)
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
            waiting_list_move_up(event, site_url)
    return registration


def registration_by_token(token: str) -> Registration | None:
    if not token or len(token) > 64:
        return None
    return Registration.objects.select_related("event").filter(cancel_token=token).first()
