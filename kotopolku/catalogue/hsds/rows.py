"""A page of services read as plain rows (the HSDS service lists without ``full``).

The list pages need a service's own columns, its organisation with the catalogue profile, and
the translations of both in the wanted languages. Building model instances for them (and
Django's prefetch machinery) cost more than the database did, so they are read here with
``values_list``: one query for the services joined to their organisations, one per translation
table, keyed by id in dicts. The rows carry the attribute names of the models, so
:mod:`kotopolku.catalogue.hsds.serialize` renders them exactly as it renders the models.

A page costs three queries whatever its size, and one more per translation table only when
some row has none of its translations in the wanted languages (the fallback to any language).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from kotopolku.catalogue.models import OrganisationTranslation, Service, ServiceTranslation
from kotopolku.organisations.models import Organisation

SERVICE_FIELDS = (
    "id",
    "uuid",
    "organisation_id",
    "url",
    "email",
    "status",
    "fees",
    "minimum_age",
    "maximum_age",
    "last_checked_at",
    "updated_at",
)
ORGANISATION_FIELDS = ("uuid", "name", "name_sv", "name_en", "short_name", "email", "website")
PROFILE_FIELDS = ("id", "tax_status", "year_incorporated", "legal_status", "logo", "uri", "parent_id")
SERVICE_TEXT_FIELDS = (
    "language",
    "name",
    "alternate_name",
    "description",
    "application_process",
    "eligibility_description",
    "fees_description",
    "interpretation_services",
    "wait_time",
    "alert",
    "accreditations",
    "licenses",
)
ORGANISATION_TEXT_FIELDS = ("language", "name", "alternate_name", "description")

_ORGANISATION_COLUMNS = (
    "id",
    *ORGANISATION_FIELDS,
    *(f"catalogue_profile__{name}" for name in PROFILE_FIELDS),
    "catalogue_profile__parent__uuid",
)
_PROFILE_AT = 1 + len(ORGANISATION_FIELDS)
_PARENT_AT = _PROFILE_AT + len(PROFILE_FIELDS)


class Row:
    """One row's values as attributes (``row.uuid``), with its related rows beside them.

    To-many relations sit in ``_prefetched_objects_cache`` under the model's relation name,
    where the serialisers look for prefetched rows.
    """

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__ = values

    if TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any: ...

        def __setattr__(self, name: str, value: Any) -> None: ...


def _rows(names: Sequence[str], values: Iterable[Sequence[Any]]) -> list[Row]:
    return [Row(dict(zip(names, item, strict=True))) for item in values]


def _texts_by_owner(
    queryset: QuerySet[Any], owner: str, names: Sequence[str], owners: Iterable[int], languages: Sequence[str]
) -> dict[int, list[Row]]:
    """Translation rows per owner id: the wanted languages, or every language of an owner that
    has none of them (one more query, only then)."""
    wanted = set(owners)
    found: dict[int, list[Row]] = {}
    columns = (owner, *names)
    for item in queryset.filter(**{f"{owner}__in": wanted, "language__in": languages}).values_list(*columns):
        found.setdefault(item[0], []).append(Row(dict(zip(names, item[1:], strict=True))))
    missing = wanted.difference(found)
    if missing:
        for item in queryset.filter(**{f"{owner}__in": missing}).values_list(*columns):
            found.setdefault(item[0], []).append(Row(dict(zip(names, item[1:], strict=True))))
    return found


def _organisation_rows(keys: Iterable[int]) -> dict[int, Row]:
    """Organisations with their catalogue profile and its parent's id, by id. A query of their
    own: joined to the services, PostgreSQL hashed the whole organisation table for 50 rows."""
    found: dict[int, Row] = {}
    for item in Organisation.objects.filter(pk__in=keys).order_by().values_list(*_ORGANISATION_COLUMNS):
        organisation = Row(dict(zip(ORGANISATION_FIELDS, item[1:_PROFILE_AT], strict=True)))
        profile = None
        if item[_PROFILE_AT] is not None:
            profile = Row(dict(zip(PROFILE_FIELDS, item[_PROFILE_AT:_PARENT_AT], strict=True)))
            profile.parent = Row({"uuid": item[_PARENT_AT]}) if profile.parent_id is not None else None
        organisation.catalogue_profile = profile
        found[item[0]] = organisation
    return found


def service_rows(keys: Sequence[int], *, languages: Sequence[str]) -> list[Any]:
    """The services of ``keys`` in that order, as rows :func:`serialize.service` renders
    (``full=False``), with only the translations in ``languages`` unless a row has none."""
    services = {
        item[0]: Row(dict(zip(SERVICE_FIELDS, item, strict=True)))
        for item in Service.objects.filter(pk__in=keys).order_by().values_list(*SERVICE_FIELDS)
    }
    if not services:
        return []
    texts = _texts_by_owner(
        ServiceTranslation.objects.order_by(), "service_id", SERVICE_TEXT_FIELDS, services, languages
    )
    organisation_keys = {row.organisation_id for row in services.values() if row.organisation_id is not None}
    organisations = _organisation_rows(organisation_keys) if organisation_keys else {}
    if organisations:
        organisation_texts = _texts_by_owner(
            OrganisationTranslation.objects.order_by(),
            "organisation_id",
            ORGANISATION_TEXT_FIELDS,
            organisations,
            languages,
        )
        for pk, organisation in organisations.items():
            organisation._prefetched_objects_cache = {
                "catalogue_translations": organisation_texts.get(pk, [])
            }
    for pk, service in services.items():
        service._prefetched_objects_cache = {"translations": texts.get(pk, [])}
        service.organisation = organisations.get(service.organisation_id)
    return [services[key] for key in keys if key in services]
