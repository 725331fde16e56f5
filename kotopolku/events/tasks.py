"""Background work of events (django-tasks; run by ``python -m kotopolku db_worker``).

Each task reads the registration again when it runs and does nothing when it no longer applies
(cancelled, already sent, the event moved or was cancelled), so queueing them ahead is safe.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from kotopolku.events import messages
from kotopolku.events.enums import EventStatus, RegistrationStatus
from kotopolku.events.models import Event, Registration
from kotopolku.events.retention import event_registrations_anonymise as anonymise


def _active(registration_id: int) -> Registration | None:
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or registration.anonymised_at or not registration.email:
        return None
    if (
        registration.status == RegistrationStatus.CANCELLED
        or registration.event.status == EventStatus.CANCELLED
    ):
        return None
    return registration


def _mark(registration: Registration, field: str) -> bool:
    """Set the sent-at field once; False when another worker already did (no double e-mail)."""
    with transaction.atomic():
        updated = Registration.objects.filter(pk=registration.pk, **{f"{field}__isnull": True}).update(
            **{field: timezone.now()}
        )
    return bool(updated)


@task()
def registration_confirm(registration_id: int, site_url: str = "") -> bool:
    registration = _active(registration_id)
    if registration is None or not _mark(registration, "confirmed_at"):
        return False
    messages.send_confirmation(registration, site_url)
    return True


@task()
def registration_moved_up(registration_id: int, site_url: str = "") -> bool:
    registration = _active(registration_id)
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        return False
    messages.send_moved_up(registration, site_url)
    return True


@task()
def registration_remind(registration_id: int, starts_at: str, site_url: str = "") -> bool:
    registration = _active(registration_id)
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        return False
    event = registration.event
    if event.starts_at.isoformat() != starts_at:
        # The event moved: remind a day before its new time instead.
        if event.starts_at > timezone.now():
            registration_remind.using(
                run_after=max(event.starts_at - dt.timedelta(days=1), timezone.now())
            ).enqueue(
                registration_id=registration_id, starts_at=event.starts_at.isoformat(), site_url=site_url
            )
        return False
    if event.starts_at <= timezone.now() or not _mark(registration, "reminded_at"):
        return False
    messages.send_reminder(registration, site_url)
    return True


@task()
def registration_ask_feedback(registration_id: int, site_url: str = "") -> bool:
    registration = _active(registration_id)
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        return False
    if registration.event.ends_at > timezone.now() or not _mark(registration, "feedback_requested_at"):
        return False
    messages.send_feedback_request(registration, site_url)
    return True


@task()
def event_registrations_anonymise(event_id: int) -> int:
    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.registrations_anonymised_at is not None:
        return 0
    # A task queued before the event moved later finds it not yet due and does nothing; the
    # move queued another for the new time.
    return anonymise(event=event)
