"""Articles over the API: the per-language status of every article, and saving a language
version (If-Match or ``version``; a stale one gets 409)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Router

from kotopolku.accounts.permissions import require
from kotopolku.articles.links import article_links_set
from kotopolku.articles.models import Article
from kotopolku.articles.schemas import ArticleOut, LinksIn, LinksOut, TranslationIn, TranslationSaved
from kotopolku.articles.selectors import article_detail, article_status_rows, translation_state
from kotopolku.articles.services import TranslationText, translation_save
from kotopolku.core.api_schemas import Line
from kotopolku.core.public_languages import is_public_language
from kotopolku.core.versioning import StaleVersion, etag, expected_version_from

router = Router(tags=["articles"])


def _out(article: Article) -> dict[str, Any]:
    return {
        "uuid": article.uuid,
        "service_point": article.service_point.uuid,
        "slug": article.slug,
        "life_situation": article.life_situation,
        "source_language": article.source_language,
        "translations": [
            {
                "language": t.language,
                "title": t.title,
                "status": t.status,
                "revision": t.revision,
                "source_revision": t.source_revision,
                "state": translation_state(article, t),
                "version": t.version,
                "updated_at": t.updated_at,
            }
            for t in article.translations.all()
        ],
    }


@router.get("/articles", response=list[ArticleOut], summary="Articles and the state of each language")
def list_articles(request: HttpRequest) -> list[dict[str, Any]]:
    return [_out(row.article) for row in article_status_rows(user=request.user)]


@router.get("/articles/{uuid}", response=ArticleOut, summary="One article")
def get_article(request: HttpRequest, uuid: UUID) -> dict[str, Any]:
    try:
        return _out(article_detail(user=request.user, uuid=uuid))
    except Article.DoesNotExist:
        raise Http404 from None


@router.put(
    "/articles/{uuid}/translations/{language}",
    response={200: TranslationSaved, 409: dict},
    summary="Write one language version (a draft); If-Match or version guards against lost updates",
)
def put_translation(
    request: HttpRequest,
    response: HttpResponse,
    uuid: UUID,
    language: Annotated[Line, Path(max_length=16)],
    payload: TranslationIn,
) -> Any:
    try:
        article = article_detail(user=request.user, uuid=uuid)
    except Article.DoesNotExist:
        raise Http404 from None
    if not is_public_language(language):
        raise Http404
    require(request.user, "articles.edit", article)
    exists = any(t.language == language for t in article.translations.all())
    expected = expected_version_from(request, payload.version)
    try:
        saved = translation_save(
            article=article,
            language=language,
            text=TranslationText(title=payload.title, summary=payload.summary, body=payload.body),
            by=request.user,
            expected_version=expected if exists else None,
        )
    except StaleVersion as stale:
        return 409, {
            "detail": _("The language version has changed since you read it."),
            "version": stale.current.version,
        }
    response["ETag"] = etag(saved.version)
    return 200, {
        "language": saved.language,
        "revision": saved.revision,
        "source_revision": saved.source_revision,
        "status": saved.status,
        "version": saved.version,
    }


def _links_out(article: Article) -> dict[str, Any]:
    return {
        "services": sorted(article.related_services.values_list("uuid", flat=True), key=str),
        "path_steps": sorted(article.path_steps.values_list("uuid", flat=True), key=str),
        "version": article.version,
    }


@router.get(
    "/articles/{uuid}/links", response=LinksOut, summary="The article's related services and path steps"
)
def get_links(request: HttpRequest, response: HttpResponse, uuid: UUID) -> dict[str, Any]:
    try:
        article = article_detail(user=request.user, uuid=uuid)
    except Article.DoesNotExist:
        raise Http404 from None
    response["ETag"] = etag(article.version)
    return _links_out(article)


@router.put(
    "/articles/{uuid}/links",
    response={200: LinksOut, 409: dict},
    summary="Set an article's related services and path steps; If-Match or version guards lost updates",
)
def put_links(request: HttpRequest, response: HttpResponse, uuid: UUID, payload: LinksIn) -> Any:
    try:
        article = article_detail(user=request.user, uuid=uuid)
    except Article.DoesNotExist:
        raise Http404 from None
    require(request.user, "articles.edit", article)
    try:
        saved = article_links_set(
            article=article,
            services=payload.services,
            path_steps=payload.path_steps,
            by=request.user,
            expected_version=expected_version_from(request, payload.version),
        )
    except StaleVersion as stale:
        return 409, {
            "detail": _("The article has changed since you read it."),
            "version": stale.current.version,
        }
    response["ETag"] = etag(saved.version)
    return 200, _links_out(saved)
