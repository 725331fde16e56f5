"""Writing employer data: companies, their offices and contact persons, activities, job
openings, job seeker profiles, proposals and placements. Each service checks every field first
(``ValidationError`` with a message per field, nothing saved) and writes its audit event in the
same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.clients.enums import ClientStatus
from kotopolku.contacts.languages import is_known_language
from kotopolku.core.versioning import versioned_update
from kotopolku.employers.enums import (
    ActivityKind,
    OpeningStatus,
    OpeningVisibility,
    PilotStatus,
    PlacementKind,
    ProposalResult,
    SizeClass,
    TravelRange,
    WorkingHours,
)
from kotopolku.employers.models import (
    DesiredOccupation,
    Employer,
    EmployerActivity,
    EmployerContact,
    EmployerOffice,
    IndustryClass,
    JobOpening,
    JobSeekerProfile,
    Occupation,
    Placement,
    Proposal,
)
from kotopolku.employers.validation import FieldErrors, check_date_order, clean_business_id, clean_text

if TYPE_CHECKING:
    from kotopolku.accounts.models import User
    from kotopolku.clients.models import Client
    from kotopolku.organisations.models import Municipality, ServicePoint

MAX_LANGUAGES = 10


def _choice(errors: FieldErrors, name: str, value: str, choices: Any, message: str) -> None:
    if value not in choices.values:
        errors.add(name, message)


# --- companies ---------------------------------------------------------------------------


@dataclass
class EmployerData:
    business_id: str
    name: str
    size_class: str
    municipality: Municipality | None
    industry: IndustryClass | None = None
    website: str = ""
    is_pilot: bool = False
    pilot_status: str = PilotStatus.NONE
    pilot_plan: str = ""
    notes: str = ""


def _employer_clean(
    data: EmployerData, *, service_point: ServicePoint, existing: Employer | None
) -> dict[str, Any]:
    errors = FieldErrors()
    business_id = clean_business_id(errors, "business_id", data.business_id)
    name = clean_text(errors, "name", data.name, max_length=200, required=True)
    _choice(errors, "size_class", data.size_class, SizeClass, _("Choose a size class from the list."))
    _choice(errors, "pilot_status", data.pilot_status, PilotStatus, _("Choose a pilot status from the list."))
    if data.municipality is None:
        errors.add("municipality", _("Choose a municipality from the list."))
    website = clean_text(errors, "website", data.website, max_length=200)
    if website and not website.startswith(("https://", "http://")):
        errors.add("website", _("Give a web address that starts with https://."))
    pilot_plan = clean_text(errors, "pilot_plan", data.pilot_plan, max_length=4000, free=True)
    notes = clean_text(errors, "notes", data.notes, max_length=4000, free=True)
    if not data.is_pilot and data.pilot_status not in (PilotStatus.NONE, ""):
        errors.add("pilot_status", _("Only a pilot company has a pilot status."))
    if data.is_pilot and data.pilot_status == PilotStatus.NONE:
        errors.add("pilot_status", _("Give the pilot's status."))
    if business_id:
        taken = Employer.objects.filter(service_point=service_point, business_id=business_id)
        if existing is not None:
            taken = taken.exclude(pk=existing.pk)
        if taken.exists():
            errors.add("business_id", _("This service point already has a company with this business ID."))
    errors.raise_if_any()
    return {
        "business_id": business_id,
        "name": name,
        "size_class": data.size_class,
        "municipality": data.municipality,
        "industry": data.industry,
        "website": website,
        "is_pilot": data.is_pilot,
        "pilot_status": data.pilot_status or PilotStatus.NONE,
        "pilot_plan": pilot_plan,
        "notes": notes,
    }


def _audit_details(values: dict[str, Any]) -> dict[str, Any]:
    return {"fields": sorted(values)}


@transaction.atomic
def employer_create(*, service_point: ServicePoint, data: EmployerData, by: User) -> Employer:
    values = _employer_clean(data, service_point=service_point, existing=None)
    try:
        with transaction.atomic():
            employer = Employer.objects.create(service_point=service_point, **values)
    except IntegrityError:
        FieldErrors(
            business_id=[_("This service point already has a company with this business ID.")]
        ).raise_if_any()
        raise
    audit_record(actor=by, action="employers.create", target=employer, details=_audit_details(values))
    return employer


@transaction.atomic
def employer_update(
    *, employer: Employer, data: EmployerData, expected_version: int | None, by: User
) -> Employer:
    values = _employer_clean(data, service_point=employer.service_point, existing=employer)
    employer, changed = versioned_update(employer, changes=values, expected_version=expected_version)
    if changed:
        audit_record(actor=by, action="employers.update", target=employer, details={"fields": changed})
    return employer


@transaction.atomic
def employer_office_add(
    *, employer: Employer, name: str, address: str, municipality: Municipality | None, by: User
) -> EmployerOffice:
    errors = FieldErrors()
    name = clean_text(errors, "name", name, max_length=200, required=True)
    address = clean_text(errors, "address", address, max_length=200)
    if municipality is None:
        errors.add("municipality", _("Choose a municipality from the list."))
    errors.raise_if_any()
    assert municipality is not None  # checked above
    office = EmployerOffice.objects.create(
        employer=employer, name=name, address=address, municipality=municipality
    )
    audit_record(actor=by, action="employers.office_add", target=employer, details={"office": office.pk})
    return office


@transaction.atomic
def employer_contact_add(
    *, employer: Employer, name: str, title: str = "", email: str = "", phone: str = "", by: User
) -> EmployerContact:
    from django.core.validators import validate_email

    errors = FieldErrors()
    name = clean_text(errors, "name", name, max_length=200, required=True)
    title = clean_text(errors, "title", title, max_length=200)
    email = clean_text(errors, "email", email, max_length=254)
    phone = clean_text(errors, "phone", phone, max_length=32)
    if email:
        try:
            validate_email(email)
        except Exception:
            errors.add("email", _("Give a valid e-mail address."))
    errors.raise_if_any()
    contact = EmployerContact.objects.create(
        employer=employer, name=name, title=title, email=email, phone=phone
    )
    audit_record(
        actor=by, action="employers.contact_add", target=employer, details={"contact": str(contact.uuid)}
    )
    return contact


# --- activities --------------------------------------------------------------------------


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
    _choice(errors, "kind", data.kind, ActivityKind, _("Choose a kind of activity from the list."))
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


# --- job openings ------------------------------------------------------------------------


@dataclass
class OpeningData:
    title: str
    occupation: Occupation | None
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
    elif data.occupation.level != 4:
        errors.add("occupation", _("Choose an occupation at the unit group level (four digits)."))
    if data.municipality is None:
        errors.add("municipality", _("Choose a municipality from the list."))
    _choice(errors, "hours", data.hours, WorkingHours, _("Choose the working hours from the list."))
    _choice(errors, "visibility", data.visibility, OpeningVisibility, _("Choose advertised or hidden."))
    _choice(errors, "status", data.status, OpeningStatus, _("Choose a status from the list."))
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
    audit_record(actor=by, action="employers.opening_create", target=opening, details=_audit_details(values))
    return opening


@transaction.atomic
def opening_update(
    *, opening: JobOpening, data: OpeningData, expected_version: int | None, by: User
) -> JobOpening:
    values = _opening_clean(data)
    opening, changed = versioned_update(opening, changes=values, expected_version=expected_version)
    if changed:
        audit_record(actor=by, action="employers.opening_update", target=opening, details={"fields": changed})
    return opening


# --- job seekers, proposals and placements -----------------------------------------------


@transaction.atomic
def job_profile_save(
    *,
    client: Client,
    occupations: Sequence[Occupation],
    available_from: dt.date | None,
    travel: str,
    expected_version: int | None = None,
    by: User,
) -> JobSeekerProfile:
    errors = FieldErrors()
    _choice(errors, "travel", travel, TravelRange, _("Choose how far the client travels."))
    if len(occupations) > 10:
        errors.add("occupations", _("Give at most %(limit)d occupations.") % {"limit": 10})
    if any(occupation.level != 4 for occupation in occupations):
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


@transaction.atomic
def proposal_create(
    *, opening: JobOpening, client: Client, consent_given_on: dt.date | None, reasons: Sequence[str], by: User
) -> Proposal:
    """Propose ``client`` to the employer for ``opening``. The client's data goes to the employer
    only with the client's consent, whose date the advisor records here."""
    errors = FieldErrors()
    if consent_given_on is None:
        errors.add("consent_given_on", _("Record the date the client agreed to be proposed to the employer."))
    elif consent_given_on > timezone.localdate():
        errors.add("consent_given_on", _("The date is in the future."))
    if client.status != ClientStatus.ACTIVE:
        errors.add("client", _("Only an active client can be proposed."))
    if opening.status != OpeningStatus.OPEN:
        errors.add("opening", _("The opening is no longer open."))
    if Proposal.objects.filter(opening=opening, client=client).exists():
        errors.add("client", _("The client has already been proposed for this opening."))
    errors.raise_if_any()
    assert consent_given_on is not None  # checked above
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                opening=opening,
                client=client,
                service_point_id=client.service_point_id,
                consent_given_on=consent_given_on,
                proposed_by=by,
                reasons=[str(reason)[:200] for reason in reasons][:10],
            )
    except IntegrityError:
        FieldErrors(client=[_("The client has already been proposed for this opening.")]).raise_if_any()
        raise
    audit_record(
        actor=by,
        action="employers.propose",
        target=client,
        purpose="proposing a client to an employer",
        details={
            "opening": str(opening.uuid),
            "employer": str(opening.employer.uuid),
            "proposal": str(proposal.uuid),
        },
    )
    return proposal


