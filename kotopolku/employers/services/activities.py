"""Activities with a company (visits, calls, recruitment support …) and their follow-ups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.core.versioning import versioned_update
from kotopolku.employers.enums import (
    ActivityKind,
)
from kotopolku.employers.models import (
    Employer,
    EmployerActivity,
)
from kotopolku.employers.validation import (
    FieldErrors,
    check_choice,
    check_date_order,
    clean_text,
)

if TYPE_CHECKING:
    from kotopolku.accounts.models import User
    from kotopolku.organisations.models import ServicePoint


@dataclass
class ActivityData:
    kind: str
    happened_on: dt.date | None
    outcome: str = ""
    partner_project: str = ""
    follow_up_on: dt.date | None = None
    follow_up_done: bool = False


def _activity_clean(data: ActivityData) -> dict[str, Any]:
    errors = FieldErrors()
    check_choice(errors, "kind", data.kind, ActivityKind, _("Choose a kind of activity from the list."))
    if data.happened_on is None:
        errors.add("happened_on", _("This field is required."))
    elif data.happened_on > timezone.localdate() + dt.timedelta(days=1):
        errors.add("happened_on", _("The date is in the future; record an activity once it has happened."))
    outcome = clean_text(errors, "outcome", data.outcome, max_length=4000, free=True)
    partner_project = clean_text(errors, "partner_project", data.partner_project, max_length=200)
    if data.kind == ActivityKind.JOINT_VISIT and not partner_project:
        errors.add("partner_project", _("Name the project the visit was made with."))
    check_date_order(
        errors,
        "follow_up_on",
        data.happened_on,
        data.follow_up_on,
        _("The follow-up date is before the activity."),
    )
    errors.raise_if_any()
    return {
        "kind": data.kind,
        "happened_on": data.happened_on,
        "outcome": outcome,
        "partner_project": partner_project,
        "follow_up_on": data.follow_up_on,
        "follow_up_done": data.follow_up_done,
    }


@transaction.atomic
def activity_record(
    *, employer: Employer, service_point: ServicePoint, data: ActivityData, by: User
) -> EmployerActivity:
    values = _activity_clean(data)
    activity = EmployerActivity.objects.create(
        employer=employer, service_point=service_point, staff=by, **values
    )
    audit_record(
        actor=by,
        action="employers.activity_record",
        target=employer,
        details={"activity": str(activity.uuid)},
    )
    return activity


@transaction.atomic
def activity_update(
    *, activity: EmployerActivity, data: ActivityData, expected_version: int | None, by: User
) -> EmployerActivity:
    values = _activity_clean(data)
    activity, changed = versioned_update(activity, changes=values, expected_version=expected_version)
    if changed:
        audit_record(
            actor=by,
            action="employers.activity_update",
            target=activity.employer,
            details={"activity": str(activity.uuid), "fields": changed},
        )
    return activity
