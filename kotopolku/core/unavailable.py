"""When the database cannot be reached (restarted, its connection cut, failed over), a request
answers 503, JSON for the APIs and a page for people, instead of a 500.

Nothing is half-written: every service writes inside one transaction, which the database rolls
back when the connection goes. The next request connects anew (``CONN_HEALTH_CHECKS`` throws away
a connection that died between requests), so the service recovers by itself once the database is
back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 5
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)


def is_database_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, UNAVAILABLE_ERRORS)


def unavailable_response(request: HttpRequest, exc: BaseException) -> HttpResponse:
    logger.warning("Database unavailable during %s %s: %s", request.method, request.path, exc)
    response: HttpResponse
    if request.path.startswith(API_PREFIX):
        response = JsonResponse(
            {"detail": _("The service is unavailable for a moment. Nothing was saved; try again shortly.")},
            status=503,
        )
    else:
        # Without the request's context processors: they would need the database.
        body = loader.render_to_string(
            "core/errors/503.html", {"request_id": getattr(request, "request_id", "")}
        )
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection in a view into a 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_unavailable(exception):
            return unavailable_response(request, exception)
        return None