@transaction.atomic
def proposal_result_record(
    *, proposal: Proposal, result: str, note: str, expected_version: int | None, by: User
) -> Proposal:
    errors = FieldErrors()
    _choice(errors, "result", result, ProposalResult, _("Choose a result from the list."))
    note = clean_text(errors, "result_note", note, max_length=2000, free=True)
    errors.raise_if_any()
    proposal, changed = versioned_update(
        proposal, changes={"result": result, "result_note": note}, expected_version=expected_version
    )
    if changed:
        audit_record(
            actor=by,
            action="employers.proposal_result",
            target=proposal.client,
            purpose="proposing a client to an employer",
            details={"proposal": str(proposal.uuid), "result": result},
        )
    return proposal


@dataclass
class PlacementData:
    kind: str
    starts_on: dt.date | None
    ends_on: dt.date | None = None
    employer: Employer | None = None
    organisation_name: str = ""
    opening: JobOpening | None = None


@transaction.atomic
def placement_create(*, client: Client, data: PlacementData, by: User) -> Placement:
    errors = FieldErrors()
    _choice(errors, "kind", data.kind, PlacementKind, _("Choose a kind of placement from the list."))
    if data.starts_on is None:
        errors.add("starts_on", _("This field is required."))
    check_date_order(
        errors, "ends_on", data.starts_on, data.ends_on, _("The placement ends before it starts.")
    )
    organisation_name = clean_text(errors, "organisation_name", data.organisation_name, max_length=200)
    if data.employer is None and not organisation_name:
        errors.add("employer", _("Choose the employer, or name the school or other organisation."))
    if client.status == ClientStatus.ANONYMISED:
        errors.add("client", _("An anonymised record cannot be changed."))
    errors.raise_if_any()
    assert data.starts_on is not None  # checked above
    placement = Placement.objects.create(
        client=client,
        service_point_id=client.service_point_id,
        employer=data.employer,
        organisation_name=organisation_name,
        opening=data.opening,
        kind=data.kind,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        recorded_by=by,
    )
    audit_record(
        actor=by,
        action="employers.placement",
        target=client,
        purpose="recording a placement",
        details={"placement": str(placement.uuid), "kind": data.kind},
    )
    return placement
