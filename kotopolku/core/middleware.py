"""Middleware of the whole site."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

API_PREFIX = "/api/v1/"


class NoStoreMiddleware:
    """Personal data is kept in no browser's or proxy's cache (``Cache-Control: no-store``).

    Every answer of the JSON API at ``/api/v1/`` and every page served to a signed-in user is
    marked, unless its view declared it ``public`` (the public service catalogue): clients,
    contacts and whatever the staff pages of a new app show are covered without a decorator.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        declared = response.get("Cache-Control", "")
        # Already marked (a 503 while the database is away, when asking who is signed in would
        # need the database), or declared public: nothing to add.
        if "no-store" in declared or "public" in declared:
            return response
        if _may_hold_personal_data(request):
            patch_cache_control(response, no_store=True, private=True)
        return response


def _may_hold_personal_data(request: HttpRequest) -> bool:
    if request.path.startswith(API_PREFIX):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
