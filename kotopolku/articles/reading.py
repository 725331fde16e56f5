"""The public article page's reads, as plain data: what the page shows and nothing more.

An article page is read far more often than it is written, and the site keeps each read in the
cache until any article changes (``website.selectors``). So the read is made of flat rows
(``values_list``, no model instances and no prefetch machinery) in one to four queries, and
what it returns is a small frozen dataclass that is cheap to keep and to load from the cache:

1. its published language versions and its source language version whatever its state (the
   source's revision tells readers of a translation whether it is outdated), each row with the
   article's own columns and whether it has related services and path steps;
2. its guide's titles in every language, when it is in a guide;
3. its related active services, when it has any, with their names in the languages a reader
   could be shown;
4. the steps of active service paths it links to, when it has any, with the path's and the
   service's names.

The names are chosen in Python from a handful of rows (``best_text``), which costs less than
building ranked subqueries for every read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import Case, Exists, F, OuterRef, Q, TextField, Value, When

from kotopolku.articles.enums import TranslationStatus
from kotopolku.articles.models import Article, ArticleTranslation, GuideTranslation
from kotopolku.catalogue.enums import ServiceStatus
from kotopolku.organisations.models import ServicePoint


@dataclass(frozen=True)
class ReadTranslation:
    language: str
    title: str
    summary: str
    body: str
    revision: int
    source_revision: int | None
    updated_at: datetime


@dataclass(frozen=True)
class RelatedService:
    uuid: UUID
    name: str
    language: str
    organisation: str


@dataclass(frozen=True)
class LinkedStep:
    uuid: UUID
    path_uuid: UUID
    path_name: str
    service_name: str


@dataclass(frozen=True)
class ArticleReading:
    """One published article as a reader of ``language`` sees it."""

    id: int
    uuid: UUID
    slug: str
    source_language: str
    current_source_revision: int | None
    translations: dict[str, ReadTranslation]  # published ones only, in language order; the
    # summary and text of the reader's language only
    guide_slug: str | None = None
    guide_titles: dict[str, str] = field(default_factory=dict)
    services: list[RelatedService] = field(default_factory=list)
    steps: list[LinkedStep] = field(default_factory=list)

    @property
    def languages(self) -> list[str]:
        return list(self.translations)


def reader_languages(language: str) -> list[str]:
    """Where a catalogue text is looked for: the reader's language (plain Finnish: then
    Finnish), then English, Finnish and Swedish."""
    return list(dict.fromkeys((language, language.split("-")[0], "en", "fi", "sv")))


def best_text(texts: dict[str, str], codes: list[str]) -> tuple[str, str]:
    """(text, its language) of the first of ``codes`` that has a non-empty text."""
    for code in codes:
        if texts.get(code):
            return texts[code], code
    return "", ""


def _organisation_name(name: str, name_sv: str, name_en: str, language: str) -> str:
    """As ``catalogue.Organisation.name_in`` for the reader's language."""
    shown = "fi" if language.startswith("fi") else language
    return {"sv": name_sv, "en": name_en}.get(shown) or name or ""


def _article_rows(service_point: ServicePoint, slug: str, language: str) -> list[tuple[Any, ...]]:
    """The article's published language versions and its source language version, each row
    with the article's own columns and whether it has related services and path steps. Only
    the reader's language brings its summary and text (the others' would be sent for nothing)."""
    services = Article.related_services.through.objects.filter(article_id=OuterRef("article_id"))
    steps = Article.path_steps.through.objects.filter(article_id=OuterRef("article_id"))
    return list(
        ArticleTranslation.objects.filter(article__service_point=service_point, article__slug=slug)
        .filter(Q(status=TranslationStatus.PUBLISHED) | Q(language=F("article__source_language")))
        .annotate(
            has_services=Exists(services),
            has_steps=Exists(steps),
            read_summary=Case(
                When(language=language, then=F("summary")), default=Value(""), output_field=TextField()
            ),
            read_body=Case(
                When(language=language, then=F("body")), default=Value(""), output_field=TextField()
            ),
        )
        .order_by("language")
        .values_list(
            "article_id", "article__uuid", "article__source_language", "article__guide_id",
            "article__guide__slug", "has_services", "has_steps", "language", "status", "title",
            "read_summary", "read_body", "revision", "source_revision", "updated_at",
        )
    )  # fmt: skip


