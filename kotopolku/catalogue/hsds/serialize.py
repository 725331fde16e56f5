"""Catalogue rows → HSDS 3.0 documents (dicts ready for JSON), in one chosen language.

HSDS carries one language per document; the catalogue keeps one translation row per language.
``Languages`` names the preference order (the requested language, then Finnish, then any).
Absent values are left out rather than sent as ``null`` (the HSDS schemas type them as strings
or numbers); required fields are always present.

The functions expect the rows loaded by :mod:`kotopolku.catalogue.hsds.queries`; they never
query on their own.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError

from kotopolku.catalogue.models import (
    Contact,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceClassification,
    Taxonomy,
    TaxonomyTerm,
)
from kotopolku.organisations.models import Organisation

HSDS_VERSION = "3.0"
HELSINKI = ZoneInfo("Europe/Helsinki")
# The HSDS id of the identifier row that publishes an organisation's Finnish business ID.
BUSINESS_ID_SCHEME = "FI-YTJ"
_IDENTIFIER_NAMESPACE = uuid.UUID("6f0c8e64-3b8e-5d7a-9a43-6b1d2f0b7c11")

Doc = dict[str, Any]


@dataclass(frozen=True)
class Languages:
    """Language preference for one response: e.g. ("sv", "fi")."""

    order: tuple[str, ...]

    @classmethod
    def of(cls, *preferred: str) -> Languages:
        order: list[str] = []
        for code in (*preferred, "fi"):
            if code and code not in order:
                order.append(code)
        return cls(tuple(order))

    @property
    def primary(self) -> str:
        return self.order[0]

    def pick(self, translations: Iterable[Any]) -> Any | None:
        rows = list(translations)
        by_language = {row.language: row for row in rows}
        for code in self.order:
            if code in by_language:
                return by_language[code]
        return min(rows, key=lambda row: row.language) if rows else None

    def text(self, item: Any, field: str) -> str:
        return str(item.text(field, self.primary, fallback=self.order[1:]))


def _all(row: Any, name: str) -> list[Any]:
    """A prefetched relation's rows without cloning a queryset per access (``.all()`` does)."""
    cache = getattr(row, "_prefetched_objects_cache", None)
    if cache is not None and name in cache:
        return list(cache[name])
    return list(getattr(row, name).all())


def compact(doc: Doc, *, keep: Sequence[str] = ("id",)) -> Doc:
    """Leave out absent values (None, ""), except the required fields in ``keep``."""
    return {key: value for key, value in doc.items() if key in keep or (value is not None and value != "")}


def _id(value: uuid.UUID | None) -> str | None:
    return str(value) if value is not None else None


