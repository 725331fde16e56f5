"""Querysets that load exactly what an HSDS document needs, in a fixed number of queries.

Every to-many relation is prefetched with a ``Prefetch`` object (ordered, with its own
``select_related``), so rendering a page of 50 services costs the same number of queries as a
page of 5.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from kotopolku.catalogue.models import (
    Accessibility,
    Address,
    Contact,
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
    ServiceClassification,
    ServiceTranslation,
    Taxonomy,
    TaxonomyTerm,
)
from kotopolku.organisations.models import Organisation


def _phones(prefix: str = "phones") -> list[Prefetch]:  # type: ignore[type-arg]
    return [
        Prefetch(prefix, queryset=Phone.objects.order_by("id")),
        Prefetch(f"{prefix}__languages", queryset=Language.objects.order_by("code", "id")),
    ]


def _contacts(prefix: str = "contacts") -> list[Prefetch]:  # type: ignore[type-arg]
    return [
        Prefetch(prefix, queryset=Contact.objects.order_by("id")),
        *_phones(f"{prefix}__phones"),
    ]


def _schedules(prefix: str = "schedules") -> Prefetch:  # type: ignore[type-arg]
    return Prefetch(
        prefix, queryset=Schedule.objects.order_by("kind", "valid_from", "byday", "opens_at", "id")
    )


def _organisation_basics(prefix: str = "") -> list[Prefetch]:  # type: ignore[type-arg]
    return [Prefetch(f"{prefix}catalogue_translations", queryset=OrganisationTranslation.objects.all())]


def _location_full(prefix: str) -> list[Prefetch]:  # type: ignore[type-arg]
    return [
        Prefetch(f"{prefix}translations", queryset=LocationTranslation.objects.all()),
        Prefetch(f"{prefix}addresses", queryset=Address.objects.order_by("address_type", "id")),
        Prefetch(f"{prefix}accessibility", queryset=Accessibility.objects.order_by("id")),
        Prefetch(f"{prefix}languages", queryset=Language.objects.order_by("code", "id")),
        *_phones(f"{prefix}phones"),
        *_contacts(f"{prefix}contacts"),
        _schedules(f"{prefix}schedules"),
    ]


def _classifications() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch(
        "classifications",
        queryset=ServiceClassification.objects.select_related("term__taxonomy", "term__parent").order_by(
            "term__taxonomy__key", "term__code"
        ),
    )


def _services(*, full: bool) -> QuerySet[Service]:
    return services(full=full)


def services(
    *, full: bool, base: QuerySet[Service] | None = None, languages: tuple[str, ...] | None = None
) -> QuerySet[Service]:
    """``languages``: load only the translations in these languages (the list pages; a service
    with none of them gets all of its own from :func:`complete_translations`)."""
    translations = ServiceTranslation.objects.all()
    organisation_translations = OrganisationTranslation.objects.all()
    if languages:
        translations = translations.filter(language__in=languages)
        organisation_translations = organisation_translations.filter(language__in=languages)
    queryset = (
        (base if base is not None else Service.objects.all())
        .select_related(
            "organisation", "organisation__catalogue_profile", "organisation__catalogue_profile__parent"
        )
        .prefetch_related(
            Prefetch("translations", queryset=translations),
            Prefetch("organisation__catalogue_translations", queryset=organisation_translations),
        )
    )
    if not full:
        return queryset
    return queryset.prefetch_related(
        *_phones(),
        _schedules(),
        Prefetch(
            "service_areas",
            queryset=ServiceArea.objects.select_related("municipality").order_by("name", "id"),
        ),
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location", "location__organisation").order_by(
                "id"
            ),
        ),
        *_location_full("service_at_locations__location__"),
        *_phones("service_at_locations__phones"),
        *_contacts("service_at_locations__contacts"),
        _schedules("service_at_locations__schedules"),
        Prefetch("languages", queryset=Language.objects.order_by("code", "id")),
        Prefetch("cost_options", queryset=CostOption.objects.order_by("valid_from", "amount", "id")),
        Prefetch("required_documents", queryset=RequiredDocument.objects.order_by("position", "id")),
        *_contacts(),
        _classifications(),
    )


def organisations(*, full: bool, services: str | None) -> QuerySet[Organisation]:
    """``services``: None (not listed), "basic" (one-to-one fields) or "full" (fully nested)."""
    queryset = Organisation.objects.select_related(
        "catalogue_profile", "catalogue_profile__parent"
    ).prefetch_related(*_organisation_basics())
    if services is not None:
        queryset = queryset.prefetch_related(
            Prefetch(
                "catalogue_services",
                queryset=_services(full=services == "full").order_by("id"),
            )
        )
    if full:
        queryset = queryset.prefetch_related(
            Prefetch("catalogue_phones", queryset=Phone.objects.order_by("id")),
            Prefetch("catalogue_phones__languages", queryset=Language.objects.order_by("code", "id")),
            Prefetch("catalogue_contacts", queryset=Contact.objects.order_by("id")),
            *_phones("catalogue_contacts__phones"),
            Prefetch(
                "catalogue_locations",
                queryset=Location.objects.select_related("organisation").order_by("id"),
            ),
            *_location_full("catalogue_locations__"),
        )
    return queryset


def services_at_locations(*, full: bool) -> QuerySet[ServiceAtLocation]:
    queryset = ServiceAtLocation.objects.select_related("location", "location__organisation")
    if not full:
        return queryset.select_related("service").prefetch_related(
            Prefetch("location__translations", queryset=LocationTranslation.objects.all()),
            Prefetch("service__translations", queryset=ServiceTranslation.objects.all()),
        )
    return queryset.prefetch_related(
        *_location_full("location__"),
        *_phones(),
        *_contacts(),
        _schedules(),
        Prefetch("service", queryset=services(full=True)),
    )


def taxonomies() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("key")


def taxonomy_terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.select_related("taxonomy", "parent").order_by("taxonomy__key", "code")


def complete_translations(rows: list[Service]) -> None:
    """Give the services (and their organisations) that have no translation in the wanted
    languages all of their own, so that the fallback to any language still works (one query
    each, and only when some row needs it)."""
    missing = [row for row in rows if not row._prefetched_objects_cache.get("translations")]  # type: ignore[attr-defined]
    if missing:
        found: dict[int, list[ServiceTranslation]] = {}
        for translation in ServiceTranslation.objects.filter(service__in=missing):
            found.setdefault(translation.service_id, []).append(translation)
        for row in missing:
            row._prefetched_objects_cache["translations"] = found.get(row.pk, [])  # type: ignore[attr-defined]
    organisations: dict[int, list[Organisation]] = {}
    for row in rows:
        organisation = row.organisation
        if organisation is not None and not getattr(organisation, "_prefetched_objects_cache", {}).get(
            "catalogue_translations"
        ):
            organisations.setdefault(organisation.pk, []).append(organisation)
    if organisations:
        texts: dict[int, list[OrganisationTranslation]] = {}
        for text in OrganisationTranslation.objects.filter(organisation__in=list(organisations)):
            texts.setdefault(text.organisation_id, []).append(text)
        for pk, instances in organisations.items():
            for organisation in instances:
                cache = organisation.__dict__.setdefault("_prefetched_objects_cache", {})
                cache["catalogue_translations"] = texts.get(pk, [])
