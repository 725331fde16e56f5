"""The public site: thin views over the selectors of the site, articles, catalogue and surveys."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from kotopolku.articles import selectors as articles
from kotopolku.catalogue.enums import LifeSituation
from kotopolku.catalogue.hours import opening_status, week_table
from kotopolku.catalogue.selectors import public as catalogue
from kotopolku.core.public_languages import PUBLIC_LANGUAGES, public_language
from kotopolku.events.selectors import published_events
from kotopolku.surveys import selectors as surveys
from kotopolku.surveys.services import (
    visit_token_issue,
)
from kotopolku.website import presenters
from kotopolku.website.languages import preferred_language, reading_in
from kotopolku.website.selectors import (
    ServiceCard,
    published_article,
    published_sites,
    service_cards,
    site_of,
)
from kotopolku.website.views.cached import shared_page
from kotopolku.website.views.context import Page, language_links, not_found, site_page
from kotopolku.website.views.events import event_card

HOME_EVENTS = 3

# ---------------------------------------------------------------- index, robots, sitemap


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    language = request.GET.get("lang", "")
    if language and public_language(language) is None:
        return not_found(request)
    language = language or preferred_language(request)
    public = public_language(language)
    sites = list(published_sites())
    alternates = [
        {
            "code": item.code,
            "name": item.name,
            "rtl": item.rtl,
            "url": f"/?lang={item.code}",
            "current": item.code == language,
        }
        for item in PUBLIC_LANGUAGES
    ]
    with reading_in(language):
        response = render(
            request,
            "website/index.html",
            {
                "lang": language,
                "lang_dir": "rtl" if public and public.rtl else "ltr",
                "alternates": alternates,
                **language_links(request, alternates),
                "sites": [
                    {
                        "site": site,
                        "url": reverse(
                            "website:home", kwargs={"site": site.service_point.slug, "lang": language}
                        ),
                    }
                    for site in sites
                ],
                "nav": None,
            },
        )
    response["Content-Language"] = language
    return response


@require_GET
def robots(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /staff/",
        "Disallow: /accounts/",
        "Disallow: /admin/",
        "Disallow: /api/v1/",
        *[
            f"Disallow: /{app}/"
            for app in ("clients", "contacts", "catalogue", "articles", "surveys", "website")
        ],
        f"Sitemap: {request.build_absolute_uri(reverse('website:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    urls: list[tuple[str, list[tuple[str, str]]]] = []

    def every_language(name: str, site_slug: str, languages: list[str] | None = None, **kwargs: Any) -> None:
        codes = languages or [item.code for item in PUBLIC_LANGUAGES]
        links = [
            (
                code,
                request.build_absolute_uri(
                    reverse(f"website:{name}", kwargs={"site": site_slug, "lang": code, **kwargs})
                ),
            )
            for code in codes
        ]
        urls.extend((url, links) for _code, url in links)

    for site in published_sites():
        slug = site.service_point.slug
        for name in ("home", "articles", "directory", "events", "appointment", "ask", "accessibility"):
            every_language(name, slug)
        for article in articles.published_articles(service_point=site.service_point):
            languages = [t.language for t in article.translations.all()]
            every_language("article", slug, languages, slug=article.slug)
    response = render(request, "website/sitemap.xml", {"urls": urls}, content_type="application/xml")
    return response


@require_GET
def site_redirect(request: HttpRequest, site: str) -> HttpResponse:
    found = site_of(slug=site)
    if found is None:
        return not_found(request)
    return HttpResponseRedirect(
        reverse("website:home", kwargs={"site": site, "lang": preferred_language(request)})
    )


# ---------------------------------------------------------------- home


@require_GET
@site_page
def home(request: HttpRequest, page: Page) -> HttpResponse:
    now = timezone.now()
    location = catalogue.public_location(location_id=page.site.location_id) if page.site.location_id else None
    context: dict[str, Any] = {"location": None}
    if location is not None:
        schedules = list(location.schedules.all())
        context.update(
            location=presenters.location(location, page.language),
            status=opening_status(schedules, now),
            week=week_table(schedules, timezone.localdate(now)),
            popups=presenters.popups(location, page.language, timezone.localdate(now)),
        )
    context["events"] = [
        event_card(event, page, now)
        for event in published_events(service_point_ids=[page.service_point.pk])[:HOME_EVENTS]
    ]
    context["guides"] = [
        presenters.guide_link(guide, page) for guide in articles.guides_of(service_point=page.service_point)
    ]
    context["surveys"] = [
        {
            "title": survey.title_in(page.language),
            "url": page.url("survey", uuid=survey.uuid) + "?channel=site",
        }
        for survey in surveys.open_surveys(service_point=page.service_point)
        if page.language in survey.languages
    ]
    return page.render("website/home.html", context)


# ---------------------------------------------------------------- articles and guides


def _situation_label(code: str) -> str:
    return str(presenters.LIFE_SITUATIONS.get(code, code))


@require_GET
@shared_page
@site_page
def article_list(request: HttpRequest, page: Page) -> HttpResponse:
    groups: dict[str, list[dict[str, Any]]] = {}
    for article in articles.published_articles(service_point=page.service_point):
        groups.setdefault(article.life_situation, []).append(presenters.article_link(article, page))
    ordered = [
        {"label": _situation_label(code), "articles": groups[code]}
        for code in LifeSituation.values
        if code in groups
    ]
    return page.render("website/articles.html", {"groups": ordered})


@require_GET
@site_page
def article(request: HttpRequest, page: Page, slug: str) -> HttpResponse:
    found = published_article(service_point=page.service_point, slug=slug, language=page.language)
    if found is None:
        return not_found(request, page.language, page.site)
    published = found.translations
    translation = published.get(page.language)
    languages = found.languages
    if translation is None:
        return page.render(
            "website/article_elsewhere.html",
            {"languages": page.alternates(languages), "title": next(iter(published.values())).title},
            status=404,
            languages=languages,
        )
    outdated = None
    if page.language != found.source_language:
        source_revision = found.current_source_revision
        if source_revision is not None and (translation.source_revision or 0) < source_revision:
            outdated = {
                "url": page.url("article", found.source_language, slug=found.slug)
                if found.source_language in published
                else None,
                "language": presenters.language_name(found.source_language, found.source_language),
            }
    return page.render(
        "website/article.html",
        {
            "article": found,
            "translation": translation,
            "body": presenters.body_html(translation.body),
            "outdated": outdated,
            "services": [presenters.related_service_link(service, page) for service in found.services],
            "steps": [
                {
                    "path": step.path_name,
                    "service": step.service_name,
                    "url": page.url("path", uuid=step.path_uuid) + f"#step-{step.uuid}",
                }
                for step in found.steps
            ],
            "guide": presenters.reading_guide_link(found, page),
            "token": visit_token_issue(),
            "voted": request.GET.get("voted") == "1",
        },
        languages=languages,
    )


@require_GET
@site_page
def guide(request: HttpRequest, page: Page, slug: str) -> HttpResponse:
    found = articles.published_guide(service_point=page.service_point, slug=slug)
    if found is None:
        return not_found(request, page.language, page.site)
    chapters = presenters.guide_chapters(found, page)
    languages = sorted({t.language for a in found.articles.all() for t in a.translations.all()})
    if not chapters:
        return page.render(
            "website/article_elsewhere.html",
            {"languages": page.alternates(languages), "title": presenters.guide_title(found, page.language)},
            status=404,
            languages=languages,
        )
    return page.render(
        "website/guide.html",
        {
            "title": presenters.guide_title(found, page.language),
            "introduction": presenters.guide_intro(found, page.language),
            "chapters": chapters,
            "pdf_url": page.url("guide_pdf", slug=found.slug),
        },
        languages=languages,
    )


# ---------------------------------------------------------------- search


SEARCH_SERVICES = 20


def _service_results(query: catalogue.DirectoryQuery, page: Page) -> list[ServiceCard]:
    services = catalogue.service_directory(query=query)
    return service_cards(services, language=page.language, start=0, stop=SEARCH_SERVICES)


@require_GET
@shared_page
@site_page
def search(request: HttpRequest, page: Page) -> HttpResponse:
    text = request.GET.get("q", "")[:200].strip()
    context: dict[str, Any] = {"q": text, "searched": bool(text)}
    if text:
        found_articles = articles.article_search(
            service_point=page.service_point, text=text, language=page.language
        )
        query = catalogue.DirectoryQuery(
            text=text, text_language=page.language, municipality=page.service_point.municipality
        )
        found_services = _service_results(query, page)
        other = False
        if not found_articles and not found_services:
            other = True
            found_articles = articles.article_search(
                service_point=page.service_point, text=text, language=None
            )
            query = catalogue.DirectoryQuery(text=text, municipality=page.service_point.municipality)
            found_services = _service_results(query, page)
        context.update(
            other_languages=other,
            articles=[presenters.search_article(t, page) for t in found_articles],
            services=[presenters.service_card(card, page) for card in found_services],
        )
    return page.render("website/search.html", context)