def _number(value: Decimal | int | float | None) -> int | float | None:
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _time(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M:%S") if value is not None else None


def _datetime(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@cache
def language_name(code: str, in_language: str) -> str:
    """The name of a language in another one (babel), e.g. ("sv", "fi") → "ruotsi"."""
    try:
        locale = Locale.parse(in_language)
    except (UnknownLocaleError, ValueError, TypeError):
        locale = Locale.parse("fi")
    return str(locale.languages.get(code.split("-")[0], "") or code)


def business_identifier_id(organisation_uuid: uuid.UUID) -> str:
    return str(uuid.uuid5(_IDENTIFIER_NAMESPACE, f"{organisation_uuid}:{BUSINESS_ID_SCHEME}"))


# --- small objects ----------------------------------------------------------------------


def language(row: Language, langs: Languages) -> Doc:
    return compact(
        {
            "id": str(row.uuid),
            "name": row.name or language_name(row.code, langs.primary),
            "code": row.code,
            "note": row.note,
        }
    )


def phone(row: Phone, langs: Languages) -> Doc:
    return compact(
        {
            "id": str(row.uuid),
            "number": row.number,
            "extension": row.extension,
            "type": row.type,
            "description": langs.text(row, "description"),
            "languages": [language(item, langs) for item in _all(row, "languages")],
        },
        keep=("id", "number"),
    )


def contact(row: Contact, langs: Languages) -> Doc:
    return compact(
        {
            "id": str(row.uuid),
            "name": row.name,
            "title": row.title,
            "department": row.department,
            "email": row.email,
            "phones": [phone(item, langs) for item in _all(row, "phones")],
        }
    )


def schedule(row: Schedule, langs: Languages) -> Doc:
    return compact(
        {
            "id": str(row.uuid),
            "valid_from": _date(row.valid_from),
            "valid_to": _date(row.valid_to),
            "dtstart": _date(row.dtstart),
            "timezone": row.timezone,
            "until": _date(row.until),
            "count": row.count,
            "wkst": row.wkst,
            "freq": row.freq,
            "interval": row.interval,
            "byday": row.byday,
            "byweekno": row.byweekno,
            "bymonthday": row.bymonthday,
            "byyearday": row.byyearday,
            "description": langs.text(row, "description"),
            "opens_at": _time(row.opens_at),
            "closes_at": _time(row.closes_at),
            "schedule_link": row.schedule_link,
            "attending_type": row.attending_type,
            "notes": langs.text(row, "notes"),
        }
    )


def taxonomy(row: Taxonomy, langs: Languages) -> Doc:
    name = next((value for code in langs.order if (value := _taxonomy_name(row, code))), "") or row.name_in(
        "fi"
    )
    return compact(
        {
            "id": str(row.uuid),
            "name": name,
            "description": row.description,
            "uri": row.uri,
            "version": row.version,
        },
        keep=("id", "name", "description"),
    )


def _taxonomy_name(row: Taxonomy, code: str) -> str:
    return str({"fi": row.name_fi, "sv": row.name_sv, "en": row.name_en}.get(code) or "")


def _term_language(row: TaxonomyTerm, langs: Languages) -> tuple[str, str]:
    labels = {"fi": row.label_fi, "sv": row.label_sv, "en": row.label_en}
    for code in (*langs.order, "fi", "en", "sv"):
        if labels.get(code):
            return str(labels[code]), code
    return row.code, ""


def taxonomy_term(row: TaxonomyTerm, langs: Languages, *, detail: bool = True) -> Doc:
    label, label_language = _term_language(row, langs)
    descriptions = {"fi": row.description_fi, "sv": row.description_sv, "en": row.description_en}
    doc = compact(
        {
            "id": str(row.uuid),
            "code": row.code,
            "name": label,
            "description": descriptions.get(label_language) or row.description_in(langs.primary),
            "parent_id": _id(row.parent.uuid) if row.parent_id and row.parent else None,
            "taxonomy": row.taxonomy.key,
            "taxonomy_id": str(row.taxonomy.uuid),
            "language": label_language,
            "term_uri": row.uri,
        },
        keep=("id", "name", "description"),
    )
    if detail:
        doc["taxonomy_detail"] = taxonomy(row.taxonomy, langs)
    return doc


def attribute(row: ServiceClassification, service_uuid: uuid.UUID, langs: Languages) -> Doc:
    return compact(
        {
            "id": str(row.uuid),
            "link_id": str(service_uuid),
            "taxonomy_term_id": str(row.term.uuid),
            "link_type": "classification",
            "link_entity": "service",
            "value": row.value,
            "taxonomy_term": taxonomy_term(row.term, langs),
        }
    )


# --- locations ----------------------------------------------------------------------------


def location(row: Location, langs: Languages, *, full: bool = True) -> Doc:
    text = langs.pick(_all(row, "translations"))
    doc: Doc = {
        "id": str(row.uuid),
        "location_type": row.location_type,
        "url": row.url,
        "organization_id": _id(row.organisation.uuid) if row.organisation_id and row.organisation else None,
        "name": text.name if text else "",
        "alternate_name": text.alternate_name if text else "",
        "description": text.description if text else "",
        "transportation": text.transportation if text else "",
        "latitude": _number(row.latitude),
        "longitude": _number(row.longitude),
        "external_identifier": row.external_identifier,
        "external_identifier_type": row.external_identifier_type,
    }
    if full:
        doc.update(
            {
                "languages": [language(item, langs) for item in _all(row, "languages")],
                "addresses": [
                    compact(
                        {
                            "id": str(item.uuid),
                            "attention": item.attention,
                            "address_1": item.address_1,
                            "address_2": item.address_2,
                            "city": item.city,
                            "region": item.region,
                            "state_province": item.state_province,
                            "postal_code": item.postal_code,
                            "country": item.country,
                            "address_type": item.address_type,
                        },
                        keep=(
                            "id",
                            "address_1",
                            "city",
                            "state_province",
                            "postal_code",
                            "country",
                            "address_type",
                        ),
                    )
                    for item in _all(row, "addresses")
                ],
                "contacts": [contact(item, langs) for item in _all(row, "contacts")],
                "accessibility": [
                    compact(
                        {
                            "id": str(item.uuid),
                            "description": langs.text(item, "description"),
                            "details": langs.text(item, "details"),
                            "url": item.url,
                        }
                    )
                    for item in _all(row, "accessibility")
                ],
                "phones": [phone(item, langs) for item in _all(row, "phones")],
                "schedules": [schedule(item, langs) for item in _all(row, "schedules")],
            }
        )
    return compact(doc, keep=("id", "location_type"))


def service_at_location(row: ServiceAtLocation, langs: Languages, *, full: bool) -> Doc:
    doc: Doc = {
        "id": str(row.uuid),
        "service_id": str(row.service.uuid),
        "location_id": str(row.location.uuid),
        "description": langs.text(row, "description"),
    }
    if full:
        doc.update(
            {
                "contacts": [contact(item, langs) for item in _all(row, "contacts")],
                "phones": [phone(item, langs) for item in _all(row, "phones")],
                "schedules": [schedule(item, langs) for item in _all(row, "schedules")],
                "location": location(row.location, langs),
            }
        )
    else:
        doc["location"] = location(row.location, langs, full=False)
    return compact(doc)


def service_at_location_document(row: ServiceAtLocation, langs: Languages, *, full: bool) -> Doc:
    """A service at location on its own (the /service_at_locations endpoints), with its service."""
    doc = service_at_location(row, langs, full=full)
    doc["service"] = service(row.service, langs, full=full, with_locations=False)
    return doc


# --- organisations and services -----------------------------------------------------------


def _profile(row: Organisation) -> Any:
    try:
        return row.catalogue_profile  # type: ignore[attr-defined]
    except Exception:  # RelatedObjectDoesNotExist: no catalogue profile yet
        return None


def organization(
    row: Organisation, langs: Languages, *, full: bool = False, services: Sequence[Doc] | None = None
) -> Doc:
    text = langs.pick(_all(row, "catalogue_translations"))  # type: ignore[attr-defined]
    profile = _profile(row)
    name = (text.name if text and text.name else "") or next(
        (value for code in langs.order if (value := {"sv": row.name_sv, "en": row.name_en}.get(code))), ""
    )
    doc: Doc = {
        "id": str(row.uuid),
        "name": name or row.name,
        "alternate_name": (text.alternate_name if text else "") or row.short_name,
        "description": text.description if text else "",
        "email": row.email,
        "website": row.website,
        "tax_status": profile.tax_status if profile else "",
        "year_incorporated": profile.year_incorporated if profile else None,
        "legal_status": profile.legal_status if profile else "",
        "logo": profile.logo if profile else "",
        "uri": profile.uri if profile else "",
        "parent_organization_id": _id(profile.parent.uuid) if profile and profile.parent_id else None,
    }
    if full:
        doc.update(
            {
                "contacts": [contact(item, langs) for item in _all(row, "catalogue_contacts")],  # type: ignore[attr-defined]
                "phones": [phone(item, langs) for item in _all(row, "catalogue_phones")],  # type: ignore[attr-defined]
                "locations": [location(item, langs) for item in _all(row, "catalogue_locations")],  # type: ignore[attr-defined]
            }
        )
        if row.business_id:
            doc["organization_identifiers"] = [
                {
                    "id": business_identifier_id(row.uuid),
                    "organization_id": str(row.uuid),
                    "identifier_scheme": BUSINESS_ID_SCHEME,
                    "identifier_type": "Y-tunnus",
                    "identifier": row.business_id,
                }
            ]
    doc = compact(doc, keep=("id", "name", "description"))
    if services is not None:
        doc["services"] = list(services)
    return doc


def service(row: Service, langs: Languages, *, full: bool, with_locations: bool = True) -> Doc:
    text = langs.pick(_all(row, "translations"))
    doc: Doc = {
        "id": str(row.uuid),
        "organization_id": _id(row.organisation.uuid) if row.organisation_id and row.organisation else None,
        "name": text.name if text else "",
        "alternate_name": text.alternate_name if text else "",
        "description": text.description if text else "",
        "url": row.url,
        "email": row.email,
        "status": row.status,
        "interpretation_services": text.interpretation_services if text else "",
        "application_process": text.application_process if text else "",
        "fees_description": text.fees_description if text else "",
        "wait_time": text.wait_time if text else "",
        "fees": "" if row.fees == "unknown" else row.fees,
        "accreditations": text.accreditations if text else "",
        "eligibility_description": text.eligibility_description if text else "",
        "minimum_age": row.minimum_age,
        "maximum_age": row.maximum_age,
        "assured_date": _date(row.last_checked_at.astimezone(HELSINKI).date())
        if row.last_checked_at
        else None,
        "licenses": text.licenses if text else "",
        "alert": text.alert if text else "",
        "last_modified": _datetime(row.updated_at),
    }
    if row.organisation_id and row.organisation:
        doc["organization"] = organization(row.organisation, langs)
    if full:
        doc.update(
            {
                "phones": [phone(item, langs) for item in _all(row, "phones")],
                "schedules": [schedule(item, langs) for item in _all(row, "schedules")],
                "service_areas": [
                    compact(
                        {
                            "id": str(item.uuid),
                            "name": item.name_in(langs.primary),
                            "description": langs.text(item, "description"),
                            "extent": item.extent,
                            "extent_type": item.extent_type,
                            "uri": item.uri,
                        }
                    )
                    for item in _all(row, "service_areas")
                ],
                "languages": [language(item, langs) for item in _all(row, "languages")],
                "cost_options": [
                    compact(
                        {
                            "id": str(item.uuid),
                            "valid_from": _date(item.valid_from),
                            "valid_to": _date(item.valid_to),
                            "option": langs.text(item, "option"),
                            "currency": item.currency,
                            "amount": _number(item.amount),
                            "amount_description": langs.text(item, "amount_description"),
                        }
                    )
                    for item in _all(row, "cost_options")
                ],
                "required_documents": [
                    compact({"id": str(item.uuid), "document": langs.text(item, "document"), "uri": item.uri})
                    for item in _all(row, "required_documents")
                ],
                "contacts": [contact(item, langs) for item in _all(row, "contacts")],
                "attributes": [attribute(item, row.uuid, langs) for item in _all(row, "classifications")],
            }
        )
        if with_locations:
            doc["service_at_locations"] = [
                service_at_location(item, langs, full=True) for item in _all(row, "service_at_locations")
            ]
    return compact(doc, keep=("id", "name", "status"))


def api_info(*, openapi_url: str, profile: str) -> Doc:
    return {"version": HSDS_VERSION, "profile": profile, "openapi_url": openapi_url}
