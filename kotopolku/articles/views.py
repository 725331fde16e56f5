"""Staff pages of articles: the per-language status of the whole site, an article's language
versions, writing one, and the review and approval steps."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kotopolku.accounts.permissions import can, require
from kotopolku.articles import selectors, services
from kotopolku.articles.forms import ArticleCreateForm, LinksForm, TranslationForm
from kotopolku.articles.links import article_links, article_links_set
from kotopolku.articles.models import ArticleTranslation
from kotopolku.core.public_languages import PUBLIC_LANGUAGES, is_public_language, public_language
from kotopolku.core.versioning import StaleVersion


def _add_errors(form: Any, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


@login_required
@require_GET
def status(request: HttpRequest) -> HttpResponse:
    rows = selectors.article_status_rows(user=request.user)
    return render(
        request,
        "articles/status.html",
        {"rows": rows, "languages": PUBLIC_LANGUAGES, "may_create": can(request.user, "articles.edit")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    require(request.user, "articles.edit")
    points = selectors.editable_service_points(user=request.user)
    form = ArticleCreateForm(request.POST or None, service_points=points)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            article = services.article_create(
                service_point=data["service_point"],
                slug=data["slug"],
                life_situation=data["life_situation"],
                source_language=data["source_language"],
                text=services.TranslationText(
                    title=data["title"], summary=data["summary"], body=data["body"]
                ),
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The article was saved as a draft."))
            return redirect("articles:detail", uuid=article.uuid)
    return render(request, "articles/create.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    article = selectors.article_detail(user=request.user, uuid=uuid)
    by_language = {t.language: t for t in article.translations.all()}
    rows = [
        {
            "language": language,
            "translation": by_language.get(language.code),
            "state": selectors.translation_state(article, by_language.get(language.code)),
        }
        for language in PUBLIC_LANGUAGES
    ]
    return render(
        request,
        "articles/detail.html",
        {
            "article": article,
            "rows": rows,
            "may_edit": can(request.user, "articles.edit", article),
            "may_approve": can(request.user, "articles.approve", article),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, uuid: UUID, language: str) -> HttpResponse:
    article = selectors.article_detail(user=request.user, uuid=uuid)
    if not is_public_language(language):
        raise Http404
    require(request.user, "articles.edit", article)
    existing = next((t for t in article.translations.all() if t.language == language), None)
    source = services.source_of(article)
    initial = (
        {
            "title": existing.title,
            "summary": existing.summary,
            "body": existing.body,
            "version": existing.version,
        }
        if existing
        else {}
    )
    form = TranslationForm(request.POST or None, initial=initial)
    status_code = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.translation_save(
                    article=article,
                    language=language,
                    text=services.TranslationText(
                        title=data["title"], summary=data["summary"], body=data["body"]
                    ),
                    by=request.user,
                    expected_version=data["version"] if existing else None,
                )
            except StaleVersion as stale:
                form.add_error(
                    None,
                    _(
                        "Someone else saved this text while you were editing. Their version is shown "
                        "below; copy your changes over it."
                    ),
                )
                return render(
                    request,
                    "articles/edit.html",
                    {
                        "article": article,
                        "form": form,
                        "language": public_language(language),
                        "source": source,
                        "current": stale.current,
                    },
                    status=409,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Saved as a draft."))
                return redirect("articles:detail", uuid=article.uuid)
        status_code = 400
    return render(
        request,
        "articles/edit.html",
        {
            "article": article,
            "form": form,
            "language": public_language(language),
            "source": source if source and source.language != language else None,
        },
        status=status_code,
    )


def _step(request: HttpRequest, uuid: UUID, language: str, action: str) -> HttpResponse:
    article = selectors.article_detail(user=request.user, uuid=uuid)
    translation: ArticleTranslation | None = next(
        (t for t in article.translations.all() if t.language == language), None
    )
    if translation is None:
        raise Http404
    version = request.POST.get("version", "")
    expected = int(version) if version.isdigit() else -1
    try:
        if action == "approve":
            require(request.user, "articles.approve", article)
            services.translation_approve(translation=translation, by=request.user, expected_version=expected)
            messages.success(request, _("Approved and published."))
        elif action == "return":
            require(request.user, "articles.approve", article)
            services.translation_return(translation=translation, by=request.user, expected_version=expected)
            messages.success(request, _("Returned to draft."))
        else:
            require(request.user, "articles.edit", article)
            services.translation_submit(translation=translation, by=request.user, expected_version=expected)
            messages.success(request, _("Sent for review."))
    except StaleVersion:
        messages.error(request, _("Someone else changed this language version. Check it and try again."))
        return redirect("articles:detail", uuid=article.uuid)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("articles:detail", uuid=article.uuid)


@login_required
@require_POST
def submit(request: HttpRequest, uuid: UUID, language: str) -> HttpResponse:
    return _step(request, uuid, language, "submit")


@login_required
@require_POST
def approve(request: HttpRequest, uuid: UUID, language: str) -> HttpResponse:
    return _step(request, uuid, language, "approve")


@login_required
@require_POST
def send_back(request: HttpRequest, uuid: UUID, language: str) -> HttpResponse:
    return _step(request, uuid, language, "return")


@login_required
@require_http_methods(["GET", "POST"])
def links(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The article's related services and path steps: the linked ones checked, services found
    by a search added unchecked, every step of the paths in use listed."""
    article = selectors.article_detail(user=request.user, uuid=uuid)
    require(request.user, "articles.edit", article)
    search = request.GET.get("q", "")[:100]
    language = get_language() or "fi"
    form = LinksForm(request.POST or None, initial={"version": article.version})
    status_code = 200
    if request.method == "POST":
        status_code = 400
        if form.is_valid():
            try:
                article_links_set(
                    article=article,
                    services=form.cleaned_data["services"],
                    path_steps=form.cleaned_data["path_steps"],
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                )
            except StaleVersion:
                status_code = 409
                article.refresh_from_db()
                form = LinksForm({"version": article.version})  # the stored links, at their version
                form.is_valid()
                form.add_error(
                    None,
                    _("Someone else changed this article meanwhile. Check the links and save again."),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The links were saved."))
                return redirect("articles:detail", uuid=article.uuid)
    chosen = article_links(user=request.user, article=article, search=search, language=language)
    return render(
        request,
        "articles/links.html",
        {"article": article, "form": form, "links": chosen, "search": search},
        status=status_code,
    )
