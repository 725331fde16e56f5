"""Reads of articles: the staff's per-language status view, and the published articles the
public site shows (public information: no user, only published language versions)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL

from kotopolku.accounts.permissions import require, service_point_ids
from kotopolku.articles.enums import TranslationState, TranslationStatus
from kotopolku.articles.models import Article, ArticleTranslation, Guide, GuideTranslation
from kotopolku.catalogue.selectors.search import search_terms, tsquery_text
from kotopolku.core.public_languages import PUBLIC_LANGUAGES, public_language
from kotopolku.organisations.models import ServicePoint

# ---------------------------------------------------------------- staff


def translation_state(article: Article, translation: ArticleTranslation | None) -> str:
    """Missing, not published, outdated (made from an older source revision) or up to date."""
    if translation is None:
        return TranslationState.MISSING
    if translation.status != TranslationStatus.PUBLISHED:
        return TranslationState.UNPUBLISHED
    if translation.language == article.source_language:
        return TranslationState.CURRENT
    source = next((t for t in article.translations.all() if t.language == article.source_language), None)
    if source is not None and (translation.source_revision or 0) < source.revision:
        return TranslationState.OUTDATED
    return TranslationState.CURRENT


@dataclass(frozen=True)
class StatusRow:
    article: Article
    title: str
    cells: list[tuple[str, str, ArticleTranslation | None]]  # (language, state, translation)


def article_status_rows(*, user: object) -> list[StatusRow]:
    """Every article the user may see × every public language, with its state (two queries)."""
    require(user, "articles.view")
    articles = (
        Article.objects.filter(service_point_id__in=service_point_ids(user, "articles.view"))
        .select_related("service_point")
        .prefetch_related(
            Prefetch(
                "translations",
                queryset=ArticleTranslation.objects.only(
                    "id", "uuid", "article_id", "language", "title", "status", "revision", "source_revision"
                ),
            )
        )
        .order_by("service_point__name", "life_situation", "slug")
    )
    rows = []
    for article in articles:
        by_language = {t.language: t for t in article.translations.all()}
        source = by_language.get(article.source_language)
        cells = [
            (
                language.code,
                translation_state(article, by_language.get(language.code)),
                by_language.get(language.code),
            )
            for language in PUBLIC_LANGUAGES
        ]
        rows.append(StatusRow(article=article, title=source.title if source else article.slug, cells=cells))
    return rows


def article_detail(*, user: object, uuid: UUID | str) -> Article:
    article = (
        Article.objects.select_related("service_point", "guide")
        .prefetch_related(
            Prefetch(
                "translations",
                queryset=ArticleTranslation.objects.select_related(
                    "edited_by", "submitted_by", "approved_by"
                ),
            )
        )
        .get(uuid=uuid)
    )
    require(user, "articles.view", article)
    return article


def editable_service_points(*, user: object) -> QuerySet[ServicePoint]:
    return ServicePoint.objects.filter(pk__in=service_point_ids(user, "articles.edit"))


# ---------------------------------------------------------------- public


def _published(language: str | None = None) -> QuerySet[ArticleTranslation]:
    queryset = ArticleTranslation.objects.filter(status=TranslationStatus.PUBLISHED)
    return queryset.filter(language=language) if language else queryset


def published_articles(*, service_point: ServicePoint) -> QuerySet[Article]:
    """Articles with at least one published language, each with its published ones (2 queries)."""
    return (
        Article.objects.filter(service_point=service_point)
        .filter(Exists(_published().filter(article=OuterRef("pk"))))
        .prefetch_related(
            Prefetch(
                "translations",
                queryset=_published().only(
                    "id", "article_id", "language", "title", "summary", "revision", "source_revision"
                ),
            )
        )
        .order_by("life_situation", "guide_position", "slug")
    )


def source_revision_of(article: Article) -> int | None:
    """The current revision of the article's source text, published or not (one query)."""
    return (
        ArticleTranslation.objects.filter(article=article, language=article.source_language)
        .values_list("revision", flat=True)
        .first()
    )


def published_guide(*, service_point: ServicePoint, slug: str) -> Guide | None:
    return (
        Guide.objects.filter(service_point=service_point, slug=slug)
        .prefetch_related(
            "translations",
            Prefetch(
                "articles",
                queryset=Article.objects.filter(Exists(_published().filter(article=OuterRef("pk"))))
                .order_by("guide_position", "slug")
                .prefetch_related(Prefetch("translations", queryset=_published())),
            ),
        )
        .first()
    )


def guides_of(*, service_point: ServicePoint) -> QuerySet[Guide]:
    return Guide.objects.filter(service_point=service_point).prefetch_related(
        Prefetch(
            "translations", queryset=GuideTranslation.objects.only("id", "guide_id", "language", "title")
        )
    )


MAX_SEARCH_RESULTS = 50


def search_document_sql() -> str:
    """Generated column ``search_document`` (PostgreSQL only, migration 0002): title, summary
    and text parsed with the stemmer of the row's language."""
    whens = " ".join(
        f"WHEN '{language.code}' THEN to_tsvector('{language.search_config}'::regconfig, "
        "title || ' ' || summary || ' ' || body)"
        for language in PUBLIC_LANGUAGES
    )
    fallback = "to_tsvector('simple'::regconfig, title || ' ' || summary || ' ' || body)"
    return f"CASE language {whens} ELSE {fallback} END"


def _search_configs(language: str | None) -> list[str]:
    if language is not None:
        found = public_language(language)
        return [found.search_config if found else "simple"]
    return sorted({item.search_config for item in PUBLIC_LANGUAGES})


def article_search(
    *, service_point: ServicePoint, text: str, language: str | None
) -> list[ArticleTranslation]:
    """Published language versions matching every word of ``text``; in ``language`` when given.

    PostgreSQL: full-text search with the language's stemmer (``simple`` where it has none)
    over the stored ``search_document``; SQLite: every word occurs in the title, summary or
    text. The words travel as parameters; the SQL around them is built from constants. Each
    result holds what a list of results shows (title, summary, language, the article's slug)."""
    words = search_terms(text)
    if not words:
        return []
    queryset = (
        _published(language)
        .filter(article__service_point=service_point)
        .select_related("article")
        .only("id", "language", "title", "summary", "article__id", "article__slug")
    )
    if connection.vendor == "postgresql":
        configs = _search_configs(language)
        tsquery = " || ".join(f"to_tsquery('{config}'::regconfig, %s)" for config in configs)
        queryset = queryset.filter(
            RawSQL(  # noqa: S611 - the SQL is built from constants; the words are parameters
                f"search_document @@ ({tsquery})",
                [tsquery_text(words)] * len(configs),
                output_field=BooleanField(),
            )
        )
    else:
        condition = Q()
        for word in words:
            condition &= Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
        queryset = queryset.filter(condition)
    return list(queryset.order_by("title")[:MAX_SEARCH_RESULTS])