def _guide_titles(guide_id: int) -> dict[str, str]:
    return dict(GuideTranslation.objects.filter(guide_id=guide_id).values_list("language", "title"))


def _services(article_id: int, language: str) -> list[RelatedService]:
    codes = reader_languages(language)
    through = Article.related_services.through
    rows = (
        through.objects.filter(
            article_id=article_id,
            service__status=ServiceStatus.ACTIVE,
            service__translations__language__in=codes,
        )
        .order_by("service_id")
        .values_list(
            "service_id",
            "service__uuid",
            "service__organisation__name",
            "service__organisation__name_sv",
            "service__organisation__name_en",
            "service__translations__language",
            "service__translations__name",
        )
    )
    found: dict[int, tuple[Any, ...]] = {}
    names: dict[int, dict[str, str]] = {}
    for service_id, uuid, name, name_sv, name_en, text_language, text in rows:
        found.setdefault(service_id, (uuid, name, name_sv, name_en))
        names.setdefault(service_id, {})[text_language] = text
    services = []
    for service_id, (uuid, name, name_sv, name_en) in found.items():
        shown, shown_language = best_text(names[service_id], codes)
        organisation = _organisation_name(name, name_sv, name_en, language) if name is not None else ""
        services.append(RelatedService(uuid, shown, shown_language, organisation))
    return sorted(services, key=lambda service: service.name.casefold())


def _steps(article_id: int, language: str) -> list[LinkedStep]:
    codes = reader_languages(language)
    through = Article.path_steps.through
    rows = (
        through.objects.filter(article_id=article_id, servicepathstep__path__is_active=True)
        .order_by("servicepathstep__path__key", "servicepathstep__position", "servicepathstep_id")
        .values_list(
            "servicepathstep_id",
            "servicepathstep__uuid",
            "servicepathstep__path__uuid",
            "servicepathstep__path__translations__language",
            "servicepathstep__path__translations__name",
            "servicepathstep__service__translations__language",
            "servicepathstep__service__translations__name",
        )
    )
    found: dict[int, tuple[UUID, UUID]] = {}
    path_names: dict[int, dict[str, str]] = {}
    service_names: dict[int, dict[str, str]] = {}
    for step_id, uuid, path_uuid, path_language, path_name, service_language, service_name in rows:
        found.setdefault(step_id, (uuid, path_uuid))
        if path_language in codes:
            path_names.setdefault(step_id, {})[path_language] = path_name
        if service_language in codes:
            service_names.setdefault(step_id, {})[service_language] = service_name
    return [
        LinkedStep(
            uuid,
            path_uuid,
            best_text(path_names.get(step_id, {}), codes)[0],
            best_text(service_names.get(step_id, {}), codes)[0],
        )
        for step_id, (uuid, path_uuid) in found.items()
    ]


def article_reading(*, service_point: ServicePoint, slug: str, language: str) -> ArticleReading | None:
    """The published article ``slug`` of the service point for a reader of ``language``, or
    None when it does not exist or has no published language version: one query, and one more
    each for its guide, its related services and its path steps when it has them."""
    rows = _article_rows(service_point, slug, language)
    if not rows:
        return None
    article_id, uuid, source_language, guide_id, guide_slug, has_services, has_steps = rows[0][:7]
    translations: dict[str, ReadTranslation] = {}
    source_revision = None
    for *_article, text_language, status, title, summary, body, revision, translated_from, updated_at in rows:
        if text_language == source_language:
            source_revision = revision
        if status == TranslationStatus.PUBLISHED:
            translations[text_language] = ReadTranslation(
                text_language, title, summary, body, revision, translated_from, updated_at
            )
    if not translations:
        return None
    return ArticleReading(
        id=article_id,
        uuid=uuid,
        slug=slug,
        source_language=source_language,
        current_source_revision=source_revision,
        translations=translations,
        guide_slug=guide_slug,
        guide_titles=_guide_titles(guide_id) if guide_id is not None else {},
        services=_services(article_id, language) if has_services else [],
        steps=_steps(article_id, language) if has_steps else [],
    )
