"""The reader's language: it follows the URL, and the last one read is remembered in a cookie
(used only to choose where ``/<service-point>/`` leads)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from kotopolku.core.public_languages import PLAIN_FINNISH, PUBLIC_LANGUAGE_CODES, is_public_language

COOKIE = "kotopolku_site_language"
COOKIE_AGE = 60 * 60 * 24 * 365
DEFAULT = "fi"


def preferred_language(request: HttpRequest) -> str:
    """The remembered language, else the browser's first public language, else Finnish."""
    remembered = request.COOKIES.get(COOKIE, "")
    if is_public_language(remembered):
        return remembered
    # A staff member's chosen language (fi, sv, en) is also a public one.
    staff_language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if is_public_language(staff_language):
        return staff_language
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")[:500]):
        code = code.lower()
        if is_public_language(code):
            return code
        base = code.split("-")[0]
        if base != "fi" and is_public_language(base):
            return base
        if base == "fi":
            return "fi"
    return DEFAULT


def remember(response: HttpResponse, language: str) -> None:
    response.set_cookie(COOKIE, language, max_age=COOKIE_AGE, samesite="Lax", httponly=True)


@contextmanager
def reading_in(language: str) -> Iterator[None]:
    """Activate the site's catalogue for ``language`` (plain Finnish reads Finnish where a text
    has no plain version of its own: gettext falls back from ``fi_X-plain`` to ``fi``)."""
    with translation.override(language):
        yield


def html_lang(language: str) -> str:
    return language


__all__ = ["COOKIE", "PLAIN_FINNISH", "PUBLIC_LANGUAGE_CODES", "preferred_language", "reading_in", "remember"]
