"""Demo catalogue: services, locations, hours and service paths of Rovaniemi and Kemi.

Idempotent: every row has a UUID derived from a natural key, so running it again updates
the same rows (and removes sub-items that are no longer in the demo data).
"""

from __future__ import annotations

import uuid
from datetime import date, time
from decimal import Decimal
from typing import Any, TextIO

from django.db import models, transaction
from django.db.models.functions import Now

from kotopolku.catalogue import demo_data as data
from kotopolku.catalogue.enums import ChannelKind, ScheduleKind, StepChange
from kotopolku.catalogue.models import (
    Accessibility,
    Address,
    CostOption,
    Language,
    Location,
    LocationTranslation,
    OrganisationTranslation,
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
    ServicePathTranslation,
    ServicePathVariant,
    ServiceTranslation,
    TaxonomyTerm,
)
from kotopolku.organisations.models import Municipality, Organisation

LANGS = ("fi", "sv", "en")


def demo_uuid(*parts: object) -> uuid.UUID:
    return uuid.uuid5(
        uuid.NAMESPACE_URL, "https://kotopolku.invalid/demo/catalogue/" + "/".join(map(str, parts))
    )


def _upsert(model: type[models.Model], row_uuid: uuid.UUID, /, **values: Any) -> Any:
    row, _ = model._default_manager.update_or_create(uuid=row_uuid, defaults=values)
    return row


def _prune(queryset: models.QuerySet[Any], keep: set[uuid.UUID]) -> None:
    queryset.exclude(uuid__in=keep).delete()


def _texts(field: str, triple: tuple[str, str, str]) -> dict[str, dict[str, str]]:
    return {code: {field: text} for code, text in zip(LANGS, triple, strict=True) if text}


def _organisations(tenancy: Any) -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = dict(tenancy.partners)
    for spec in data.EXTRA_ORGANISATIONS:
        municipality = Municipality.objects.get(code=spec["municipality"]) if spec["municipality"] else None
        organisation, _ = Organisation.objects.update_or_create(
            name=spec["name"],
            defaults={
                "name_sv": spec["name_sv"],
                "name_en": spec["name_en"],
                "short_name": spec["short_name"],
                "kind": spec["kind"],
                "municipality": municipality,
                "website": spec["website"],
            },
        )
        organisations[spec["key"]] = organisation
    for short_name, triple in data.ORGANISATION_TEXTS.items():
        organisation = organisations[short_name]
        for code, text in zip(LANGS, triple, strict=True):
            OrganisationTranslation.objects.update_or_create(
                organisation=organisation,
                language=code,
                defaults={
                    "description": text,
                    "source_language": "fi" if code != "fi" else "",
                    "source_version": 1 if code != "fi" else None,
                },
            )
    return organisations


def _schedule(key: uuid.UUID, owner: dict[str, Any], spec: dict[str, Any]) -> Schedule:
    return _upsert(
        Schedule,
        key,
        **owner,
        kind=ScheduleKind.REGULAR,
        freq="WEEKLY",
        byday=spec["byday"],
        interval=spec.get("interval"),
        dtstart=date.fromisoformat(spec["dtstart"]) if spec.get("dtstart") else None,
        opens_at=time.fromisoformat(spec["opens"]),
        closes_at=time.fromisoformat(spec["closes"]),
        is_closed=False,
        valid_from=None,
        valid_to=None,
    )


