"""An article's links to the catalogue: its related services and the steps of service paths it
points to, as readers see them under the article on the public site.

Editors choose them in the article's staff page or over the API. Only active services and the
steps of paths in use can be linked. A change counts as a new version of the article (a stale
version is refused), is audited with what was added and removed, and the site shows it at once
(saving the article forgets the site's kept reads of articles).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import require
from kotopolku.articles.models import Article
from kotopolku.articles.reading import best_text, reader_languages
from kotopolku.audit.services import audit_record
from kotopolku.catalogue.enums import ServiceStatus
from kotopolku.catalogue.models import Service, ServicePathStep
from kotopolku.core.versioning import version_bump, versioned_update

MAX_LINKS = 20
MAX_CHOICES = 20


@dataclass(frozen=True)
class LinkChoice:
    uuid: UUID
    name: str
    detail: str = ""


def _linkable_services() -> QuerySet[Service]:
    return Service.objects.filter(status=ServiceStatus.ACTIVE)


def _linkable_steps() -> QuerySet[ServicePathStep]:
    return ServicePathStep.objects.filter(path__is_active=True, service__isnull=False)


def _service_choices(services: QuerySet[Service], language: str) -> list[LinkChoice]:
    codes = reader_languages(language)
    rows = services.filter(translations__language__in=codes).values_list(
        "uuid", "organisation__name", "translations__language", "translations__name"
    )
    names: dict[UUID, dict[str, str]] = {}
    organisations: dict[UUID, str] = {}
    for uuid, organisation, text_language, name in rows:
        names.setdefault(uuid, {})[text_language] = name
        organisations[uuid] = organisation or ""
    choices = [
        LinkChoice(uuid, best_text(texts, codes)[0], organisations[uuid]) for uuid, texts in names.items()
    ]
    return sorted(choices, key=lambda choice: choice.name.casefold())


def _step_choices(steps: QuerySet[ServicePathStep], language: str) -> list[LinkChoice]:
    codes = reader_languages(language)
    rows = steps.order_by("path__key", "position", "id").values_list(
        "uuid", "position", "path__translations__language", "path__translations__name",
        "service__translations__language", "service__translations__name",
    )  # fmt: skip
    order: dict[UUID, int] = {}
    paths: dict[UUID, dict[str, str]] = {}
    services: dict[UUID, dict[str, str]] = {}
    for uuid, position, path_language, path_name, service_language, service_name in rows:
        order.setdefault(uuid, position)
        if path_language in codes:
            paths.setdefault(uuid, {})[path_language] = path_name
        if service_language in codes:
            services.setdefault(uuid, {})[service_language] = service_name
    return [
        LinkChoice(
            uuid,
            best_text(services.get(uuid, {}), codes)[0],
            f"{best_text(paths.get(uuid, {}), codes)[0]}, {position + 1}.",
        )
        for uuid, position in order.items()
    ]


@dataclass(frozen=True)
class ArticleLinks:
    services: list[LinkChoice]
    steps: list[LinkChoice]
    found: list[LinkChoice]  # services matching the editor's search, not yet linked
    all_steps: list[LinkChoice]  # every step that could be linked


def article_links(*, user: Any, article: Article, search: str = "", language: str = "fi") -> ArticleLinks:
    """What the article links to, named in ``language``, with the services found by ``search``
    (at most ``MAX_CHOICES``) and every step of the paths in use (a handful of queries)."""
    require(user, "articles.view", article)
    linked = list(article.related_services.values_list("pk", flat=True))
    found: list[LinkChoice] = []
    text = search.strip()[:100]
    if text:
        matching = (
            _linkable_services()
            .filter(Q(translations__name__icontains=text) | Q(organisation__name__icontains=text))
            .exclude(pk__in=linked)
            .values_list("pk", flat=True)
            .distinct()[:MAX_CHOICES]
        )
        found = _service_choices(Service.objects.filter(pk__in=list(matching)), language)
    return ArticleLinks(
        services=_service_choices(Service.objects.filter(pk__in=linked), language),
        steps=_step_choices(ServicePathStep.objects.filter(pk__in=article.path_steps.values("pk")), language),
        found=found,
        all_steps=_step_choices(_linkable_steps(), language),
    )


def _resolve(
    linkable: QuerySet[Any], uuids: Sequence[UUID], field: str, errors: dict[str, list[str]]
) -> list[int]:
    wanted = list(dict.fromkeys(uuids))
    if len(wanted) > MAX_LINKS:
        errors[field] = [_("Choose at most %(count)d.") % {"count": MAX_LINKS}]
        return []
    found = dict(linkable.filter(uuid__in=wanted).values_list("uuid", "pk"))
    if len(found) != len(wanted):
        errors[field] = [_("Some of the chosen items are not in use. Reload the page and choose again.")]
        return []
    return [found[uuid] for uuid in wanted]


@transaction.atomic
def article_links_set(
    *,
    article: Article,
    services: Sequence[UUID],
    path_steps: Sequence[UUID],
    by: Any,
    expected_version: int | None,
) -> Article:
    """Link exactly ``services`` and ``path_steps`` to the article. Raises ValidationError for
    unknown or unused ones and StaleVersion when the article changed since ``expected_version``.
    The caller has checked ``articles.edit`` on the article."""
    errors: dict[str, list[str]] = {}
    service_ids = _resolve(_linkable_services(), services, "services", errors)
    step_ids = _resolve(_linkable_steps(), path_steps, "path_steps", errors)
    if errors:
        raise ValidationError(errors)
    locked, _changed = versioned_update(article, changes={}, expected_version=expected_version)
    before_services = set(locked.related_services.values_list("pk", flat=True))
    before_steps = set(locked.path_steps.values_list("pk", flat=True))
    if before_services == set(service_ids) and before_steps == set(step_ids):
        return locked
    locked.related_services.set(service_ids)
    locked.path_steps.set(step_ids)
    version_bump(locked)

    def uuids(model: Any, ids: set[int]) -> list[str]:
        return sorted(str(uuid) for uuid in model.objects.filter(pk__in=ids).values_list("uuid", flat=True))

    audit_record(
        actor=by,
        action="articles.edit",
        target=locked,
        details={
            "services_added": uuids(Service, set(service_ids) - before_services),
            "services_removed": uuids(Service, before_services - set(service_ids)),
            "path_steps_added": uuids(ServicePathStep, set(step_ids) - before_steps),
            "path_steps_removed": uuids(ServicePathStep, before_steps - set(step_ids)),
        },
    )
    return locked
