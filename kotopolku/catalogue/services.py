"""Writes to the service catalogue. Keyword-only, atomic, audited."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.catalogue.enums import EDIT_LANGUAGES, ChannelKind
from kotopolku.catalogue.models import (
    Accessibility,
    Address,
    Contact,
    CostOption,
    Language,
    Location,
    LocationTranslation,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceChannel,
    ServiceClassification,
    ServicePath,
    ServicePathStep,
    ServiceTranslation,
    TranslationModel,
)
from kotopolku.core.text import one_line
from kotopolku.core.versioning import V, version_bump, versioned_update
from kotopolku.organisations.models import Municipality

SOURCE_LANGUAGE = "fi"
SERVICE_TEXT_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "application_process",
    "eligibility_description",
    "fees_description",
    "interpretation_services",
    "wait_time",
    "alert",
)
LOCATION_TEXT_FIELDS = ("name", "alternate_name", "description", "transportation")


def _stored_text(model: type[TranslationModel], field: str, value: str | None) -> str:
    """A name (a one-line field) is stored without line breaks, tabs or zero-width characters,
    whoever sends it; longer texts keep their lines."""
    if isinstance(model._meta.get_field(field), models.TextField):
        return (value or "").strip()
    return one_line(value or "")


def _save_translations(
    *,
    model: type[TranslationModel],
    owner_field: str,
    owner: Any,
    texts: Mapping[str, Mapping[str, str]],
    fields: Sequence[str],
) -> list[str]:
    """Create, update or remove one row per language; returns the languages that changed.

    A row whose text changes gets a new ``version``; a changed row in another language than
    the source records the source's version it was made from. A language with every field
    empty is removed.
    """
    existing = {row.language: row for row in model._default_manager.filter(**{owner_field: owner})}
    changed: list[str] = []
    for language, values in texts.items():
        values = {field: _stored_text(model, field, values.get(field)) for field in fields}
        row = existing.get(language)
        if not any(values.values()):
            if row is not None:
                row.delete()
                changed.append(language)
            continue
        if row is None:
            row = model(**{owner_field: owner, "language": language, **values})
            changed.append(language)
        elif any(getattr(row, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(row, field, value)
            row.version += 1
            changed.append(language)
        else:
            continue
        row.full_clean(exclude=[owner_field])
        row.save()
        existing[language] = row
    source = existing.get(SOURCE_LANGUAGE)
    if source is not None:
        for language in changed:
            row = existing.get(language)
            if language != SOURCE_LANGUAGE and row is not None and row.pk is not None:
                row.source_language = SOURCE_LANGUAGE
                row.source_version = source.version
                row.save(update_fields=["source_language", "source_version", "updated_at"])
    return changed


@transaction.atomic
def service_save(
    *,
    service: Service,
    translations: Mapping[str, Mapping[str, str]],
    by: Any,
    channels: Iterable[str] | None = None,
    e_service_url: str = "",
    languages: Iterable[str] | None = None,
    municipalities: Iterable[Municipality] | None = None,
    term_ids: Iterable[int] | None = None,
    documents: Mapping[str, Sequence[str]] | None = None,
    expected_version: int | None = None,
) -> Service:
    """Create or change a service with its texts per language and its lists.

    A list given as ``None`` is left as it is. ``documents`` are the required documents per
    language, the n-th line of each language being the same document. A change re-reads the
    row under a lock and writes only what differs; a stale ``expected_version`` raises
    ``StaleVersion`` and nothing is written.
    """
    created = service.pk is None
    service.full_clean(exclude=["last_checked_by"])
    fields: list[str] = []
    row_changed = False
    if created:
        service.save()
        before: dict[str, Any] = {}
    else:
        service, fields = _versioned_row_update(service, expected_version)
        row_changed = bool(fields)
        before = _service_lists(service)
    changed = _save_translations(
        model=ServiceTranslation,
        owner_field="service",
        owner=service,
        texts=translations,
        fields=SERVICE_TEXT_FIELDS,
    )
    details: dict[str, Any] = {"languages_changed": changed}
    if channels is not None:
        kinds = [kind for kind in ChannelKind.values if kind in set(channels)]
        service.channels.exclude(kind__in=kinds).delete()
        for kind in kinds:
            url = (
                e_service_url
                if kind == ChannelKind.E_SERVICE
                else service.url
                if kind == ChannelKind.WEB
                else ""
            )
            ServiceChannel.objects.update_or_create(service=service, kind=kind, defaults={"url": url})
        details["channels"] = kinds
    if languages is not None:
        codes = list(dict.fromkeys(languages))
        service.languages.exclude(code__in=codes).delete()
        for code in codes:
            Language.objects.get_or_create(service=service, code=code)
        details["languages"] = codes
    if municipalities is not None:
        wanted = {m.pk: m for m in municipalities}
        service.service_areas.filter(municipality__isnull=False).exclude(municipality_id__in=wanted).delete()
        have = set(
            service.service_areas.filter(municipality__isnull=False).values_list("municipality_id", flat=True)
        )
        ServiceArea.objects.bulk_create(
            [ServiceArea(service=service, municipality=m) for pk, m in wanted.items() if pk not in have]
        )
    if term_ids is not None:
        ids = set(term_ids)
        service.classifications.exclude(term_id__in=ids).delete()
        have = set(service.classifications.values_list("term_id", flat=True))
        ServiceClassification.objects.bulk_create(
            [ServiceClassification(service=service, term_id=pk) for pk in ids - have]
        )
    if documents is not None:
        _save_documents(service=service, documents=documents)
    if not created:
        after = _service_lists(service)
        fields += [f"texts_{language}" for language in changed]
        fields += [name for name in after if after[name] != before[name]]
        if fields and not row_changed:  # only its texts or lists changed
            version_bump(service)
        if not fields:
            return service
        details.update(fields=sorted(fields), version=service.version)
    audit_record(
        actor=by,
        action="catalogue.service_created" if created else "catalogue.service_changed",
        target=service,
        details=details,
    )
    return service


# Fields of a catalogue row that its edit form sets (not its id, times, version or last check).
_NOT_EDITED = {
    "id",
    "uuid",
    "created_at",
    "updated_at",
    "version",
    "last_checked_at",
    "last_checked_by",
    "external_identifier",
    "external_identifier_type",
}


def _versioned_row_update(row: V, expected_version: int | None) -> tuple[V, list[str]]:
    """Write the changed fields of an edited service or location under a row lock; a stale
    ``expected_version`` raises ``StaleVersion``."""
    changes = {
        field.name: getattr(row, field.name)
        for field in type(row)._meta.concrete_fields
        if field.name not in _NOT_EDITED
    }
    return versioned_update(row, changes=changes, expected_version=expected_version)


def _service_lists(service: Service) -> dict[str, Any]:
    """What hangs off a service and its edit form sets: compared before and after a save."""
    return {
        "channels": sorted(service.channels.values_list("kind", "url")),
        "languages": sorted(service.languages.values_list("code", flat=True)),
        "municipalities": sorted(
            service.service_areas.filter(municipality__isnull=False).values_list("municipality_id", flat=True)
        ),
        "terms": sorted(service.classifications.values_list("term_id", flat=True)),
        "documents": [document.texts for document in service.required_documents.order_by("position", "id")],
    }


def _save_documents(*, service: Service, documents: Mapping[str, Sequence[str]]) -> None:
    lines = {
        language: [line.strip() for line in items if line.strip()] for language, items in documents.items()
    }
    count = max((len(items) for items in lines.values()), default=0)
    current = list(service.required_documents.order_by("position", "id"))
    for position in range(count):
        document = current[position] if position < len(current) else RequiredDocument(service=service)
        document.position = position
        document.texts = {}
        for language, items in lines.items():
            if position < len(items):
                document.set_text("document", language, items[position])
        document.save()
    for extra in current[count:]:
        extra.delete()


@transaction.atomic
def service_mark_checked(*, service: Service, by: Any) -> Service:
    service.last_checked_at = timezone.now()
    service.last_checked_by = by
    service.save(update_fields=["last_checked_at", "last_checked_by", "updated_at"])
    audit_record(actor=by, action="catalogue.service_checked", target=service)
    return service


@transaction.atomic
def location_save(
    *,
    location: Location,
    translations: Mapping[str, Mapping[str, str]],
    address: Mapping[str, Any] | None,
    accessibility: Mapping[str, str] | None,
    by: Any,
    service: Service | None = None,
    expected_version: int | None = None,
) -> Location:
    """Create or change a location with its names per language, street address and
    accessibility description per language; link it to ``service`` when given."""
    created = location.pk is None
    location.full_clean(exclude=["last_checked_by"])
    fields: list[str] = []
    row_changed = False
    if created:
        location.save()
        before: dict[str, Any] = {}
    else:
        location, fields = _versioned_row_update(location, expected_version)
        row_changed = bool(fields)
        before = _location_parts(location)
    changed = _save_translations(
        model=LocationTranslation,
        owner_field="location",
        owner=location,
        texts=translations,
        fields=LOCATION_TEXT_FIELDS,
    )
    if address is not None:
        row = location.addresses.order_by("id").first() or Address(location=location)
        for key, value in address.items():
            setattr(row, key, value)
        row.full_clean(exclude=["location"])
        row.save()
    if accessibility is not None:
        access = location.accessibility.order_by("id").first() or Accessibility(location=location)
        for language, text in accessibility.items():
            access.set_text("description", language, text.strip())
        if access.texts or access.pk:
            access.save()
    if service is not None:
        ServiceAtLocation.objects.get_or_create(service=service, location=location)
    details: dict[str, Any] = {"languages_changed": changed}
    if not created:
        after = _location_parts(location)
        fields += [f"texts_{language}" for language in changed]
        fields += [name for name in after if after[name] != before[name]]
        if fields and not row_changed:  # only its texts or lists changed
            version_bump(location)
        if not fields:
            return location
        details.update(fields=sorted(fields), version=location.version)
    _touch(location=location)
    audit_record(
        actor=by,
        action="catalogue.location_created" if created else "catalogue.location_changed",
        target=location,
        details=details,
    )
    return location


def _location_parts(location: Location) -> dict[str, Any]:
    return {
        "address": list(
            location.addresses.order_by("id").values_list(
                "address_1", "postal_code", "city", "municipality_id"
            )
        ),
        "accessibility": [row.texts for row in location.accessibility.order_by("id")],
    }


@transaction.atomic
def location_mark_checked(*, location: Location, by: Any) -> Location:
    location.last_checked_at = timezone.now()
    location.last_checked_by = by
    location.save(update_fields=["last_checked_at", "last_checked_by", "updated_at"])
    audit_record(actor=by, action="catalogue.location_checked", target=location)
    return location


def _touch(*, service: Service | None = None, location: Location | None = None) -> None:
    """Move ``updated_at`` of what an item change shows up in, so ``modified_after`` of the HSDS
    API sees it: the service, or a location and every service given there."""
    now = timezone.now()
    if service is not None:
        Service.objects.filter(pk=service.pk).update(updated_at=now)
        service.updated_at = now
    if location is not None:
        Location.objects.filter(pk=location.pk).update(updated_at=now)
        location.updated_at = now
        Service.objects.filter(service_at_locations__location=location).update(updated_at=now)


def _touch_owner(row: Any) -> None:
    """Touch the service or location a phone, contact or schedule belongs to, however owned."""
    if getattr(row, "contact_id", None):
        row = row.contact
    if row.service_at_location_id:
        _touch(service=row.service_at_location.service)
    elif row.service_id:
        _touch(service=row.service)
    elif row.location_id:
        _touch(location=row.location)


def _owner_details(row: Any) -> dict[str, str]:
    """The owners of a phone, contact or schedule by their HSDS ids, for the audit log."""
    details = {}
    for name in ("service", "service_at_location", "location", "contact"):
        if getattr(row, f"{name}_id", None):
            details[name] = str(getattr(row, name).uuid)
    if getattr(row, "contact_id", None) and row.contact.service_id:
        details["service"] = str(row.contact.service.uuid)
    return details


@transaction.atomic
def schedule_save(*, schedule: Schedule, by: Any) -> Schedule:
    """Add or change one rule of opening hours (of a service, a location or a service there)."""
    created = schedule.pk is None
    schedule.full_clean()
    schedule.save()
    _touch_owner(schedule)
    audit_record(
        actor=by,
        action="catalogue.schedule_added" if created else "catalogue.schedule_changed",
        target=schedule,
        details={"kind": schedule.kind, **_owner_details(schedule)},
    )
    return schedule


@transaction.atomic
def schedule_remove(*, schedule: Schedule, by: Any) -> None:
    audit_record(
        actor=by, action="catalogue.schedule_removed", target=schedule, details=_owner_details(schedule)
    )
    _touch_owner(schedule)
    schedule.delete()


def _set_texts(row: Any, texts: Mapping[str, Mapping[str, str]], fields: Sequence[str]) -> None:
    """Replace the given ``fields`` of ``row.texts`` in the staff UI's languages, keep the rest
    (other languages an import brought, other fields)."""
    for language in EDIT_LANGUAGES:
        for name in fields:
            row.set_text(name, language, (texts.get(language, {}).get(name) or "").strip())


@transaction.atomic
def phone_save(*, phone: Phone, texts: Mapping[str, Mapping[str, str]], by: Any) -> Phone:
    """Add or change a phone number of a service, one of its contacts, a location or the
    service at a location. ``texts``: the description per language."""
    created = phone.pk is None
    _set_texts(phone, texts, ("description",))
    phone.full_clean()
    owners = sum(
        getattr(phone, f"{name}_id") is not None
        for name in ("organisation", "service", "location", "contact", "service_at_location")
    )
    if owners != 1:
        raise ValidationError(_("A phone number belongs to exactly one owner."))
    phone.save()
    _touch_owner(phone)
    audit_record(
        actor=by,
        action="catalogue.phone_added" if created else "catalogue.phone_changed",
        target=phone,
        details=_owner_details(phone),
    )
    return phone


@transaction.atomic
def phone_remove(*, phone: Phone, by: Any) -> None:
    audit_record(actor=by, action="catalogue.phone_removed", target=phone, details=_owner_details(phone))
    _touch_owner(phone)
    phone.delete()


@transaction.atomic
def contact_save(*, contact: Contact, by: Any) -> Contact:
    """Add or change a named contact person or desk of a service (public work contact data)."""
    created = contact.pk is None
    contact.full_clean()
    contact.save()
    _touch_owner(contact)
    audit_record(
        actor=by,
        action="catalogue.contact_added" if created else "catalogue.contact_changed",
        target=contact,
        details=_owner_details(contact),
    )
    return contact


@transaction.atomic
def contact_remove(*, contact: Contact, by: Any) -> None:
    """Remove a contact with its phone numbers."""
    audit_record(
        actor=by,
        action="catalogue.contact_removed",
        target=contact,
        details={**_owner_details(contact), "phones": [str(p.uuid) for p in contact.phones.all()]},
    )
    _touch_owner(contact)
    contact.delete()


@transaction.atomic
def cost_option_save(
    *, cost_option: CostOption, texts: Mapping[str, Mapping[str, str]], by: Any
) -> CostOption:
    """Add or change a price of a service. ``texts``: ``option`` and ``amount_description``
    per language."""
    created = cost_option.pk is None
    _set_texts(cost_option, texts, ("option", "amount_description"))
    cost_option.full_clean()
    cost_option.save()
    _touch(service=cost_option.service)
    audit_record(
        actor=by,
        action="catalogue.cost_option_added" if created else "catalogue.cost_option_changed",
        target=cost_option,
        details={
            "service": str(cost_option.service.uuid),
            "amount": None if cost_option.amount is None else str(cost_option.amount),
            "currency": cost_option.currency,
        },
    )
    return cost_option


@transaction.atomic
def cost_option_remove(*, cost_option: CostOption, by: Any) -> None:
    audit_record(
        actor=by,
        action="catalogue.cost_option_removed",
        target=cost_option,
        details={"service": str(cost_option.service.uuid)},
    )
    _touch(service=cost_option.service)
    cost_option.delete()


@transaction.atomic
def path_step_save(*, step: ServicePathStep, notes: Mapping[str, str], by: Any) -> ServicePathStep:
    for language, note in notes.items():
        step.set_text("note", language, note.strip())
    step.full_clean()
    step.save()
    audit_record(
        actor=by, action="catalogue.path_step_saved", target=step.path, details={"step": str(step.uuid)}
    )
    return step


@transaction.atomic
def path_step_remove(*, step: ServicePathStep, by: Any) -> None:
    path: ServicePath = step.path
    audit_record(
        actor=by, action="catalogue.path_step_removed", target=path, details={"step": str(step.uuid)}
    )
    step.delete()
