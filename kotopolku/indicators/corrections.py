"""Correcting a participant's entry data after entry, with the reason.

The correction is a new version of the participant (a stale version is refused), is kept as an
``EntryCorrection`` row with the reason and the names of the fields, and is audited. The reports
count the participant row, so they count the corrected data. When the start data was already
entered in EURA 2021, the participant is marked for entering it again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.core.versioning import versioned_update
from kotopolku.indicators.enums import IscedGroup, LabourStatus
from kotopolku.indicators.models import EntryCorrection, Participant
from kotopolku.indicators.services import SPECIAL_ITEMS, age_group_at

CORRECTABLE = (
    "entered_on",
    "labour_status",
    "isced",
    "foreign_background",
    "disability",
    "disability_consent_on",
    "minority",
    "minority_consent_on",
    "homeless",
    "homeless_consent_on",
)


def _errors(participant: Participant, data: dict[str, Any], reason: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = _("Say why the entry data is corrected.")
    elif len(reason) > 500:
        errors["reason"] = _("Keep the reason under 500 characters.")
    entered_on: dt.date = data.get("entered_on") or participant.entered_on
    project = participant.project
    if not project.starts_on <= entered_on <= project.ends_on:
        errors["entered_on"] = _("The entry date must fall within the project's period.")
    elif entered_on > timezone.localdate():
        errors["entered_on"] = _("The entry date cannot be in the future.")
    elif participant.exited_on and entered_on > participant.exited_on:
        errors["entered_on"] = _("The entry date is after the exit date.")
    if "labour_status" in data and data["labour_status"] not in LabourStatus.values:
        errors["labour_status"] = _("Choose the labour-market status at entry.")
    if "isced" in data and (data["isced"] or "") not in IscedGroup.values:
        errors["isced"] = _("Choose the level of education.")
    for item in SPECIAL_ITEMS:
        value = data.get(item, getattr(participant, item))
        consent_on = data.get(f"{item}_consent_on", getattr(participant, f"{item}_consent_on"))
        if value is not None and consent_on is None:
            errors[item] = _("Record this only with the participant's own consent to it.")
    return errors


@transaction.atomic
def participant_correct(
    *, by: Any, participant: Participant, data: dict[str, Any], reason: str, version: int | None
) -> Participant:
    """Correct the entry data in ``data`` (any of ``CORRECTABLE``) at ``version``."""
    unknown = sorted(set(data) - set(CORRECTABLE))
    if unknown:
        raise ValidationError({name: _("This field cannot be corrected.") for name in unknown})
    errors = _errors(participant, data, reason)
    if errors:
        raise ValidationError(errors)
    changes = dict(data)
    if "isced" in changes:
        changes["isced"] = changes["isced"] or ""
    if "entered_on" in changes and participant.client is not None:
        changes["age_group"] = age_group_at(participant.client, changes["entered_on"])
    locked, changed = versioned_update(participant, changes=changes, expected_version=version)
    if not changed:
        return locked
    if locked.entry_in_eura_on is not None and not locked.entry_reentry_due:
        locked.entry_reentry_due = True
        locked.save(update_fields=["entry_reentry_due", "updated_at"])
    correction = EntryCorrection.objects.create(
        participant=locked, reason=reason.strip(), fields=changed, version=locked.version, corrected_by=by
    )
    audit_record(
        actor=by,
        action="indicators.participant_correct",
        target=locked,
        purpose="ESF+ participant data",
        details={
            "fields": changed,
            "version": locked.version,
            # The reason is free text that may name people: it stays on the correction row,
            # which anonymisation clears, and the append-only log points to it.
            "correction": str(correction.uuid),
            "reentry_due": locked.entry_reentry_due,
        },
    )
    return locked
