"""A worker's availability, absences and secret calendar feed."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time
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
from kotopolku.core.versioning import StaleVersion, versioned_update


def _availability_errors(
    *,
    weekday: Any,
    starts: time | None,
    ends: time | None,
    slot_minutes: Any,
    valid_from: date | None,
    valid_until: date | None,
) -> Errors:
    errors = Errors()
    if isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6:
        errors.add("weekday", _("Choose a weekday."))
    if starts is None or ends is None:
        errors.add("ends", _("Give the hours."))
    elif ends <= starts:
        errors.add("ends", _("The end is before the start."))
    if isinstance(slot_minutes, bool) or not isinstance(slot_minutes, int) or not 5 <= slot_minutes <= 240:
        errors.add("slot_minutes", _("Give the slot length in minutes, from 5 to 240."))
    if valid_from and valid_until and valid_until < valid_from:
        errors.add("valid_until", _("The last date is before the first."))
    return errors


@transaction.atomic
def availability_add(
    *,
    worker: User,
    service_point: Any,
    weekday: int,
    starts: time,
    ends: time,
    slot_minutes: int,
    by: Any,
    valid_from: date | None = None,
    valid_until: date | None = None,
) -> Availability:
    """Hours the worker takes appointments at the service point on a weekday (the caller checked
    that the worker may keep hours there)."""
    _availability_errors(
        weekday=weekday,
        starts=starts,
        ends=ends,
        slot_minutes=slot_minutes,
        valid_from=valid_from,
        valid_until=valid_until,
    ).raise_if_any()
    availability = Availability.objects.create(
        worker=worker,
        service_point=service_point,
        weekday=weekday,
        starts=starts,
        ends=ends,
        slot_minutes=slot_minutes,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    audit_record(
        actor=by, action="appointments.availability", target=availability, service_point_id=service_point.pk
    )
    return availability


AVAILABILITY_FIELDS = ("weekday", "starts", "ends", "slot_minutes", "valid_from", "valid_until")


@transaction.atomic
def availability_change(
    *, availability: Availability, changes: dict[str, Any], by: Any, expected_version: int | None = None
) -> Availability:
    """Change the hours (only the fields given); a stale version raises ``StaleVersion``.
    Booked appointments stay as they are: the hours decide only which slots are free."""
    unknown = set(changes) - set(AVAILABILITY_FIELDS)
    if unknown:
        raise ValueError(f"not availability fields: {sorted(unknown)}")
    merged = {name: changes.get(name, getattr(availability, name)) for name in AVAILABILITY_FIELDS}
    _availability_errors(**merged).raise_if_any()
    updated, changed = versioned_update(availability, changes=changes, expected_version=expected_version)
    audit_record(
        actor=by,
        action="appointments.availability_change",
        target=updated,
        service_point_id=updated.service_point_id,
        details={"fields": changed},
    )
    return updated


@transaction.atomic
def availability_remove(*, availability: Availability, by: Any, expected_version: int | None = None) -> None:
    locked = Availability.objects.select_for_update().get(pk=availability.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(current=locked, expected=expected_version)
    audit_record(
        actor=by,
        action="appointments.availability_remove",
        target=locked,
        service_point_id=locked.service_point_id,
    )
    locked.delete()


def _absence_errors(errors: Errors, starts_at: datetime | None, ends_at: datetime | None) -> None:
    if starts_at is None:
        errors.add("starts_at", _("This field is required."))
    elif ends_at is None:
        errors.add("ends_at", _("This field is required."))
    elif timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        errors.add("starts_at", _("Give the time with a time zone."))
    elif ends_at <= starts_at:
        errors.add("ends_at", _("The end is before the start."))


@transaction.atomic
def absence_add(*, worker: User, starts_at: datetime, ends_at: datetime, note: str, by: Any) -> Absence:
    errors = Errors()
    note = errors.text("note", note)
    _absence_errors(errors, starts_at, ends_at)
    errors.raise_if_any()
    absence = Absence.objects.create(worker=worker, starts_at=starts_at, ends_at=ends_at, note=note)
    audit_record(actor=by, action="appointments.absence", target=absence)
    return absence


@transaction.atomic
def absence_change(
    *, absence: Absence, changes: dict[str, Any], by: Any, expected_version: int | None = None
) -> Absence:
    """Change an absence (only the fields given); a stale version raises ``StaleVersion``."""
    unknown = set(changes) - {"starts_at", "ends_at", "note"}
    if unknown:
        raise ValueError(f"not absence fields: {sorted(unknown)}")
    errors = Errors()
    if "note" in changes:
        changes = {**changes, "note": errors.text("note", changes["note"])}
    _absence_errors(
        errors, changes.get("starts_at", absence.starts_at), changes.get("ends_at", absence.ends_at)
    )
    errors.raise_if_any()
    updated, changed = versioned_update(absence, changes=changes, expected_version=expected_version)
    audit_record(actor=by, action="appointments.absence_change", target=updated, details={"fields": changed})
    return updated


@transaction.atomic
def absence_remove(*, absence: Absence, by: Any, expected_version: int | None = None) -> None:
    locked = Absence.objects.select_for_update().get(pk=absence.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(current=locked, expected=expected_version)
    audit_record(actor=by, action="appointments.absence_remove", target=locked)
    locked.delete()


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
