"""Pages that are the same for every reader, kept for a minute.

A page qualifies when it holds nothing of the visit: no form sent by POST (no CSRF or visit
token), no message for one reader. The directory, search, a service's page, the article list
and a service path are such pages; an article is not (its "was this helpful?" form carries a
token per visit). The key is the site's generation (it grows when a site or service point
changes), the language and the full path with its query; what changes in the catalogue or the
articles shows within ``PAGE_CACHE_SECONDS``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from hashlib import sha256
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from kotopolku.website.languages import remember
from kotopolku.website.selectors import sites_generation

PAGE_CACHE_SECONDS = 60

View = Callable[..., HttpResponse]


def _key(request: HttpRequest) -> str:
    path = sha256(f"{request.scheme}://{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"website:page:{sites_generation()}:{path}"


def shared_page(view: View) -> View:
    """Serve a GET page from the cache when there; keep successful answers (200) only."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "GET":
            return view(request, *args, **kwargs)
        key = _key(request)
        kept = cache.get(key)
        if kept is not None:
            content, content_type, language = kept
            response = HttpResponse(content, content_type=content_type)
            response["Content-Language"] = language
            remember(response, language)
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(
                key,
                (response.content, response["Content-Type"], response.get("Content-Language", "")),
                PAGE_CACHE_SECONDS,
            )
        return response

    return wrapper
