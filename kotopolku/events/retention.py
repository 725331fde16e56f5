"""Registrations lose their personal data a set time after the event, or with the linked client's
erasure (status, language, attendance and a linked client stay: they are what the statistics count)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from kotopolku.audit.services import audit_record
from kotopolku.events.models import (
    Event,
    Registration,
)

if TYPE_CHECKING:
    from kotopolku.clients.models import Client


# Registrations are anonymised this long after the event ends.
REGISTRATION_RETENTION = dt.timedelta(days=30)


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