def _locations(
    organisations: dict[str, Organisation], municipalities: dict[str, Municipality]
) -> dict[str, Location]:
    locations: dict[str, Location] = {}
    for spec in data.LOCATIONS:
        key = spec["key"]
        location = _upsert(
            Location,
            demo_uuid("location", key),
            organisation=organisations[spec["org"]],
            location_type="physical",
            latitude=Decimal(spec["lat"]),
            longitude=Decimal(spec["lon"]),
        )
        for code, name, description, transportation in zip(
            LANGS, spec["name"], spec["description"], spec["transportation"], strict=True
        ):
            LocationTranslation.objects.update_or_create(
                location=location,
                language=code,
                defaults={"name": name, "description": description, "transportation": transportation},
            )
        street, postal_code, city, municipality = spec["address"]
        _upsert(
            Address,
            demo_uuid("location", key, "address"),
            location=location,
            address_1=street,
            postal_code=postal_code,
            city=city,
            state_province="Lappi",
            country="FI",
            municipality=municipalities[municipality],
        )
        _upsert(
            Accessibility,
            demo_uuid("location", key, "accessibility"),
            location=location,
            texts=_texts("description", spec["accessibility"]),
        )
        _upsert(
            Phone, demo_uuid("location", key, "phone"), location=location, number=spec["phone"], type="voice"
        )
        keep = set()
        for code in spec["languages"]:
            keep.add(
                _upsert(
                    Language, demo_uuid("location", key, "language", code), location=location, code=code
                ).uuid
            )
        _prune(location.languages.all(), keep)
        keep = set()
        for index, hours in enumerate(spec["hours"]):
            keep.add(
                _schedule(demo_uuid("location", key, "hours", index), {"location": location}, hours).uuid
            )
        for first, last, note in data.PUBLIC_HOLIDAYS:
            keep.add(
                _upsert(
                    Schedule,
                    demo_uuid("location", key, "closed", first),
                    location=location,
                    kind=ScheduleKind.EXCEPTION,
                    valid_from=date.fromisoformat(first),
                    valid_to=date.fromisoformat(last),
                    is_closed=True,
                    texts=_texts("description", note),
                ).uuid
            )
        for location_key, day, opens, closes, note in data.SPECIAL_DAYS:
            if location_key == key:
                keep.add(
                    _upsert(
                        Schedule,
                        demo_uuid("location", key, "special", day),
                        location=location,
                        kind=ScheduleKind.EXCEPTION,
                        valid_from=date.fromisoformat(day),
                        valid_to=date.fromisoformat(day),
                        opens_at=time.fromisoformat(opens),
                        closes_at=time.fromisoformat(closes),
                        is_closed=False,
                        texts=_texts("description", note),
                    ).uuid
                )
        _prune(location.schedules.all(), keep)
        locations[key] = location
    return locations


def _service(
    spec: dict[str, Any],
    organisations: dict[str, Organisation],
    locations: dict[str, Location],
    municipalities: dict[str, Municipality],
    terms: dict[str, TaxonomyTerm],
) -> Service:
    key = spec["key"]
    service = _upsert(
        Service,
        demo_uuid("service", key),
        organisation=organisations[spec["org"]],
        status="active",
        url=spec["url"],
        fees=spec["fees"],
        minimum_age=spec.get("min_age"),
    )
    for index, code in enumerate(LANGS):
        ServiceTranslation.objects.update_or_create(
            service=service,
            language=code,
            defaults={
                "name": spec["name"][index],
                "description": spec["description"][index],
                "eligibility_description": spec["eligibility"][index],
                "application_process": spec["apply"][index],
                "fees_description": spec["fees_desc"][index],
                "source_language": "" if code == "fi" else "fi",
                "source_version": None if code == "fi" else 1,
            },
        )
    keep = set()
    for kind in spec["channels"]:
        url = (
            spec["e_url"] if kind == ChannelKind.E_SERVICE else spec["url"] if kind == ChannelKind.WEB else ""
        )
        keep.add(
            _upsert(
                ServiceChannel,
                demo_uuid("service", key, "channel", kind),
                service=service,
                kind=kind,
                url=url,
            ).uuid
        )
    _prune(service.channels.all(), keep)
    keep = {
        _upsert(Language, demo_uuid("service", key, "language", c), service=service, code=c).uuid
        for c in spec["languages"]
    }
    _prune(service.languages.all(), keep)
    keep = {
        _upsert(
            ServiceArea, demo_uuid("service", key, "area", c), service=service, municipality=municipalities[c]
        ).uuid
        for c in spec["areas"]
    }
    _prune(service.service_areas.all(), keep)
    keep = {
        _upsert(
            ServiceClassification, demo_uuid("service", key, "term", c), service=service, term=terms[c]
        ).uuid
        for c in spec["terms"]
    }
    _prune(service.classifications.all(), keep)
    keep = set()
    for index, triple in enumerate(spec["docs"]):
        keep.add(
            _upsert(
                RequiredDocument,
                demo_uuid("service", key, "document", index),
                service=service,
                position=index,
                texts=_texts("document", triple),
            ).uuid
        )
    _prune(service.required_documents.all(), keep)
    keep = set()
    for index, (amount, triple) in enumerate(spec.get("costs", [])):
        keep.add(
            _upsert(
                CostOption,
                demo_uuid("service", key, "cost", index),
                service=service,
                amount=Decimal(amount),
                currency="EUR",
                valid_from=date(2026, 1, 1),
                texts=_texts("option", triple),
            ).uuid
        )
    _prune(service.cost_options.all(), keep)
    keep = set()
    for index, (number, triple) in enumerate(spec["phones"]):
        keep.add(
            _upsert(
                Phone,
                demo_uuid("service", key, "phone", index),
                service=service,
                number=number,
                type="voice",
                texts=_texts("description", triple),
            ).uuid
        )
    _prune(service.phones.all(), keep)
    keep = set()
    for location_key in spec["at"]:
        link = _upsert(
            ServiceAtLocation,
            demo_uuid("service", key, "at", location_key),
            service=service,
            location=locations[location_key],
        )
        keep.add(link.uuid)
        popup = spec.get("popup")
        if popup and popup["location"] == location_key:
            _schedule(demo_uuid("service", key, "popup"), {"service_at_location": link}, popup)
    _prune(service.service_at_locations.all(), keep)
    return service


