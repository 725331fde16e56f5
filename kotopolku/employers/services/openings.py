"""Job openings, and the job seeker profile that matching reads on the client's side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.clients.enums import ClientStatus
from kotopolku.contacts.languages import is_known_language
from kotopolku.core.versioning import versioned_update
from kotopolku.employers.enums import (
    OpeningStatus,
    OpeningVisibility,
    TravelRange,
    WorkingHours,
)
from kotopolku.employers.models import (
    DesiredOccupation,
    Employer,
    JobOpening,
    JobSeekerProfile,
)
from kotopolku.employers.occupations import is_unit_group
from kotopolku.employers.validation import (
    FieldErrors,
    audited_fields,
    check_choice,
    check_date_order,
    clean_text,
)

if TYPE_CHECKING:
    from kotopolku.accounts.models import User
    from kotopolku.casework.models import CodeListItem
    from kotopolku.clients.models import Client
    from kotopolku.organisations.models import Municipality

MAX_LANGUAGES = 10


@dataclass
class OpeningData:
    title: str
    occupation: CodeListItem | None
    municipality: Municipality | None
    hours: str
    visibility: str
    opens_on: dt.date | None
    finnish_required: bool = True
    other_languages: Sequence[str] = field(default_factory=list)
    address: str = ""
    starts_on: dt.date | None = None
    deadline: dt.date | None = None
    status: str = OpeningStatus.OPEN
    description: str = ""


def _opening_clean(data: OpeningData) -> dict[str, Any]:
    errors = FieldErrors()
    title = clean_text(errors, "title", data.title, max_length=200, required=True)
    if data.occupation is None:
        errors.add("occupation", _("Choose an occupation (ISCO-08) from the list."))
    elif not is_unit_group(data.occupation):
        errors.add("occupation", _("Choose an occupation at the unit group level (four digits)."))
    if data.municipality is None:
        errors.add("municipality", _("Choose a municipality from the list."))
    check_choice(errors, "hours", data.hours, WorkingHours, _("Choose the working hours from the list."))
    check_choice(errors, "visibility", data.visibility, OpeningVisibility, _("Choose advertised or hidden."))
    check_choice(errors, "status", data.status, OpeningStatus, _("Choose a status from the list."))
    if data.opens_on is None:
        errors.add("opens_on", _("This field is required."))
    check_date_order(
        errors, "deadline", data.opens_on, data.deadline, _("The opening closes before it opens.")
    )
    languages = list(dict.fromkeys(str(code) for code in data.other_languages))
    if len(languages) > MAX_LANGUAGES:
        errors.add("other_languages", _("Give at most %(limit)d languages.") % {"limit": MAX_LANGUAGES})
    elif any(not is_known_language(code) for code in languages):
        errors.add("other_languages", _("Choose languages from the list."))
    if not data.finnish_required and not languages:
        errors.add("other_languages", _("Name the language that is enough when Finnish is not required."))
    address = clean_text(errors, "address", data.address, max_length=200)
    description = clean_text(errors, "description", data.description, max_length=8000, free=True)
    errors.raise_if_any()
    return {
        "title": title,
        "occupation": data.occupation,
        "municipality": data.municipality,
        "address": address,
        "hours": data.hours,
        "starts_on": data.starts_on,
        "finnish_required": data.finnish_required,
        "other_languages": [] if data.finnish_required and not languages else languages,
        "visibility": data.visibility,
        "status": data.status,
        "opens_on": data.opens_on,
        "deadline": data.deadline,
        "description": description,
    }


@transaction.atomic
def opening_create(*, employer: Employer, data: OpeningData, by: User) -> JobOpening:
    values = _opening_clean(data)
    opening = JobOpening.objects.create(
        employer=employer, service_point_id=employer.service_point_id, **values
    )
    audit_record(actor=by, action="employers.opening_create", target=opening, details=audited_fields(values))
    return opening


@transaction.atomic
def opening_update(
    *, opening: JobOpening, data: OpeningData, expected_version: int | None, by: User
) -> JobOpening:
    values = _opening_clean(data)
    opening, changed = versioned_update(opening, changes=values, expected_version=expected_version)
    if changed:
        audit_record(
            actor=by,
            action="employers.opening_update",
            target=opening,
            details={"fields": changed, "version": opening.version},
        )
    return opening


@transaction.atomic
def job_profile_save(
    *,
    client: Client,
    occupations: Sequence[CodeListItem],
    available_from: dt.date | None,
    travel: str,
    expected_version: int | None = None,
    by: User,
) -> JobSeekerProfile:
    errors = FieldErrors()
    check_choice(errors, "travel", travel, TravelRange, _("Choose how far the client travels."))
    if len(occupations) > 10:
        errors.add("occupations", _("Give at most %(limit)d occupations.") % {"limit": 10})
    if not all(is_unit_group(occupation) for occupation in occupations):
        errors.add("occupations", _("Choose an occupation at the unit group level (four digits)."))
    if client.status == ClientStatus.ANONYMISED:
        errors.add("__all__", _("An anonymised record cannot be changed."))
    errors.raise_if_any()
    profile, created = JobSeekerProfile.objects.get_or_create(
        client=client,
        defaults={
            "service_point_id": client.service_point_id,
            "available_from": available_from,
            "travel": travel,
        },
    )
    if not created:
        profile, _changed = versioned_update(
            profile,
            changes={"available_from": available_from, "travel": travel},
            expected_version=expected_version,
        )
    DesiredOccupation.objects.filter(client=client).exclude(occupation__in=occupations).delete()
    DesiredOccupation.objects.bulk_create(
        [DesiredOccupation(client=client, occupation=o, isco_code=o.code) for o in occupations],
        ignore_conflicts=True,
    )
    audit_record(
        actor=by,
        action="employers.profile_save",
        target=client,
        purpose="matching clients to job openings",
        details={"occupations": sorted(o.code for o in occupations)},
    )
    return profile
