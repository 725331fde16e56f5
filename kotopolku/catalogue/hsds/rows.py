"""A page of services read as plain rows (the HSDS service lists without ``full``).

The list pages need a service's own columns, its organisation with the catalogue profile, and
the translations of both in the wanted languages. Building model instances for them (and
Django's prefetch machinery) cost more than the database did, so they are read here with
``values_list``: one query for the services joined to their translations in the wanted
languages, one for their organisations joined to theirs, keyed by id in dicts. The rows carry
the attribute names of the models, so :mod:`kotopolku.catalogue.hsds.serialize` renders them
exactly as it renders the models.

A page costs two queries whatever its size (the services with their translations, the
organisations with theirs), and one more per translation table only when some row has none of
its translations in the wanted languages (the fallback to any language).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import FilteredRelation, Q, QuerySet

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
SERVICE_TEXT_FIELDS = ("language", *ServiceTranslation.TEXT_FIELDS)
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


def _with_texts(
    queryset: QuerySet[Any],
    relation: str,
    columns: Sequence[str],
    names: Sequence[str],
    languages: Sequence[str],
    every_text: QuerySet[Any],
    owner: str,
) -> tuple[dict[int, tuple[Any, ...]], dict[int, list[Row]]]:
    """The rows of ``queryset`` (``columns``, the first one the id) each joined to its
    translations (``relation``) in ``languages``: one query, a row per translation found.

    Gives the columns per id and the translations per id. An id with none in ``languages`` gets
    every translation it has from ``every_text`` (its ``owner`` column is the id; one more query,
    only then), so the fallback to any language works.
    """
    texts_at = len(columns)
    joined = queryset.alias(
        texts=FilteredRelation(relation, condition=Q(**{f"{relation}__language__in": languages}))
    )
    found: dict[int, tuple[Any, ...]] = {}
    texts: dict[int, list[Row]] = {}
    for item in joined.order_by().values_list(*columns, *(f"texts__{name}" for name in names)):
        found.setdefault(item[0], item[:texts_at])
        if item[texts_at] is not None:  # the language: None when no translation joined
            texts.setdefault(item[0], []).append(Row(dict(zip(names, item[texts_at:], strict=True))))
    missing = set(found).difference(texts)
    if missing:
        for item in every_text.filter(**{f"{owner}__in": missing}).order_by().values_list(owner, *names):
            texts.setdefault(item[0], []).append(Row(dict(zip(names, item[1:], strict=True))))
    return found, texts


def service_rows(keys: Sequence[int], *, languages: Sequence[str]) -> list[Any]:
    """The services of ``keys`` in that order, as rows :func:`serialize.service` renders
    (``full=False``), with only the translations in ``languages`` unless a row has none.

    Two queries: the services with their translations, then their organisations with the
    catalogue profile, its parent's id and their translations (a query of their own: joined to
    the services, PostgreSQL hashed the whole organisation table for a page of 50).
    """
    found, texts = _with_texts(
        Service.objects.filter(pk__in=keys),
        "translations",
        SERVICE_FIELDS,
        SERVICE_TEXT_FIELDS,
        languages,
        ServiceTranslation.objects.all(),
        "service_id",
    )
    if not found:
        return []
    services = {pk: Row(dict(zip(SERVICE_FIELDS, item, strict=True))) for pk, item in found.items()}
    organisation_keys = {row.organisation_id for row in services.values() if row.organisation_id is not None}
    organisations: dict[int, Row] = {}
    if organisation_keys:
        found, organisation_texts = _with_texts(
            Organisation.objects.filter(pk__in=organisation_keys),
            "catalogue_translations",
            _ORGANISATION_COLUMNS,
            ORGANISATION_TEXT_FIELDS,
            languages,
            OrganisationTranslation.objects.all(),
            "organisation_id",
        )
        for pk, item in found.items():
            organisation = Row(dict(zip(ORGANISATION_FIELDS, item[1:_PROFILE_AT], strict=True)))
            profile = None
            if item[_PROFILE_AT] is not None:
                profile = Row(dict(zip(PROFILE_FIELDS, item[_PROFILE_AT:_PARENT_AT], strict=True)))
                profile.parent = Row({"uuid": item[_PARENT_AT]}) if profile.parent_id is not None else None
            organisation.catalogue_profile = profile
            organisation._prefetched_objects_cache = {
                "catalogue_translations": organisation_texts.get(pk, [])
            }
            organisations[pk] = organisation
    for pk, service in services.items():
        service._prefetched_objects_cache = {"translations": texts.get(pk, [])}
        service.organisation = organisations.get(service.organisation_id)
    return [services[key] for key in keys if key in services]