def _paths(
    services: dict[str, Service], municipalities: dict[str, Municipality], terms: dict[str, TaxonomyTerm]
) -> int:
    for spec in data.PATHS:
        key = spec["key"]
        path = _upsert(
            ServicePath,
            demo_uuid("path", key),
            key=key,
            life_situation=spec["life_situation"],
            life_event=terms.get(spec["life_event"]),
            is_active=True,
        )
        for index, code in enumerate(LANGS):
            ServicePathTranslation.objects.update_or_create(
                path=path,
                language=code,
                defaults={"name": spec["name"][index], "description": spec["description"][index]},
            )
        keep: set[uuid.UUID] = set()
        common: list[ServicePathStep] = []
        for index, (service_key, note) in enumerate(spec["steps"], start=1):
            step = _upsert(
                ServicePathStep,
                demo_uuid("path", key, "step", index),
                path=path,
                variant=None,
                change="",
                replaces=None,
                position=index * 10,
                service=services[service_key],
                texts=_texts("note", note),
            )
            common.append(step)
            keep.add(step.uuid)
        variants_keep: set[uuid.UUID] = set()
        for code, variant_spec in spec["variants"].items():
            variant = _upsert(
                ServicePathVariant,
                demo_uuid("path", key, "variant", code),
                path=path,
                municipality=municipalities[code],
                texts=_texts("note", variant_spec["note"]),
            )
            variants_keep.add(variant.uuid)
            for index, change in enumerate(variant_spec["changes"]):
                values: dict[str, Any] = {"path": path, "variant": variant, "change": change[0]}
                if change[0] == StepChange.ADD:
                    values.update(
                        replaces=None,
                        position=change[1],
                        service=services[change[2]],
                        texts=_texts("note", change[3]),
                    )
                elif change[0] == StepChange.REPLACE:
                    target = common[change[1] - 1]
                    values.update(
                        replaces=target,
                        position=target.position,
                        service=services[change[2]],
                        texts=_texts("note", change[3]),
                    )
                else:
                    target = common[change[1] - 1]
                    values.update(replaces=target, position=target.position, service=None, texts={})
                keep.add(
                    _upsert(ServicePathStep, demo_uuid("path", key, "variant", code, index), **values).uuid
                )
        _prune(path.steps.all(), keep)
        _prune(path.variants.all(), variants_keep)
    return len(data.PATHS)


@transaction.atomic
def load_demo(*, tenancy: Any, stdout: TextIO) -> None:
    codes = {c for spec in data.SERVICES for c in spec["areas"]} | {
        spec["address"][3] for spec in data.LOCATIONS
    }
    codes |= {code for spec in data.PATHS for code in spec["variants"]}
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    terms = {t.code: t for t in TaxonomyTerm.objects.filter(taxonomy__key__startswith="ptv-")}
    organisations = _organisations(tenancy)
    locations = _locations(organisations, municipalities)
    services = {
        spec["key"]: _service(spec, organisations, locations, municipalities, terms) for spec in data.SERVICES
    }
    paths = _paths(services, municipalities, terms)
    # One entry left unchecked for a long time, the rest checked recently, so the list shows something.
    Service.objects.filter(uuid__in=[s.uuid for s in services.values()]).exclude(
        uuid=demo_uuid("service", "moninet-advice")
    ).update(last_checked_at=Now())
    stdout.write(
        f"Catalogue: {len(services)} services, {len(locations)} locations, {paths} service paths "
        f"(organisations: {len(organisations)})\n"
    )
