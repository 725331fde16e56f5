"""Companies, their offices and contact persons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.core.versioning import versioned_update
from kotopolku.employers.enums import (
    PilotStatus,
    SizeClass,
)
from kotopolku.employers.models import (
    Employer,
    EmployerContact,
    EmployerOffice,
    IndustryClass,
)
from kotopolku.employers.validation import (
    FieldErrors,
    audited_fields,
    check_choice,
    clean_business_id,
    clean_text,
)

if TYPE_CHECKING:
    from kotopolku.accounts.models import User
    from kotopolku.organisations.models import Municipality, ServicePoint


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
    check_choice(errors, "size_class", data.size_class, SizeClass, _("Choose a size class from the list."))
    check_choice(
        errors, "pilot_status", data.pilot_status, PilotStatus, _("Choose a pilot status from the list.")
    )
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
    audit_record(actor=by, action="employers.create", target=employer, details=audited_fields(values))
    return employer


@transaction.atomic
def employer_update(
    *, employer: Employer, data: EmployerData, expected_version: int | None, by: User
) -> Employer:
    values = _employer_clean(data, service_point=employer.service_point, existing=employer)
    employer, changed = versioned_update(employer, changes=values, expected_version=expected_version)
    if changed:
        audit_record(
            actor=by,
            action="employers.update",
            target=employer,
            details={"fields": changed, "version": employer.version},
        )
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
