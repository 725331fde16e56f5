"""A worker's availability, absences and secret calendar feed."""

from __future__ import annotations

import secrets
from datetime import datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.models import User
from kotopolku.appointments.models import (
    Absence,
    Availability,
    CalendarFeed,
)
from kotopolku.appointments.services.common import (
    Errors,
    secret_hash,
)
from kotopolku.audit.services import audit_record

# --- availability, absences, feeds -------------------------------------------------------------


@transaction.atomic
def availability_add(
    *, worker: User, service_point: Any, weekday: int, starts: time, ends: time, slot_minutes: int, by: Any
) -> Availability:
    errors = Errors()
    if not 0 <= weekday <= 6:
        errors.add("weekday", _("Choose a weekday."))
    if ends <= starts:
        errors.add("ends", _("The end is before the start."))
    if not 5 <= slot_minutes <= 240:
        errors.add("slot_minutes", _("Give the slot length in minutes, from 5 to 240."))
    errors.raise_if_any()
    availability = Availability.objects.create(
        worker=worker,
        service_point=service_point,
        weekday=weekday,
        starts=starts,
        ends=ends,
        slot_minutes=slot_minutes,
    )
    audit_record(
        actor=by, action="appointments.availability", target=availability, service_point_id=service_point.pk
    )
    return availability


@transaction.atomic
def availability_remove(*, availability: Availability, by: Any) -> None:
    audit_record(
        actor=by,
        action="appointments.availability_remove",
        target=availability,
        service_point_id=availability.service_point_id,
    )
    availability.delete()


@transaction.atomic
def absence_add(*, worker: User, starts_at: datetime, ends_at: datetime, note: str, by: Any) -> Absence:
    errors = Errors()
    note = errors.text("note", note)
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        errors.add("starts_at", _("Give the time with a time zone."))
    elif ends_at <= starts_at:
        errors.add("ends_at", _("The end is before the start."))
    errors.raise_if_any()
    absence = Absence.objects.create(worker=worker, starts_at=starts_at, ends_at=ends_at, note=note)
    audit_record(actor=by, action="appointments.absence", target=absence)
    return absence


@transaction.atomic
def calendar_feed_create(*, worker: User, by: Any) -> tuple[CalendarFeed, str]:
    """A new secret feed address for the worker (the old ones stop working). The token is
    returned once; only its hash is kept."""
    CalendarFeed.objects.filter(worker=worker, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(worker=worker, token_hash=secret_hash(token))
    audit_record(actor=by, action="appointments.feed_create", target=feed)
    return feed, token


@transaction.atomic
def calendar_feed_revoke(*, worker: User, by: Any) -> int:
    revoked = CalendarFeed.objects.filter(worker=worker, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    audit_record(
        actor=by, action="appointments.feed_revoke", target_type="accounts.user", target_id=str(worker.uuid)
    )
    return revoked


def calendar_feed_worker(token: str) -> User | None:
    feed = (
        CalendarFeed.objects.select_related("worker")
        .filter(token_hash=secret_hash(token or ""), revoked_at__isnull=True, worker__is_active=True)
        .first()
    )
    return feed.worker if feed else None
