"""What every public page needs: the site, the reader's language, the language switch and
the ``hreflang`` alternates of the page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from html import escape
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from kotopolku.core.public_languages import PUBLIC_LANGUAGES, is_public_language, public_language
from kotopolku.website.languages import preferred_language, reading_in, remember
from kotopolku.website.models import Site
from kotopolku.website.selectors import site_of

View = Callable[..., HttpResponse]

# Stands for the language in a reversed URL; "~" is in no slug, UUID or language code.
_ANY_LANGUAGE = "~lang~"
# The site's navigation: its key in templates, the page's name in the URL map.
NAV = {
    "home": "home",
    "articles": "articles",
    "services": "directory",
    "events": "events",
    "appointment": "appointment",
    "search": "search",
    "ask": "ask",
    "accessibility": "accessibility",
}


def language_links(request: HttpRequest, alternates: list[dict[str, Any]]) -> dict[str, SafeString]:
    """The ``hreflang`` links of the page's head and the language switch, as HTML built in one
    pass: fourteen languages × a handful of attributes cost more as template variables than the
    rest of a page. Names are escaped; codes and URLs come from the site's own constants and
    ``reverse``, and are escaped too."""
    origin = escape(f"{request.scheme}://{request.get_host()}")
    head = []
    switch = []
    for alt in alternates:
        code, url = escape(alt["code"]), escape(alt["url"])
        head.append(f'<link rel="alternate" hreflang="{code}" href="{origin}{url}">\n')
        current = ' aria-current="page"' if alt["current"] else ""
        direction = "rtl" if alt["rtl"] else "ltr"
        switch.append(
            f'<li><a href="{url}" lang="{code}" hreflang="{code}" dir="{direction}"{current}>'
            f"{escape(str(alt['name']))}</a></li>"
        )
    return {"hreflang_links": mark_safe("".join(head)), "language_switch": mark_safe("".join(switch))}  # noqa: S308


class Page:
    """The reader's place: the site, the language, and the page's name in the URL map."""

    def __init__(
        self, request: HttpRequest, site: Site, language: str, url_name: str, kwargs: dict[str, Any]
    ):
        self.request = request
        self.site = site
        self.service_point = site.service_point
        self.language = language
        self.url_name = url_name
        self.kwargs = kwargs

    def url(self, name: str, language: str | None = None, **kwargs: Any) -> str:
        return reverse(
            f"website:{name}",
            kwargs={"site": self.service_point.slug, "lang": language or self.language, **kwargs},
        )

    def alternates(self, languages: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """This page in each of ``languages`` (every public language when None): one
        ``reverse`` for them all, the language put into the URL afterwards."""
        wanted = set(languages) if languages is not None else None
        pattern = self.url(self.url_name, _ANY_LANGUAGE, **self.kwargs)
        return [
            {
                "code": item.code,
                "name": item.name,
                "rtl": item.rtl,
                "url": pattern.replace(_ANY_LANGUAGE, item.code, 1),
                "current": item.code == self.language,
            }
            for item in PUBLIC_LANGUAGES
            if wanted is None or item.code in wanted
        ]

    def render(
        self,
        template: str,
        context: dict[str, Any] | None = None,
        *,
        status: int = 200,
        languages: Iterable[str] | None = None,
    ) -> HttpResponse:
        language = public_language(self.language)
        alternates = self.alternates(languages)
        base = {
            "page": self,
            "site": self.site,
            "service_point": self.service_point,
            "lang": self.language,
            "lang_dir": "rtl" if language and language.rtl else "ltr",
            "alternates": alternates,
            **language_links(self.request, alternates),
            "nav": {key: self.url(name) for key, name in NAV.items()},
        }
        with reading_in(self.language):
            response = render(self.request, template, {**base, **(context or {})}, status=status)
        response["Content-Language"] = self.language
        if status < 400:
            remember(response, self.language)
        return response


def not_found(request: HttpRequest, language: str | None = None, site: Site | None = None) -> HttpResponse:
    """A 404 in the site's language: the URL's when it is a public language, else the reader's."""
    language = language if is_public_language(language) else preferred_language(request)
    public = public_language(language or "fi")
    with reading_in(language or "fi"):
        response = render(
            request,
            "website/not_found.html",
            {
                "lang": language,
                "lang_dir": "rtl" if public and public.rtl else "ltr",
                "site": site,
                "service_point": site.service_point if site else None,
                "alternates": [],
                **language_links(request, []),
                "nav": None,
            },
            status=404,
        )
    response["Content-Language"] = language or "fi"
    return response


def site_page(view: View) -> View:
    """Resolve ``site`` and ``lang`` from the URL; anything unknown is a 404 in the site's language."""

    @wraps(view)
    def wrapper(request: HttpRequest, site: str, lang: str, **kwargs: Any) -> HttpResponse:
        found = site_of(slug=site)
        if not is_public_language(lang):
            return not_found(request, None, found)
        if found is None:
            return not_found(request, lang)
        url_name = request.resolver_match.url_name if request.resolver_match else "home"
        page = Page(request, found, lang, url_name or "home", kwargs)
        with reading_in(lang):
            return view(request, page, **kwargs)

    return wrapper
