"""The site's reads: which service points have a public site.

Every public page starts by finding its site from the URL, so the site is kept in the cache for
a minute; saving or deleting a site or a service point forgets every cached site at once."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.core.cache import cache
from django.db.models import QuerySet
from django.db.models.functions import Left

from kotopolku.articles.reading import ArticleReading, article_reading, reader_languages
from kotopolku.catalogue.models import Service, ServiceTranslation
from kotopolku.organisations.models import ServicePoint
from kotopolku.website.models import Site

SITE_CACHE_SECONDS = 60
_GENERATION_KEY = "website:site-generation"
_ARTICLES_GENERATION_KEY = "website:articles-generation"
ARTICLE_CACHE_SECONDS = 60
_NO_SITE = "none"


def published_sites() -> QuerySet[Site]:
    return (
        Site.objects.filter(is_published=True, service_point__is_active=True)
        .select_related("service_point__municipality")
        .order_by("service_point__name")
    )


def sites_generation() -> int:
    """Grows whenever a site or a service point changes: part of every cached key of the site."""
    return int(cache.get_or_set(_GENERATION_KEY, 0, None) or 0)


def _cache_key(slug: str) -> str:
    return f"website:site:{sites_generation()}:{slug}"


def sites_forget() -> None:
    """Called when a site or a service point changes: the next page reads the database."""
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 1, None)


def articles_generation() -> int:
    """Grows whenever an article, a language version of it or a guide changes."""
    return int(cache.get_or_set(_ARTICLES_GENERATION_KEY, 0, None) or 0)


def articles_forget() -> None:
    try:
        cache.incr(_ARTICLES_GENERATION_KEY)
    except ValueError:
        cache.set(_ARTICLES_GENERATION_KEY, 1, None)


def published_article(*, service_point: ServicePoint, slug: str, language: str) -> ArticleReading | None:
    """The articles app's published article as a reader of ``language`` sees it, kept until
    any article, language version or guide changes (or a minute: a related service's new name
    shows within it). The page around it is made fresh for each reader: it carries a token per
    visit."""
    generations = f"{sites_generation()}:{articles_generation()}"
    key = f"website:article:{generations}:{service_point.pk}:{slug[:100]}:{language}"
    kept = cache.get(key)
    if kept is not None:
        return None if kept == _NO_SITE else kept
    found = article_reading(service_point=service_point, slug=slug, language=language)
    cache.set(key, found if found is not None else _NO_SITE, ARTICLE_CACHE_SECONDS)
    return found


def site_of(*, slug: str) -> Site | None:
    key = _cache_key(slug[:100])
    cached = cache.get(key)
    if cached is not None:
        return None if cached == _NO_SITE else cached
    found = (
        Site.objects.filter(is_published=True, service_point__is_active=True, service_point__slug=slug)
        .select_related("service_point__municipality")
        .first()
    )
    cache.set(key, found if found is not None else _NO_SITE, SITE_CACHE_SECONDS)
    return found


@dataclass(frozen=True)
class ServiceCard:
    """A service in a list of the site: its name and the start of its description in the
    reader's language (or the nearest one there is), and its organisation."""

    uuid: UUID
    name: str
    summary: str
    language: str
    organisation: str


SUMMARY_CHARACTERS = 200


def service_cards(services: QuerySet[Service], *, language: str, start: int, stop: int) -> list[ServiceCard]:
    """Rows ``start:stop`` of the catalogue's ``services`` (its filters and order) as cards, in two
    flat queries: the services with their organisation's names, then their texts in the
    languages a reader of ``language`` could be shown (the description cut in the database)."""
    rows = list(
        services.prefetch_related(None).values_list(
            "pk", "uuid", "organisation__name", "organisation__name_sv", "organisation__name_en"
        )[start:stop]
    )
    if not rows:
        return []
    codes = reader_languages(language)
    texts: dict[int, dict[str, tuple[str, str]]] = {}
    for service_id, text_language, name, description in (
        ServiceTranslation.objects.filter(service_id__in=[row[0] for row in rows], language__in=codes)
        .annotate(start=Left("description", SUMMARY_CHARACTERS + 1))
        .values_list("service_id", "language", "name", "start")
    ):
        texts.setdefault(service_id, {})[text_language] = (name, description)
    shown = "fi" if language.startswith("fi") else language
    cards = []
    for service_id, uuid, organisation, organisation_sv, organisation_en in rows:
        by_language = texts.get(service_id, {})
        code = next((code for code in codes if by_language.get(code, ("", ""))[0]), "")
        name, description = by_language.get(code, ("", ""))
        summary = description[:SUMMARY_CHARACTERS] + ("…" if len(description) > SUMMARY_CHARACTERS else "")
        organisation_name = {"sv": organisation_sv, "en": organisation_en}.get(shown) or organisation or ""
        cards.append(ServiceCard(uuid, name, summary, code, organisation_name))
    return cards
